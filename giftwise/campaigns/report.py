"""A campaign's funnel as people look at it: how many targets reached each step.

``campaigns.report_service`` reads the campaign's detail, scoreboard and charts from the database.
"""

from __future__ import annotations

from datetime import date

from giftwise.ledger.history import History, given_on
from giftwise.models.campaigns import CampaignTarget
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_SENT, GiftStatus

FUNNEL = ("targets", "gifted_arm", "gift_planned", "gift_sent", "delivered", "followed_up", "succeeded",
          "control", "control_succeeded")


def funnel(targets: list[CampaignTarget], history: History, won: dict[int, date]) -> dict[str, int]:
    """How many targets reached each step: gifted group, gift planned, sent, delivered, followed up, succeeded."""
    gifted = [t.contact_id for t in targets if t.arm != "control"]
    live = [g for g in history.gifts if g.status != GiftStatus.CANCELLED]
    planned = {g.contact_id for g in live}
    sent = {g.contact_id for g in live if g.status in GIFT_SENT}
    delivered = {g.contact_id for g in live if g.delivered_on is not None}
    first_given: dict[int, date] = {}
    for gift in live:
        if gift.status in GIFT_SENT:
            first_given[gift.contact_id] = min(first_given.get(gift.contact_id, given_on(gift)), given_on(gift))
    followed = {
        t.contact_id for t in history.touches
        if t.status == TouchStatus.DONE and t.done_on and t.contact_id in first_given
        and t.done_on >= first_given[t.contact_id]
    }
    control = [t.contact_id for t in targets if t.arm == "control"]
    return {
        "targets": len(targets),
        "gifted_arm": len(gifted),
        "gift_planned": sum(c in planned for c in gifted),
        "gift_sent": sum(c in sent for c in gifted),
        "delivered": sum(c in delivered for c in gifted),
        "followed_up": sum(c in followed for c in gifted),
        "succeeded": sum(c in won for c in gifted),
        "control": len(control),
        "control_succeeded": sum(c in won for c in control),
    }
