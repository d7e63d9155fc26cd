"""Property: whatever the notes say, no ranking contains an item that breaks a stated restriction, the
budget, or the cash ban. Restrictions are mixed with notes praising the very things they forbid."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from tests.recommend.scenarios import own_catalog

ALCOHOL = {"jr-wuliangye", "jr-napa-cab", "jr-sake-set", "jr-decanter", "jr-whisky-stones"}
TOBACCO = {"jr-humidor", "jr-zippo"}
NUTS = {"jr-peanut-brittle", "jr-walnut-cookies", "jr-milk-pralines"}
PORK = {"jr-jinhua-ham"}
MEAT = PORK | {"jr-beef-jerky", "jr-halal-beef"}
SEAFOOD = {"jr-abalone-box", "jr-sashimi"}
SUGAR = {"jr-custard-mooncake", "jr-honey", "jr-peanut-brittle", "jr-walnut-cookies", "jr-milk-pralines",
         "jr-dark-choc", "jr-grandma-jam", "jr-nian-hamper"}
CASH = {"jr-jd-card", "jr-fuel-card", "jr-lucky-money"}

# A restriction as people write it, and the items of the own catalog it must rule out.
RESTRICTIONS: list[tuple[str, set[str]]] = [
    ("He doesn't drink.", ALCOHOL), ("他滴酒不沾。", ALCOHOL), ("Sober for ten years.", ALCOHOL),
    ("戒酒了。", ALCOHOL), ("烟酒都不碰。", ALCOHOL | TOBACCO), ("Non-smoker, hates smoke.", TOBACCO),
    ("Allergic to nuts.", NUTS), ("他对坚果过敏，尤其是花生。", NUTS), ("Severe peanut allergy.", NUTS),
    ("Muslim; eats halal only.", PORK | ALCOHOL | (MEAT - {"jr-halal-beef"})), ("他吃清真。", PORK | ALCOHOL),
    ("Strict vegetarian.", MEAT | SEAFOOD), ("她吃素。", MEAT | SEAFOOD), ("Vegan.", MEAT | SEAFOOD),
    ("有糖尿病，严格控糖。", SUGAR), ("Diabetic.", SUGAR), ("对海鲜过敏。", SEAFOOD), ("Shellfish allergy.", SEAFOOD),
    ("She is pregnant.", ALCOHOL | TOBACCO), ("怀孕五个月了。", ALCOHOL | TOBACCO), ("Doesn't eat pork.", PORK),
]
# Notes that praise what restrictions forbid, or are noise: none of them may open a restriction up.
OTHER_NOTES = [
    "Loves fine wine.", "最爱喝白酒。", "Big fan of Cuban cigars.", "很喜欢吃坚果。", "Loves peanut brittle.",
    "最爱吃金华火腿。", "Huge seafood lover.", "Has a sweet tooth.", "他很爱喝茶。", "Keen golfer.",
    "Collects whisky glasses.", "Asked where to buy a good decanter.", "Gets dozens of mooncakes every festival.",
    "He hates golf.", "Not into sport.", "感冒了。", "Her son was born last week.", "Said he likes gift cards.",
    "Wants a red envelope.", "",
]
OCCASIONS = ["thank-you", "care", "festival", "congratulations", "empathy", "apology"]
# What a pregnancy rules out ends with a birth noted on or after it (the pregnancy is over).
PREGNANCY = {"She is pregnant.", "怀孕五个月了。"}
BIRTH = "Her son was born last week."


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], set[str], Request]:
    restrictions = draw(st.lists(st.sampled_from(RESTRICTIONS), min_size=1, max_size=3))
    others = draw(st.lists(st.sampled_from(OTHER_NOTES), max_size=4))
    today = date(2026, 11, 20)
    notes = []
    for text in [r[0] for r in restrictions] + others:
        day = today - timedelta(days=draw(st.integers(min_value=0, max_value=2000)))
        notes.append({"date": day.isoformat(), "text": text})
    births = [n["date"] for n in notes if n["text"] == BIRTH]
    held = [r for r, note in zip(restrictions, notes, strict=False)
            if not (r[0] in PREGNANCY and any(day >= note["date"] for day in births))]
    forbidden = set().union(*[r[1] for r in held]) | CASH
    profile = {"id": "p", "language": draw(st.sampled_from(["zh", "en"])), "notes": notes,
               "relationship": draw(st.sampled_from(["prospect", "customer", "client", "partner"]))}
    request = Request(occasion=draw(st.sampled_from(OCCASIONS)),
                      budget_max=Decimal(draw(st.integers(min_value=0, max_value=3000))),
                      currency="CNY", as_of=today, top=100)
    return profile, forbidden, request


class TestNeverBroken:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(cases())
    def test_no_recommendation_breaks_a_restriction_the_budget_or_the_cash_ban(
        self, case: tuple[dict[str, Any], set[str], Request]
    ) -> None:
        profile, forbidden, request = case
        result = recommend(person_from_profile(profile, request.as_of), own_catalog(), request)
        ranked = {r.item.id for r in result.recommendations}
        assert not ranked & forbidden
        assert all(r.price is not None and request.budget_max is not None and r.price <= request.budget_max
                   for r in result.recommendations)

    @settings(max_examples=60, deadline=None)
    @given(st.text(max_size=120), st.integers(min_value=0, max_value=3000))
    def test_arbitrary_text_never_unlocks_alcohol_for_someone_sober(self, text: str, budget: int) -> None:
        today = date(2026, 11, 20)
        profile = {"id": "p", "notes": [{"date": "2026-01-01", "text": "Sober for five years."},
                                        {"date": "2026-11-01", "text": text}]}
        request = Request("festival", Decimal(budget), "CNY", today, 100)
        result = recommend(person_from_profile(profile, today), own_catalog(), request)
        assert not {r.item.id for r in result.recommendations} & (ALCOHOL | CASH)
