"""A client who has just given birth is presumed nursing for some months: a congratulation brings her no wine or
spirits, though what only the pregnancy ruled out is over."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item

AS_OF = date(2026, 11, 20)

SHELF = [
    catalog_item("red-pair", "Ribera del Duero red, two bottles", "西班牙杜埃罗河岸红酒两支", 480, "wine"),
    catalog_item("rice-spirit", "Aged rice spirit 42%", "陈酿米香型白酒", 260, "liquor"),
    catalog_item("swaddles", "Organic cotton swaddle blankets, set of 3", "有机棉新生儿包被三条装", 320, "baby"),
    catalog_item("thermos", "Stainless steel thermos", "不锈钢保温杯", 180, "home"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(SHELF)


@pytest.mark.parametrize(("language", "notes"), [
    ("zh", [("2026-05-06", "陈经理怀孕了，明年初生"), ("2026-11-12", "陈经理顺产生了个儿子，在家坐月子")]),
    ("en", [("2026-05-06", "Ana is pregnant, due early winter"), ("2026-11-12", "Ana had a baby boy on Tuesday!")]),
])
def test_no_wine_or_spirits_for_a_mother_weeks_after_the_birth(
        items: list[ItemProfile], language: str, notes: list[tuple[str, str]]) -> None:
    profile = {"id": "p", "name": "Ana", "language": language, "relationship": "client",
               "notes": [{"date": day, "text": text} for day, text in notes]}
    request = Request("congratulations", Decimal(600), "CNY", AS_OF, top=100)
    result = recommend(person_from_profile(profile, AS_OF), items, request)
    ranked = [r.item.id for r in result.recommendations]
    assert not {"red-pair", "rice-spirit"} & set(ranked)
    assert "swaddles" in ranked
