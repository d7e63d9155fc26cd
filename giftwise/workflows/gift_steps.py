"""A gift's steps as the rep takes them, with what they set off in other domains.

Planning a campaign gift first asks the campaign whether this contact may get one (an active
campaign, a target in the gifted group, not paused): a gift to a held-back contact would spoil the
lift measurement. Moving a gift along its life (approved, shipped, delivered...) schedules or
closes its follow-up touches: the story before sending, the delivery check with the usage tip, the
reciprocity opportunity while gratitude is fresh.

The gifts service itself knows nothing of campaigns or touches; the edges (routes, commands,
pages, the demo) call these steps.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from giftwise.accounts.service import visible_contact
from giftwise.campaigns.service import check_campaign_gift
from giftwise.core.actor import Actor
from giftwise.followups.service import schedule_gift_touches
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.gifts import Gift, GiftStatus


def plan(session: Session, actor: Actor, *, data: GiftCreate) -> Gift:
    """Plan a gift (``giftwise.gifts.service.plan_gift``), refused when its campaign may not include the contact."""
    if data.campaign_id is not None:
        contact = visible_contact(session, actor, data.contact_id)
        check_campaign_gift(session, actor, campaign_id=data.campaign_id, contact_id=contact.id)
    return gifts.plan_gift(session, actor, data=data)


def cancel(
    session: Session, actor: Actor, *, gift_id: int, on: date | None = None, reason: str | None = None
) -> Gift:
    """Drop a gift that has not left (planned, approved, ordered): no cost, and its open touches are closed."""
    return move(session, actor, gift_id=gift_id, to_status=GiftStatus.CANCELLED, on=on, reason=reason)


def move(
    session: Session, actor: Actor, *, gift_id: int, to_status: str, on: date | None = None, reason: str | None = None
) -> Gift:
    """Move a gift to ``to_status`` (``giftwise.gifts.service.transition``) and bring its follow-up touches in line."""
    gift = gifts.transition(session, actor, gift_id=gift_id, to_status=to_status, on=on, reason=reason)
    schedule_gift_touches(session, actor, gift_id=gift.id)
    session.flush()
    return gift
