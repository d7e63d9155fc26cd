"""Settle a claim by value, not by argument: the figures and the one decision rule (pure, no database).

The thresholds live in ``giftwise/data/disputes/advice_rules.json`` and the shipping routes in
``shipping_routes.json``; the wording of the explanation is in ``explain.py`` / the ``disputes.advice.*`` messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Any

from giftwise.core.errors import Invalid
from giftwise.core.i18n import bilingual

RESOLUTIONS = ("resend", "resend_surprise", "partial_credit", "hold_firm")
EVIDENCE_KINDS = ("photo", "weight", "packed_count")
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """``value`` rounded to cents."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@cache
def data_file(name: str) -> dict[str, Any]:
    """The parsed data file ``name`` from giftwise/data/disputes (comment key dropped)."""
    path = resources.files("giftwise") / "data" / "disputes" / name
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def rules() -> dict[str, Any]:
    """The decision thresholds from ``advice_rules.json``."""
    return data_file("advice_rules.json")


@dataclass(frozen=True)
class Route:
    """A shipping route for a resend, priced as base + per_kg x weight."""

    key: str
    name_zh: str
    name_en: str
    currency: str
    base: Decimal
    per_kg: Decimal
    days: int

    def name(self, language: str) -> str:
        """The route's name in ``language``."""
        return bilingual(language, self.name_zh, self.name_en)


def routes() -> dict[str, Route]:
    """Every shipping route from ``shipping_routes.json``, by key."""
    return {
        key: Route(key, raw["zh"], raw["en"], raw["currency"], Decimal(raw["base"]), Decimal(raw["per_kg"]),
                   int(raw["days"]))
        for key, raw in data_file("shipping_routes.json").items()
    }


def route(key: str | None) -> Route:
    """The route named ``key`` (default: the rules' default route); Invalid for an unknown name."""
    known = routes()
    name = key or str(rules()["default_route"])
    if name not in known:
        raise Invalid("disputes.shipping_route_one", name=name, items=', '.join(known), field="route")
    return known[name]


@dataclass(frozen=True)
class PastOrder:
    """One order in the client's history: when, and how much it was worth."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class Claim:
    """What the client says went wrong, priced by the shipment line it concerns."""

    kind: str
    quantity: int
    item_name_zh: str
    item_name_en: str
    unit_cost: Decimal
    unit_price: Decimal
    unit_weight_kg: Decimal | None


@dataclass(frozen=True)
class AdviceInputs:
    """Everything the advice weighs, in the order's currency."""

    currency: str
    claim: Claim
    order_value: Decimal
    order_profit: Decimal
    hours_spent: Decimal
    hourly_value: Decimal
    route: Route
    today: date
    shipping_override: Decimal | None = None
    surprise_cost: Decimal | None = None
    surprise_label_zh: str = ""
    surprise_label_en: str = ""
    history: tuple[PastOrder, ...] = ()
    margin: Decimal | None = None
    lifetime_override: Decimal | None = None
    evidence: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lifetime:
    """The client's expected lifetime value and how it was reached."""

    value: Decimal
    basis: str  # entered | history | one_off
    orders: int = 0
    average_order: Decimal = Decimal("0")
    margin: Decimal = Decimal("0")
    expected_orders: Decimal = Decimal("0")
    horizon_years: Decimal = Decimal("0")


@dataclass(frozen=True)
class Figures:
    """The computed money figures behind the advice."""

    goods: Decimal
    weight_kg: Decimal
    shipping: Decimal
    resend: Decimal
    surprise: Decimal
    credit: Decimal
    claim_value: Decimal
    claim_share: Decimal
    spent: Decimal
    further_hours: Decimal
    argue: Decimal
    loss_risk: Decimal
    hold_firm: Decimal
    break_even: Decimal
    lifetime: Lifetime
    evidence_missing: tuple[str, ...]
    options: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The recommended resolution and the reason keys that explain it."""

    resolution: str
    reasons: tuple[str, ...]


def lifetime_value(inputs: AdviceInputs) -> Lifetime:
    """Expected future profit from the client: entered, or from the rate and size of past orders."""
    if inputs.lifetime_override is not None:
        return Lifetime(value=money(inputs.lifetime_override), basis="entered", orders=len(inputs.history))
    cfg = rules()["lifetime"]
    horizon = Decimal(cfg["horizon_years"])
    margin = inputs.margin if inputs.margin is not None else Decimal(cfg["default_margin"])
    history = inputs.history
    average = sum((o.value for o in history), Decimal("0")) / len(history) if history else inputs.order_value
    if len(history) <= 1:
        expected = Decimal(cfg["one_off_expected_orders"])
        basis = "one_off"
    else:
        first = min(o.on for o in history)
        months = max(Decimal(cfg["min_history_months"]), Decimal((inputs.today - first).days) / Decimal("30.44"))
        expected = Decimal(len(history)) / (months / 12) * horizon
        basis = "history"
    value = money(expected * average * margin)
    return Lifetime(value=value, basis=basis, orders=len(history), average_order=money(average), margin=margin,
                    expected_orders=expected.quantize(Decimal("0.1")), horizon_years=horizon)


def compute(inputs: AdviceInputs) -> Figures:
    """Every figure the advice weighs: resend, surprise, credit, arguing, lifetime value, break-even."""
    cfg = rules()
    claim = inputs.claim
    qty = Decimal(claim.quantity)
    unit_weight = claim.unit_weight_kg if claim.unit_weight_kg is not None else Decimal(cfg["default_unit_weight_kg"])
    weight = (qty * unit_weight).quantize(Decimal("0.001"))
    goods = money(qty * claim.unit_cost)
    shipping = money(inputs.shipping_override if inputs.shipping_override is not None else _route_cost(inputs, weight))
    resend = goods + shipping
    surprise_qty = Decimal(cfg["surprise"]["default_quantity"])
    surprise = money(inputs.surprise_cost if inputs.surprise_cost is not None else surprise_qty * claim.unit_cost)
    claim_value = money(qty * claim.unit_price)
    credit = money(claim_value * Decimal(cfg["partial_credit"]["credit_share"]))
    share = (claim_value / inputs.order_value * 100).quantize(Decimal("1")) if inputs.order_value else Decimal("100")
    further = max(
        Decimal(cfg["further_argue_hours_min"]), inputs.hours_spent * Decimal(cfg["further_argue_hours_ratio"])
    )
    argue = money(further * inputs.hourly_value)
    risk = Decimal(cfg["loss_risk_if_argued"])
    lifetime = lifetime_value(inputs)
    hold_firm = money(argue + risk * lifetime.value)
    break_even = money(max(Decimal("0"), (resend - argue) / risk)) if risk else Decimal("0")
    missing = tuple(k for k in cfg["hold_firm"]["requires_evidence"] if k not in inputs.evidence)
    options = {"resend": resend, "resend_surprise": resend + surprise, "partial_credit": credit, "hold_firm": hold_firm}
    return Figures(
        goods=goods, weight_kg=weight, shipping=shipping, resend=resend, surprise=surprise, credit=credit,
        claim_value=claim_value, claim_share=share, spent=money(inputs.hours_spent * inputs.hourly_value),
        further_hours=further.quantize(Decimal("0.1")), argue=argue, loss_risk=risk, hold_firm=hold_firm,
        break_even=break_even, lifetime=lifetime, evidence_missing=missing, options=options,
    )


def _route_cost(inputs: AdviceInputs, weight: Decimal) -> Decimal:
    chosen = inputs.route
    if chosen.currency != inputs.currency:
        raise Invalid(
            "disputes.route_priced_but_order", key=chosen.key, currency=chosen.currency, currency2=inputs.currency,
            field="shipping_cost",
        )
    return chosen.base + chosen.per_kg * weight


def decide(figures: Figures) -> Decision:
    """The recommended resolution: the one place the dispute decision rule lives.

    Thresholds come from ``advice_rules.json``. In order:

    1. **hold_firm** only when the numbers really say so, all at once: the client is a one-off
       buyer (at most ``hold_firm.max_history_orders`` orders), the claim is large (at least
       ``hold_firm.min_claim_share`` of the order at the price paid), every kind of evidence in
       ``hold_firm.requires_evidence`` is held, and arguing (further hours x hourly value, plus
       ``loss_risk_if_argued`` x lifetime value) costs less than both resending and a credit.
    2. **partial_credit** when shipping costs more than ``partial_credit.shipping_over_goods``
       times the goods and the credit costs less than the resend: crediting beats posting.
    3. **resend_surprise** when the lifetime value is at least ``surprise.min_lifetime_multiple``
       times the whole gesture (resend + surprise): a client worth keeping gets a preview of
       the new line, which invites the next order.
    4. **resend** otherwise: settle it today at the cost of the goods and shipping.
    """
    cfg = rules()
    hold = cfg["hold_firm"]
    lifetime = figures.lifetime
    one_off = lifetime.orders <= int(hold["max_history_orders"])
    large = figures.claim_share >= Decimal(hold["min_claim_share"]) * 100
    evidence_complete = not figures.evidence_missing
    cheaper_to_argue = figures.hold_firm < min(figures.resend, figures.credit)
    if one_off and large and evidence_complete and cheaper_to_argue:
        return Decision("hold_firm", ("why.hold_firm",))
    not_hold = tuple(
        key for key, failed in (
            ("not_hold.repeat", not one_off), ("not_hold.small", not large),
            ("not_hold.evidence", not evidence_complete), ("not_hold.cheaper", not cheaper_to_argue),
        ) if failed
    )
    shipping_heavy = figures.shipping > Decimal(cfg["partial_credit"]["shipping_over_goods"]) * figures.goods
    if shipping_heavy and figures.credit < figures.resend:
        return Decision("partial_credit", ("why.partial_credit",))
    multiple = Decimal(cfg["surprise"]["min_lifetime_multiple"])
    if lifetime.value >= multiple * (figures.resend + figures.surprise):
        return Decision("resend_surprise", ("why.resend_surprise",))
    return Decision("resend", ("why.resend", *not_hold[:1], "not_surprise"))
