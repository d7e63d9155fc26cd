"""Where a campaign stands (read only): who succeeded, what was expected by now, the lift, and what to correct.

A success is a target contact's first outcome of the campaign's metric inside the window
(``starts_on`` .. ``starts_on + window_days``), whether or not it was linked to the campaign:
that is what lets gifted and held-back contacts be compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from giftwise.campaigns.experiment import newcombe_difference
from giftwise.campaigns.schemas import Lift
from giftwise.core.i18n import in_both, t
from giftwise.ledger.drains import detect_drain
from giftwise.ledger.history import History, Period, given_on
from giftwise.models.campaigns import Campaign, CampaignTarget
from giftwise.models.contacts import Contact
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_CAME_BACK, GIFT_SENT

DELIVERY_GRACE_DAYS = 7
SMALL_CONTROL = 30
FAR_BEHIND_ELAPSED = 0.75
FAR_BEHIND_RATIO = 0.5


def successes(campaign: Campaign, history: History, contact_ids: set[int], until: date) -> dict[int, date]:
    """The first day each target reached the metric inside the window (and on or before ``until``)."""
    end = min(until, campaign.ends_on)
    first: dict[int, date] = {}
    for outcome in history.outcomes:
        if outcome.kind != campaign.metric or outcome.contact_id not in contact_ids:
            continue
        if campaign.starts_on <= outcome.on <= end and outcome.contact_id not in first:
            first[outcome.contact_id] = outcome.on
    return first


def expected_by(campaign: Campaign, day: date) -> int:
    """Successes to expect by ``day``: the target pro-rated over the window, rounded up."""
    elapsed = min(max((day - campaign.starts_on).days, 0), campaign.window_days)
    return math.ceil(campaign.target_count * elapsed / campaign.window_days)


def lift(campaign: Campaign, targets: list[CampaignTarget], won: dict[int, date], language: str) -> Lift:
    """Success rates of gifted vs held-back targets with a Newcombe 95 % interval on the difference."""
    gifted = [t.contact_id for t in targets if t.arm != "control"]
    control = [t.contact_id for t in targets if t.arm == "control"]
    g_hits, c_hits = sum(c in won for c in gifted), sum(c in won for c in control)
    counts = Lift(
        gifted_n=len(gifted), gifted_success=g_hits, gifted_rate=_rate(g_hits, gifted), control_n=len(control),
        control_success=c_hits, control_rate=_rate(c_hits, control), difference=None, ci_low=None, ci_high=None,
        confidence=0.95, method="Newcombe hybrid score (Wilson) interval for a difference of proportions",
        note=t("campaigns.lift.none" if not control else "campaigns.lift.empty", language),
    )
    if not control or not gifted:
        return counts
    interval = newcombe_difference(g_hits, len(gifted), c_hits, len(control))
    note = t("campaigns.lift.note", language, gifted_rate=_pct(g_hits / len(gifted)),
        control_rate=_pct(c_hits / len(control)), difference=_pct(interval.estimate, signed=True),
        low=_pct(interval.low, signed=True), high=_pct(interval.high, signed=True),
    )
    if len(control) < SMALL_CONTROL:
        note += t("campaigns.lift.small", language, n=len(control))
    return counts.model_copy(
        update={"difference": interval.estimate, "ci_low": interval.low, "ci_high": interval.high, "note": note}
    )


@dataclass(frozen=True, slots=True)
class Proposal:
    """A correction before it is stored: what to do, for whom, and why in both languages."""

    action: str
    contact_id: int | None
    reason_zh: str
    reason_en: str


def propose_corrections(
    campaign: Campaign,
    *,
    on: date,
    targets: list[CampaignTarget],
    contacts: dict[int, Contact],
    campaign_history: History,
    full_history: History,
    won: dict[int, date],
) -> list[Proposal]:
    """What to change when behind: per contact (gift type, touch frequency, pause), then whether to stop."""
    proposals: list[Proposal] = []
    open_targets = [t for t in targets if t.arm != "control" and t.status == "active" and t.contact_id not in won]
    for target in open_targets:
        contact = contacts[target.contact_id]
        proposal = _contact_proposal(
            contact, on=on, since=campaign.starts_on,
            campaign_history=campaign_history.for_contact(contact.id),
            full_history=full_history.for_contact(contact.id),
        )
        if proposal is not None:
            proposals.append(proposal)
    achieved = sum(1 for t in targets if t.arm != "control" and t.contact_id in won)
    stop = _stop_proposal(campaign, on=on, achieved=achieved, still_open=len(open_targets))
    if stop is not None:
        proposals.append(stop)
    return proposals


def _contact_proposal(
    contact: Contact, *, on: date, since: date, campaign_history: History, full_history: History
) -> Proposal | None:
    period = Period(since, on)
    complaint = next((o for o in full_history.outcomes if o.kind == "complaint" and period.contains(o.on)), None)
    if complaint is not None:
        zh, en = in_both("campaigns.correction.pause_complaint", name=contact.name, on=complaint.on.isoformat())
        return Proposal("pause_contact", contact.id, zh, en)
    drain_zh = detect_drain(full_history, contact_id=contact.id, name=contact.name, today=on, language="zh")
    if drain_zh is not None:
        drain_en = detect_drain(full_history, contact_id=contact.id, name=contact.name, today=on, language="en")
        zh, en = in_both("campaigns.correction.pause_drain", name=contact.name,
                      pattern=(drain_zh.pattern, drain_en.pattern if drain_en else drain_zh.pattern))
        return Proposal("pause_contact", contact.id, zh, en)
    came_back = [g for g in campaign_history.gifts if g.status in GIFT_CAME_BACK]
    if came_back:
        gift = came_back[-1]
        category = campaign_history.category_of(gift)
        item = campaign_history.items.get(gift.item_id) if gift.item_id else None
        zh, en = in_both("campaigns.correction.change_gift_type", name=contact.name,
            gift=((item.name_zh or item.sku) if item else gift.description or "礼物",
                  (item.name_en or item.sku) if item else gift.description or "gift"),
            status=(t(f"ledger.status.{gift.status}", "zh"), t(f"ledger.status.{gift.status}", "en")),
            on=(gift.closed_on or on).isoformat(), category=category,
        )
        return Proposal("change_gift_type", contact.id, zh, en)
    return _frequency_proposal(contact, on=on, period=period, campaign_history=campaign_history)


def _frequency_proposal(contact: Contact, *, on: date, period: Period, campaign_history: History) -> Proposal | None:
    sent = [g for g in campaign_history.gifts if g.status in GIFT_SENT]
    done = [t for t in campaign_history.touches if t.status == TouchStatus.DONE and period.contains(t.done_on)]
    if sent:
        arrived = max(given_on(g) for g in sent)
        after = [t for t in done if t.done_on and t.done_on >= arrived]
        if (on - arrived).days >= DELIVERY_GRACE_DAYS and len(after) < 2:
            zh, en = in_both("campaigns.correction.raise_after_delivery", name=contact.name,
                          days=(on - arrived).days, touches=len(after))
            return Proposal("raise_touch_frequency", contact.id, zh, en)
    unanswered = campaign_history.unanswered_touches(period, answer_days=7, today=on)
    if len(unanswered) >= 2:
        zh, en = in_both("campaigns.correction.raise_unanswered", name=contact.name, n=len(unanswered))
        return Proposal("raise_touch_frequency", contact.id, zh, en)
    if not sent and not done:
        zh, en = in_both("campaigns.correction.raise_no_gift", name=contact.name)
        return Proposal("raise_touch_frequency", contact.id, zh, en)
    return None


def _stop_proposal(campaign: Campaign, *, on: date, achieved: int, still_open: int) -> Proposal | None:
    metric = (t(f"campaigns.metric.{campaign.metric}", "zh"), t(f"campaigns.metric.{campaign.metric}", "en"))
    if achieved + still_open < campaign.target_count:
        zh, en = in_both("campaigns.correction.stop_unreachable", best=achieved + still_open,
                      target=campaign.target_count, metric=metric)
        return Proposal("stop", None, zh, en)
    elapsed = min((on - campaign.starts_on).days / campaign.window_days, 1.0)
    expected = expected_by(campaign, on)
    if elapsed >= FAR_BEHIND_ELAPSED and achieved < FAR_BEHIND_RATIO * expected:
        zh, en = in_both("campaigns.correction.stop_far_behind", elapsed=_pct(elapsed), achieved=achieved,
                      expected=expected, metric=metric)
        return Proposal("stop", None, zh, en)
    return None


def days_left(campaign: Campaign, on: date) -> int:
    """Days until the window closes (0 once it has)."""
    return max((campaign.ends_on - on).days, 0)


def _rate(hits: int, group: list[int]) -> float | None:
    return hits / len(group) if group else None


def _pct(value: float, *, signed: bool = False) -> str:
    return f"{value * 100:+.0f}%" if signed else f"{value * 100:.0f}%"

