"""A retail season named in business talk ("the back-to-school listing", "开学季的集装箱") is business, not a child
starting school: no school need, so no school bags for a buyer without children. A child starting school still is."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.recommend.engine import understand_person
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.lexicon import load_lexicon

AS_OF = date(2026, 8, 20)


def _needs(note: str, language: str) -> set[str]:
    person = person_from_profile({"id": "p", "name": "Jo", "language": language, "relationship": "client",
                                  "notes": [{"date": "2026-08-10", "text": note}]}, AS_OF)
    return set(understand_person(person, {}, AS_OF, load_lexicon()).needs)


@pytest.mark.parametrize(("note", "language"), [
    ("Thanks to Jo we won the back-to-school listing at her chain this year.", "en"),
    ("Our container was delayed, so Jo missed her back-to-school window.", "en"),
    ("开学季的集装箱晚到了两周，Jo 很着急", "zh"),
])
def test_a_retail_season_in_business_talk_is_no_school_start(note: str, language: str) -> None:
    assert "school_start" not in _needs(note, language)


def test_a_child_starting_school_still_is() -> None:
    assert "school_start" in _needs("Jo's son is starting school next month, she is excited.", "en")
