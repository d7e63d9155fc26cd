"""The decision rule and its figures, as pure functions (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giftwise.core.errors import Invalid
from giftwise.disputes.advice import (
    AdviceInputs,
    Claim,
    PastOrder,
    Route,
    compute,
    decide,
    lifetime_value,
    route,
    rules,
)
from giftwise.disputes.explain import explain

TODAY = date(2026, 11, 16)
ALL_EVIDENCE = frozenset({"photo", "weight", "packed_count"})


def bag_claim(quantity: int = 2, *, cost: str = "40", price: str = "95", weight: str | None = "0.3") -> Claim:
    return Claim("short", quantity, "化妆包", "cosmetic bag", Decimal(cost), Decimal(price),
                 Decimal(weight) if weight else None)


def inputs(**changes: object) -> AdviceInputs:
    """Anna's claim: 2 bags short on a 1,900 CNY order, a repeat client, full evidence."""
    base = AdviceInputs(
        currency="CNY", claim=bag_claim(), order_value=Decimal("1900"), order_profit=Decimal("1100"),
        hours_spent=Decimal("16"), hourly_value=Decimal("150"), route=route("express"), today=TODAY,
        surprise_cost=Decimal("105"),
        history=(PastOrder(date(2026, 2, 10), Decimal("1800")), PastOrder(date(2026, 6, 15), Decimal("2100")),
                 PastOrder(date(2026, 11, 2), Decimal("1900"))),
        margin=Decimal("0.58"), evidence=ALL_EVIDENCE,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def one_off_large_claim(**changes: object) -> AdviceInputs:
    """A first-time buyer says 40 of 100 units arrived damaged; our photo, weight and count say otherwise."""
    values: dict[str, object] = {
        "claim": replace(bag_claim(40, cost="30", price="50"), kind="damaged"), "order_value": Decimal("5000"),
        "order_profit": Decimal("2000"), "hours_spent": Decimal("2"),
        "history": (PastOrder(date(2026, 11, 2), Decimal("5000")),), "margin": Decimal("0.4"),
    }
    return inputs(**{**values, **changes})


class TestDecide:
    def test_repeat_client_gets_resend_plus_surprise(self) -> None:
        assert decide(compute(inputs())).resolution == "resend_surprise"

    def test_one_off_buyer_with_large_claim_and_full_evidence_holds_firm(self) -> None:
        figures = compute(one_off_large_claim())
        assert decide(figures).resolution == "hold_firm"
        assert figures.hold_firm < figures.resend

    def test_missing_photo_means_no_holding_firm(self) -> None:
        decision = decide(compute(one_off_large_claim(evidence=frozenset({"weight", "packed_count"}))))
        assert decision.resolution != "hold_firm"
        assert "not_hold.evidence" in decision.reasons

    def test_small_claim_from_one_off_buyer_is_simply_resent(self) -> None:
        small = one_off_large_claim(claim=replace(bag_claim(2, cost="30", price="50"), kind="damaged"))
        decision = decide(compute(small))
        assert decision.resolution == "resend"
        assert decision.reasons[1] == "not_hold.small"

    def test_shipping_that_dwarfs_the_goods_becomes_a_credit(self) -> None:
        cheap = inputs(claim=bag_claim(1, cost="5", price="12"), lifetime_override=Decimal("100"))
        figures = compute(cheap)
        assert figures.shipping > 3 * figures.goods
        assert decide(figures).resolution == "partial_credit"

    def test_modest_lifetime_value_gets_a_resend_without_surprise(self) -> None:
        decision = decide(compute(inputs(lifetime_override=Decimal("900"))))
        assert decision.resolution == "resend"
        assert "not_surprise" in decision.reasons

    @settings(max_examples=60, deadline=None)
    @given(quantity=st.integers(1, 500), hours=st.integers(0, 80), lifetime=st.integers(0, 200_000),
           orders=st.integers(0, 6), evidence=st.sets(st.sampled_from(sorted(ALL_EVIDENCE))))
    def test_hold_firm_only_when_every_condition_holds(
        self, quantity: int, hours: int, lifetime: int, orders: int, evidence: set[str]
    ) -> None:
        history = tuple(PastOrder(date(2026, 1 + i, 1), Decimal("1900")) for i in range(orders))
        case = inputs(claim=bag_claim(quantity), hours_spent=Decimal(hours), lifetime_override=Decimal(lifetime),
                      history=history, evidence=frozenset(evidence))
        figures = compute(case)
        if decide(figures).resolution == "hold_firm":
            assert orders <= rules()["hold_firm"]["max_history_orders"]
            assert not figures.evidence_missing
            assert figures.claim_share >= 20
            assert figures.hold_firm < figures.resend

    @settings(max_examples=60, deadline=None)
    @given(quantity=st.integers(1, 300), hours=st.integers(0, 60), lifetime=st.integers(0, 100_000))
    def test_break_even_is_where_resending_beats_arguing(self, quantity: int, hours: int, lifetime: int) -> None:
        figures = compute(inputs(claim=bag_claim(quantity), hours_spent=Decimal(hours),
                                 lifetime_override=Decimal(lifetime)))
        if figures.lifetime.value >= figures.break_even:
            assert figures.resend <= figures.hold_firm + Decimal("0.01")
        else:
            assert figures.resend > figures.hold_firm


class TestCompute:
    def test_resend_is_goods_plus_shipping_by_weight(self) -> None:
        figures = compute(inputs())
        assert (figures.goods, figures.weight_kg, figures.shipping, figures.resend) == (
            Decimal("80.00"), Decimal("0.600"), Decimal("156.00"), Decimal("236.00"))

    def test_entered_shipping_cost_wins_over_the_route(self) -> None:
        assert compute(inputs(shipping_override=Decimal("99"))).shipping == Decimal("99.00")

    def test_arguing_costs_at_least_the_minimum_hours(self) -> None:
        figures = compute(inputs(hours_spent=Decimal("0")))
        assert figures.further_hours == Decimal(rules()["further_argue_hours_min"])

    @pytest.mark.usefixtures("english")
    def test_route_in_another_currency_needs_an_entered_cost(self) -> None:
        with pytest.raises(Invalid, match="priced in CNY but the order is in USD"):
            compute(inputs(currency="USD"))

    def test_unknown_route_names_the_known_ones(self) -> None:
        with pytest.raises(Invalid, match="express"):
            route("pigeon")


class TestLifetimeValue:
    def test_entered_value_is_used_as_is(self) -> None:
        assert lifetime_value(inputs(lifetime_override=Decimal("5000"))).value == Decimal("5000.00")

    def test_history_rate_times_horizon_times_margin(self) -> None:
        lifetime = lifetime_value(inputs())
        assert lifetime.basis == "history"
        assert lifetime.orders == 3
        assert Decimal("7") < lifetime.expected_orders < Decimal("8.5")

    def test_one_off_buyer_is_expected_to_order_rarely(self) -> None:
        lifetime = lifetime_value(one_off_large_claim())
        assert lifetime.basis == "one_off"
        assert lifetime.value == Decimal("600.00")  # 0.3 orders x 5,000 x 40%


class TestExplain:
    @pytest.mark.parametrize("language", ["zh", "en"])
    def test_every_figure_is_explained_with_the_recommendation_last(self, language: str) -> None:
        case = inputs()
        figures = compute(case)
        lines = explain(case, figures, decide(figures), language)
        assert len(lines) == 10
        assert "236" in lines[1] and "156" in lines[1]
        assert ("resend plus a surprise" if language == "en" else "补发并附赠惊喜") in lines[-1]

    def test_break_even_line_shows_the_threshold(self) -> None:
        case = one_off_large_claim()
        figures = compute(case)
        lines = explain(case, figures, decide(figures), "en")
        assert f"exceeds {figures.break_even:,.2f}".removesuffix(".00") in lines[7]


def test_routes_file_prices_every_route() -> None:
    chosen = route("sea")
    assert isinstance(chosen, Route) and chosen.days > 0 and chosen.name("zh") == "海运"
