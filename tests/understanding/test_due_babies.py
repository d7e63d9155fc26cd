"""A pregnancy told by when the baby is due, or in the Vietnamese reps write in mixed notes, is read as one; money or
a start date that is due is not."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.extractor import extract

ON = date(2026, 4, 1)


def events(text: str) -> set[str]:
    return {f.concept for f in extract(text, ON) if f.kind == "event"}


@pytest.mark.parametrize("text", [
    "Linh from the Hanoi office: first baby due early August, so happy",
    "their twins are due around the end of June",
    "chị Mai mang thai rồi, team threw a small party",
    "Ms Thu có bầu, 5 months",
])
def test_a_baby_due_or_a_vietnamese_word_for_pregnant_is_a_pregnancy(text: str) -> None:
    found = {(f.kind, f.concept) for f in extract(text, ON)}
    assert ("event", "pregnancy") in found and ("restriction", "no_alcohol") in found


@pytest.mark.parametrize("text", [
    "Invoice due end of May; baby steps on the renewal.",
    "the baby is due to start nursery in September",
    "Q3 payment due mid July",
])
def test_something_else_due_is_no_pregnancy(text: str) -> None:
    assert "pregnancy" not in events(text)
