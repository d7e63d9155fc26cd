"""A child the notes place at university age (an admission, leaving high school, a university's short name) is a
young adult: a grown-up student's gift (a pen, headphones) comes before toys and picture books, in either language;
a young child mentioned beside keeps the children's things in play."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 9, 1)
CATALOG = [
    {"id": "brick-castle", "name": {"en": "Brick castle building set", "zh": "积木城堡"},
     "description": {"en": "1,200 bricks, ages 8 and up.", "zh": "1200颗粒，8岁以上。"}, "price": 600,
     "currency": "CNY", "category": "toys"},
    {"id": "story-books", "name": {"en": "Illustrated story books", "zh": "儿童故事绘本"},
     "description": {"en": "Set of 8, for ages 3-6.", "zh": "8册，适合3-6岁。"}, "price": 240, "currency": "CNY",
     "category": "books", "tags": ["kids"]},
    {"id": "study-headset", "name": {"en": "Noise-cancelling headphones", "zh": "降噪耳机"},
     "description": {"en": "Over-ear, for study and travel.", "zh": "头戴式，自习和旅行都合适。"}, "price": 1500,
     "currency": "CNY", "category": "electronics"},
]


@pytest.mark.parametrize(("notes", "language"), [
    (["Ms Park's daughter just got her acceptance letter, starts in March"], "en"),
    (["Tom's son graduating high school next month, heading to Michigan in the fall"], "en"),
    (["刘总儿子考上浙大了，全家都很高兴"], "zh"),
])
def test_a_child_off_to_university_gets_a_grown_up_gift(notes: list[str], language: str) -> None:
    ids = ranked_for_notes(analyze_catalog(CATALOG), notes, "congratulations", as_of=AS_OF, noted_on="2026-08-20",
                           language=language, name="Park", budget=2000)
    assert ids[0] == "study-headset"
    assert ids.index("story-books") > ids.index("study-headset")


def test_a_young_sibling_keeps_childrens_things_in_play() -> None:
    notes = ["刘总儿子考上浙大了", "刘总小女儿五岁，爱听故事"]
    ids = ranked_for_notes(analyze_catalog(CATALOG), notes, "congratulations", as_of=AS_OF, noted_on="2026-08-20",
                           language="zh", name="Liu", budget=2000)
    assert "story-books" in ids[:2]
