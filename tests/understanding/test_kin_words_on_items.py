"""老妈 and 老爸 on a product are a shop or dish name, not a gift for parents; in a note they still are parents."""

from __future__ import annotations

from datetime import date

from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_item


def test_a_dish_named_for_mum_is_no_gift_for_parents() -> None:
    item = analyze_item({"id": "x", "name": {"zh": "老妈蹄花 真空装"}, "price": 60, "currency": "CNY",
                         "category": "food"})
    assert "parents" not in item.serves


def test_a_note_about_mum_still_speaks_of_parents() -> None:
    person = person_from_profile({"id": "p", "name": "周总", "language": "zh",
                                  "notes": [{"date": "2026-05-01", "text": "周总说他老妈腰不好，常年贴膏药"}]},
                                 date(2026, 6, 1))
    assert any(f.concept == "parents" for f in person.facts)
