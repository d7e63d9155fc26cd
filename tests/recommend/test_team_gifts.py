"""A gift meant for a whole team (issue 11): the team is heard in more phrasings, our own team is not theirs,
and food the team can share comes before one person's things. Our own words and items."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.recommend.taboos import moments_of
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import catalog_item, ranked_for_notes

AS_OF = date(2026, 10, 20)

CATALOG = [
    catalog_item("snack-crates", "Office snack crates, 12 servings", "办公室零食分享箱 12人份", 600, "catering"),
    catalog_item("fruit-hamper", "Seasonal fruit basket", "时令水果果篮", 300, "fruit"),
    catalog_item("massage-pad", "Shiatsu back massager", "揉捏靠背按摩器", 450, "health"),
    catalog_item("hardback", "Strategy bestseller, hardcover", "战略类畅销书 精装", 120, "books"),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


@pytest.mark.parametrize("note", [
    "her ops crew (about 12 people) stayed all night fixing the migration",
    "we'd like to order some snacks for their office as a thank-you",
    "行政部集体的零食可以收，别送个人的",
    "打算给team买点吃的",
])
def test_a_team_is_heard_in_more_phrasings(note: str) -> None:
    assert "team_shares" in moments_of([note])


def test_our_own_team_is_not_the_recipients() -> None:
    assert "team_shares" not in moments_of(["he wrote a kind email to our whole team after launch"])


@pytest.mark.parametrize("note", [
    "Ops lead; her crew (about 12 people) pulled two night shifts to recover the data",
    "运维部集体加班两周，这次想给团队一点心意",
])
def test_food_the_team_shares_comes_before_one_persons_things(items: list[ItemProfile], note: str) -> None:
    ranked = ranked_for_notes(items, [note], "thank-you", as_of=AS_OF, noted_on="2026-10-10")
    top = set(ranked[:2])
    assert top & {"snack-crates", "fruit-hamper"}
    assert ranked.index("massage-pad") > 1 and ranked.index("hardback") > 1
