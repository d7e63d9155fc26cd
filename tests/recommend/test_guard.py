"""The fail-safe guard: on random catalogs and random people, no item holding what a person must avoid is
ever proposed (one at a time, in the factor-vector API, or in the batch), and an edible item whose content
cannot be told is never proposed to them without "check the ingredients"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Person, Request, recommend, score_pairs
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 11, 20)
# Words that name a content, as catalogs write them; the test knows the truth of every item it builds.
CONTENT_WORDS: dict[str, list[str]] = {
    "alcohol": ["aged baijiu", "陈年白酒", "single malt whisky", "女儿红黄酒", "craft beer"],
    "tobacco": ["cuban cigars", "雪茄", "中华香烟"],
    "pork": ["jinhua ham", "猪肉脯", "iberico jamón"],
    "seafood": ["dried scallops", "即食海参", "king prawns"],
    "nuts": ["roasted almonds", "碧根果", "hazelnut praline"],
    "peanuts": ["peanut brittle", "花生糖"],
    "sugar": ["milk chocolate", "冰糖", "toffee"],
}
# What each restriction forbids among those contents.
FORBIDS: dict[str, set[str]] = {
    "no_alcohol": {"alcohol"}, "no_tobacco": {"tobacco"}, "halal": {"pork", "alcohol"},
    "vegetarian": {"pork", "seafood"}, "no_nuts": {"nuts", "peanuts"}, "no_seafood": {"seafood"},
    "no_sugar": {"sugar"}, "no_pork": {"pork"},
}
NEUTRAL = ["wool scarf", "羊毛围巾", "leather notebook", "台灯", "bluetooth speaker", "保温杯"]
# Edible words that say nothing of what is inside.
MYSTERY_FOOD = ["festive snack hamper", "家乡特产零食礼包", "assorted treats box"]


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], dict[str, set[str]], set[str]]:
    """Random items: each with a truth (the contents its words name) and whether it is a mystery food."""
    items, truth, mystery = [], {}, set()
    for k in range(draw(st.integers(min_value=3, max_value=12))):
        kind = draw(st.sampled_from(["content", "neutral", "mystery"]))
        item_id = f"i{k}"
        if kind == "content":
            content = draw(st.sampled_from(sorted(CONTENT_WORDS)))
            words = draw(st.sampled_from(CONTENT_WORDS[content]))
            truth[item_id] = {content}
        elif kind == "neutral":
            words = draw(st.sampled_from(NEUTRAL))
            truth[item_id] = set()
        else:
            words = draw(st.sampled_from(MYSTERY_FOOD))
            truth[item_id] = set()
            mystery.add(item_id)
        where = draw(st.sampled_from(["name", "description"]))
        item: dict[str, Any] = {"id": item_id, "price": draw(st.integers(min_value=20, max_value=400)),
                                "currency": "CNY", "name": {"en": f"Gift {chr(65 + k)}"}}
        if where == "name":
            item["name"] = {"en": words, "zh": words}
        else:
            item["description"] = {"en": f"A gift box with {words} inside."}
        items.append(item)
    return items, truth, mystery


def _person(restrictions: list[str]) -> Person:
    facts = [FactRecord("restriction", r, TODAY, source_text=r, origin="confirmed") for r in restrictions]
    return Person(id="p", language="en", facts=facts)


def _request(occasion: str) -> Request:
    return Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(catalogs(), st.lists(st.sampled_from(sorted(FORBIDS)), min_size=1, max_size=2, unique=True),
       st.sampled_from(["thank-you", "care", "festival"]))
def test_no_forbidden_content_on_any_ranking_path(
    catalog: tuple[list[dict[str, Any]], dict[str, set[str]], set[str]], restrictions: list[str], occasion: str,
) -> None:
    raw, truth, _ = catalog
    items = analyze_catalog(raw)
    forbidden = set().union(*(FORBIDS[r] for r in restrictions))
    ranked = recommend(_person(restrictions), items, _request(occasion)).recommendations
    scored = score_pairs(_person(restrictions), items, _request(occasion)).recommendations
    batch = rank_batch([_person(restrictions)], items, _request(occasion))[0].picks
    for item_id in [s.item.id for s in ranked] + [s.item.id for s in scored] + [p.item_id for p in batch]:
        assert not truth[item_id] & forbidden, (item_id, truth[item_id], restrictions)


@SETTINGS
@given(catalogs(), st.sampled_from(["no_nuts", "no_alcohol", "halal", "no_sugar"]))
def test_a_mystery_food_always_says_check_the_ingredients(
    catalog: tuple[list[dict[str, Any]], dict[str, set[str]], set[str]], restriction: str,
) -> None:
    raw, _, mystery = catalog
    ranked = recommend(_person([restriction]), analyze_catalog(raw), _request("thank-you")).recommendations
    for scored in ranked:
        if scored.item.id in mystery:
            assert any("check the ingredients" in reason for reason in scored.reasons), scored.reasons


def test_an_alcohol_free_drink_stays_for_a_non_drinker() -> None:
    raw = [{"id": "juice", "name": {"en": "Alcohol-free sparkling grape juice", "zh": "无醇葡萄汁"}, "price": 98,
            "currency": "CNY"}]
    ranked = recommend(_person(["no_alcohol"]), analyze_catalog(raw), _request("thank-you")).recommendations
    assert [s.item.id for s in ranked] == ["juice"]


def test_a_pressed_tea_cake_is_not_sugar_for_a_diabetic() -> None:
    raw = [{"id": "puer", "name": {"en": "Yunnan pressed tea cake"}, "description": {"en": "A 357 g cake of aged "
                                                                                        "pu'er."}, "price": 260,
            "currency": "CNY"}]
    ranked = recommend(_person(["no_sugar"]), analyze_catalog(raw), _request("festival")).recommendations
    assert [s.item.id for s in ranked] == ["puer"]
    assert not any("check the ingredients" in r for r in ranked[0].reasons)


@SETTINGS
@given(catalogs())
def test_no_one_is_asked_to_check_a_food_for_tobacco(
    catalog: tuple[list[dict[str, Any]], dict[str, set[str]], set[str]],
) -> None:
    """Tobacco is never hidden inside another thing: neither a stated nor the presumed no-tobacco rule puts
    "check the ingredients" on a mystery food or a rice cooker (a cigar is still ruled out)."""
    raw, truth, _ = catalog
    for person in (_person(["no_tobacco"]), _person([])):
        for scored in recommend(person, analyze_catalog(raw), _request("thank-you")).recommendations:
            assert "tobacco" not in truth[scored.item.id]
            assert not any("tobacco" in reason for reason in scored.reasons), scored.reasons


def test_a_pick_up_ticket_is_money_for_everyone() -> None:
    raw = [{"id": "crab", "name": {"zh": "阳澄湖大闸蟹提货券"}, "price": 388, "currency": "CNY"},
           {"id": "scarf", "name": {"en": "Wool scarf"}, "price": 388, "currency": "CNY"}]
    result = recommend(_person([]), analyze_catalog(raw), _request("festival"))
    assert [s.item.id for s in result.recommendations] == ["scarf"]
    assert [e.item.id for e in result.excluded] == ["crab"]


def _profile_person(notes: list[str], **extra: Any) -> Any:
    from giftwise.recommend.portable import person_from_profile

    profile = {"id": "p", "language": "en", "notes": [{"date": "2026-11-01", "text": n} for n in notes], **extra}
    return person_from_profile(profile, TODAY)


LIMITS_CATALOG = [
    {"id": "wine", "name": {"en": "Rioja reserva"}, "price": 150, "currency": "CNY"},
    {"id": "book", "name": {"en": "Photo book of the city"}, "price": 120, "currency": "CNY"},
    {"id": "scarf", "name": {"en": "Cashmere scarf"}, "price": 900, "currency": "CNY"},
]


def test_an_employers_stated_cap_binds_on_every_path() -> None:
    person = _profile_person(["Their compliance rule: no gifts over USD 50."])
    items = analyze_catalog(LIMITS_CATALOG)
    ranked = [s.item.id for s in recommend(person, items, _request("thank-you")).recommendations]
    batch = [p.item_id for p in rank_batch([person], items, _request("thank-you"))[0].picks]
    assert "scarf" not in ranked and "scarf" not in batch and "book" in ranked


def test_a_cap_in_a_foreign_currency_binds_items_priced_in_yuan() -> None:
    """18 dollars or 700 baht are under 150 yuan: the 150-yuan wine and the scarf are over either, the book is not."""
    items = analyze_catalog(LIMITS_CATALOG)
    for note in ("Client's ethics office now: no gifts >$18 a year, all logged.",
                 "对方公司规定不能收超过700泰铢的礼物"):
        ranked = [s.item.id for s in recommend(_profile_person([note]), items, _request("thank-you")).recommendations]
        assert ranked == ["book"], (note, ranked)


def test_an_official_gets_no_liquor_even_under_the_cap() -> None:
    person = _profile_person(["Works at the tax bureau."])
    items = analyze_catalog(LIMITS_CATALOG)
    ranked = [s.item.id for s in recommend(person, items, _request("thank-you")).recommendations]
    batch = [p.item_id for p in rank_batch([person], items, _request("thank-you"))[0].picks]
    assert "wine" not in ranked and "wine" not in batch and "book" in ranked


def test_fruit_and_tea_leaves_hide_no_animal_content_or_alcohol() -> None:
    """A box of pears or a tin of green tea is never "check the ingredients" for seafood, meat or alcohol; a pastry
    of unstated filling still is."""
    raw = [{"id": "pears", "name": {"zh": "雪花梨 礼箱"}, "description": {"zh": "河北特产，清甜多汁。"}, "price": 128,
            "currency": "CNY", "category": "水果"},
           {"id": "tea", "name": {"zh": "安吉白茶 100g", "en": "Anji white tea"}, "price": 268, "currency": "CNY"},
           {"id": "pastry", "name": {"zh": "老字号糕点礼盒", "en": "Heritage pastry box"}, "price": 168,
            "currency": "CNY"}]
    for restriction in ("no_seafood", "vegetarian", "halal"):
        ranked = {s.item.id: s.reasons for s in recommend(_person([restriction]), analyze_catalog(raw),
                                                          _request("festival")).recommendations}
        assert not any("check the ingredients" in r for r in ranked["pears"] + ranked["tea"]), ranked
        assert any("check the ingredients" in r for r in ranked["pastry"]), ranked
