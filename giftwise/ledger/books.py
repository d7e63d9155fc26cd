"""The books of a relationship or a campaign: money, time and friction against what came back.

Pure functions over a loaded ``History``; the attribution rule says which orders count towards
which gifts, and its wording travels with every ROI figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from giftwise.core.i18n import t
from giftwise.core.settings import get_settings
from giftwise.ledger.attribution import AttributionRule, GivenGift, ValuedOutcome, attribute
from giftwise.ledger.history import History, Period, given_on
from giftwise.ledger.schemas import Books, RoiRow
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import Gift, GiftStatus
from giftwise.models.outcomes import Outcome

ZERO = Decimal("0")


def credit_per_gift(history: History, rule: AttributionRule, gifts: list[Gift]) -> dict[int, Decimal]:
    """Attributed value of each of ``gifts`` under ``rule``, from every valued outcome known."""
    given = [GivenGift(id=g.id, contact_id=g.contact_id, given_on=given_on(g)) for g in gifts]
    valued = (
        ValuedOutcome(contact_id=o.contact_id, kind=o.kind, on=o.on, value=history.value_of(o), gift_id=o.gift_id)
        for o in history.outcomes
    )
    return attribute(rule, given, valued)


def roi_of(spent: Decimal, attributed: Decimal) -> float | None:
    """(attributed − spent) ÷ spent, or None when nothing was spent."""
    if spent <= 0:
        return None
    return round(float((attributed - spent) / spent), 4)


def compute_books(
    history: History,
    period: Period,
    *,
    rule: AttributionRule,
    language: str,
    today: date,
    subject: str,
    currency: str,
    answer_days: int = 14,
) -> Books:
    """Money, time, friction and returns of ``history`` inside ``period`` (ROI by ``rule``)."""
    gifts = history.spent_gifts(period)
    costs = [history.cost_of(g) for g in gifts]
    cost = sum((price for price, _ in costs), ZERO)
    shipping = sum((ship for _, ship in costs), ZERO)
    touches = [t for t in history.touches if t.status == TouchStatus.DONE and period.contains(t.done_on)]
    outcomes = [o for o in history.outcomes if period.contains(o.on)]
    count = _counter(outcomes)
    disputes = [d for d in history.disputes if period.contains(d.opened_on)]
    attributed = sum(credit_per_gift(history, rule, gifts).values(), ZERO)
    closed = [g for g in history.gifts if period.contains(g.closed_on)]
    returned_gift_ids = {g.id for g in closed if g.status == GiftStatus.RETURNED}
    refused_gift_ids = {g.id for g in closed if g.status == GiftStatus.REFUSED}
    return Books(
        subject=subject,
        since=period.since,
        until=period.until or today,
        currency=currency,
        gifts=len(gifts),
        gift_cost=cost,
        shipping=shipping,
        spent=cost + shipping,
        touches_done=len(touches),
        minutes=sum(t.minutes_spent or 0 for t in touches),
        returns=len(returned_gift_ids | {o.gift_id for o in outcomes if o.kind == "return" and o.gift_id})
        + sum(1 for o in outcomes if o.kind == "return" and o.gift_id is None),
        refusals=len(refused_gift_ids | {o.gift_id for o in outcomes if o.kind == "refusal" and o.gift_id})
        + sum(1 for o in outcomes if o.kind == "refusal" and o.gift_id is None),
        complaints=count("complaint"),
        disputes=len(disputes),
        dispute_cost=sum((history.dispute_cost(d) for d in disputes), ZERO),
        dispute_minutes=int(sum((d.hours_spent or ZERO for d in disputes), ZERO) * 60),
        unanswered_touches=len(history.unanswered_touches(period, answer_days=answer_days, today=today)),
        silences=count("silence"),
        replies=count("reply"),
        meetings=count("meeting"),
        orders=count("order"),
        order_value=sum((history.value_of(o) for o in outcomes if o.kind == "order"), ZERO),
        referrals=count("referral"),
        referral_value=sum((history.value_of(o) for o in outcomes if o.kind == "referral"), ZERO),
        attributed_value=attributed,
        roi=roi_of(cost + shipping, attributed),
        attribution_rule=rule.describe(language),
        time_cost=time_cost(sum(t.minutes_spent or 0 for t in touches)
                            + int(sum((d.hours_spent or ZERO for d in disputes), ZERO) * 60)),
        currency_note=t("ledger.in_base", language, currency=currency),
    )


def time_cost(minutes: int) -> Decimal:
    """``minutes`` of a rep's time priced at GIFTWISE_HOURLY_COST (in the base currency), to the cent."""
    return (get_settings().hourly_cost * minutes / 60).quantize(Decimal("0.01"))


ROI_GROUPS = ("kind", "category", "occasion", "campaign")


def roi_rows(
    history: History,
    period: Period,
    *,
    rule: AttributionRule,
    by: str,
    campaign_names: dict[int, str] | None = None,
) -> list[RoiRow]:
    """ROI and return/refusal rates of the gifts in ``period``, grouped ``by`` kind, category, occasion or campaign."""
    key = _grouping(history, by, campaign_names or {})
    gifts = history.spent_gifts(period)
    credit = credit_per_gift(history, rule, gifts)
    groups: dict[str, list[Gift]] = defaultdict(list)
    for gift in gifts:
        groups[key(gift)].append(gift)
    rows = []
    for value, members in sorted(groups.items()):
        spent = sum((history.spent_on(g) for g in members), ZERO)
        attributed = sum((credit.get(g.id, ZERO) for g in members), ZERO)
        sent = [g for g in members if g.status != GiftStatus.ORDERED]
        returned = sum(1 for g in members if g.status == GiftStatus.RETURNED)
        refused = sum(1 for g in members if g.status == GiftStatus.REFUSED)
        rows.append(
            RoiRow(
                group=by, value=value, gifts=len(members), spent=spent, attributed_value=attributed,
                roi=roi_of(spent, attributed), returned=returned, refused=refused,
                return_rate=round(returned / len(sent), 4) if sent else None,
                refusal_rate=round(refused / len(sent), 4) if sent else None,
            )
        )
    return rows


def _grouping(history: History, by: str, campaign_names: dict[int, str]) -> Callable[[Gift], str]:
    if by == "kind":
        return lambda g: g.kind
    if by == "category":
        return history.category_of
    if by == "occasion":
        return lambda g: g.occasion
    return lambda g: campaign_names.get(g.campaign_id, f"#{g.campaign_id}") if g.campaign_id else "-"


def _counter(outcomes: list[Outcome]) -> Callable[[str], int]:
    counts: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        counts[outcome.kind] += 1
    return lambda kind: counts[kind]
