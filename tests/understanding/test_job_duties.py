"""A job the person does is not a taste or a need of theirs: the one who books the group's trips or buys its
wine is telling us their duties ("负责差旅", "in charge of the wine list"), not that they travel or drink."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.extractor import extract

ON = date(2026, 10, 1)


def tastes(text: str) -> set[tuple[str, str]]:
    """(kind, concept) of the interests and needs a note states."""
    return {(f.kind, f.concept) for f in extract(text, ON) if f.kind in ("interest", "need", "wish")}


@pytest.mark.parametrize("text", [
    "周经理在总部分管差旅和会务",
    "小何负责公司差旅预订，人很细心",
    "Dana is in charge of travel bookings for the whole sales force",
    "Raj is responsible for travel and events at the Pune office",
])
def test_a_duty_is_no_taste(text: str) -> None:
    assert not {c for _, c in tastes(text)} & {"travel", "travel_gear"}


def test_the_same_words_about_the_person_still_count() -> None:
    assert {c for _, c in tastes("周经理一个月出差十几次，常年在机场")} & {"travel", "travel_gear"}
