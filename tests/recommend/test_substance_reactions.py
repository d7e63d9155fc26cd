"""A reaction to a substance the lexicon has no word for (issue 11): the note's words become a restriction, and
every item whose name, description or tags name the substance (or its listed other-language name) is ruled out,
with a reason citing the note; items that do not name it stay. Our own words and items, through the single
ranking, the batch and the fail-safe guard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.compliance.policy import load_policy
from giftwise.compliance.verdict import Recipient
from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.guard import Subject, review
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.profile import understand

AS_OF = date(2026, 11, 10)


def _item(item_id: str, en: str, zh: str, description: dict[str, str] | None = None,
          tags: list[str] | None = None) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": description or {"en": "", "zh": ""},
            "price": 200, "currency": "CNY", "category": "beauty", "tags": tags or []}


CATALOG = [
    _item("balm", "Lip balm trio", "润唇膏三支装", {"en": "Beeswax with pure lanolin.", "zh": "蜂蜡配纯羊毛脂。"}),
    _item("peel", "Glow peel pads", "焕亮棉片", {"en": "", "zh": "温和果酸配方，去角质。"}),
    _item("toner", "Brightening toner", "亮肤爽肤水", tags=["niacinamide", "5%"]),
    _item("serum", "Brightening serum", "提亮精华", {"en": "", "zh": "含5%烟酰胺。"}),
    _item("night", "Overnight firming cream", "紧致晚霜", {"en": "With encapsulated retinol.", "zh": ""}),
    _item("cica", "Cica soothing cream", "积雪草舒缓霜", {"en": "Centella and panthenol, fragrance free.",
                                                        "zh": "积雪草与泛醇，无香精。"}),
    _item("towel", "Bamboo face towels", "竹纤维洗脸巾"),
]

NOTES = [
    ("上个月她说对羊毛脂过敏，嘴唇肿了好几天。", "zh", {"balm"}),
    ("The last lip product left her allergic to lanolin, she told us.", "en", {"balm"}),
    ("她对果酸过敏，换季时尤其明显。", "zh", {"peel"}),
    ("她说用了烟酰胺之后脸就红，之后再也没买。", "zh", {"toner", "serum"}),
    ("He had a bad reaction to the retinol serum we sent in spring.", "en", {"night"}),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _person(note: str, language: str) -> Any:
    profile = {"id": "p", "name": "Ada Wu" if language == "en" else "吴女士", "language": language,
               "relationship": "customer", "notes": [{"date": "2026-09-20", "text": note}]}
    return person_from_profile(profile, AS_OF)


REQUEST = Request("apology", Decimal(1000), "CNY", AS_OF, top=100)


@pytest.mark.parametrize("note, language, out", NOTES)
def test_a_reaction_rules_out_items_naming_the_substance(items: list[ItemProfile], note: str, language: str,
                                                         out: set[str]) -> None:
    person = _person(note, language)
    result = recommend(person, items, REQUEST)
    ranked = {r.item.id for r in result.recommendations}
    batch = {p.item_id for p in rank_batch([person], items, REQUEST)[0].picks}
    assert not (ranked | batch) & out
    assert ranked >= {"cica", "towel"}


@pytest.mark.parametrize("note, language, out", NOTES)
def test_the_guard_blocks_the_substance_and_cites_it(items: list[ItemProfile], note: str, language: str,
                                                     out: set[str]) -> None:
    person = _person(note, language)
    subject = Subject(understand(person.facts, AS_OF), Recipient(), language)
    for item in items:
        found = review(item, subject, policy=load_policy(), lexicon=load_lexicon(), currency="CNY")
        assert found.allowed is (item.id not in out)


def test_the_reason_cites_the_note(items: list[ItemProfile]) -> None:
    person = _person("她对果酸过敏，换季时尤其明显。", "zh")
    excluded = recommend(person, items, REQUEST).excluded
    reasons = " ".join(e.reason for e in excluded if e.item.id == "peel")
    assert "果酸" in reasons and "换季" in reasons


def test_liking_a_substance_rules_nothing_out(items: list[ItemProfile]) -> None:
    person = _person("她很喜欢含羊毛脂的润唇膏，说用了嘴唇不干。", "zh")
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    assert ranked >= {"balm", "peel", "toner"}
