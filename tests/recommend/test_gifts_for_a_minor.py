"""A gift for a child's own day (a birthday, a graduation) is the child's: nothing only adults may have, however
much the parent drinks or smokes. A grown son's birthday keeps the usual choice."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 4, 2)

SHELF = [
    catalog_item("baijiu", "Maotai-flavour baijiu, 500 ml", "酱香型白酒 500毫升", 420, "liquor"),
    catalog_item("cider", "Orchard cider, four bottles", "苹果西打四瓶装", 150, "drinks", "6.5% vol."),
    catalog_item("liqueur-chocs", "Cherry liqueur chocolates", "樱桃酒心巧克力", 180, "sweets"),
    catalog_item("cigarillos", "Cigarillos, tin of 20", "小雪茄 20支装", 260, "tobacco"),
    catalog_item("dino-kit", "Dinosaur dig kit for kids aged 6-12", "儿童恐龙化石挖掘套装 6-12岁", 160, "toys"),
    catalog_item("football", "Size 4 youth football", "青少年4号足球", 180, "sport"),
]
ADULTS_ONLY = {"baijiu", "cider", "liqueur-chocs", "cigarillos"}


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(SHELF)


@pytest.mark.parametrize(("language", "notes"), [
    ("zh", ["李总酒量好，烟也抽", "李总儿子下个月满九岁，过生日想要足球"]),
    ("en", ["Jason drinks and smokes cigarillos at every dinner", "Jason's boy turns 9 next week, birthday party "
                                                                   "at a football pitch"]),
])
def test_nothing_for_adults_only_on_a_childs_birthday(items: list[ItemProfile], language: str,
                                                     notes: list[str]) -> None:
    ranked = ranked_for_notes(items, notes, "congratulations", as_of=AS_OF, noted_on="2026-03-28",
                              language=language)
    assert not ADULTS_ONLY & set(ranked)
    assert "football" in ranked


def test_a_grown_sons_birthday_keeps_the_drinks(items: list[ItemProfile]) -> None:
    ranked = ranked_for_notes(items, ["李总爱喝白酒", "李总儿子下周30岁生日"], "congratulations", as_of=AS_OF,
                              noted_on="2026-03-28", language="zh")
    assert "baijiu" in ranked
