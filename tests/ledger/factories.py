"""Typed factories for ledger and campaign tests: rows written straight to the tables.

Tests build the world directly so they do not depend on other domains' services being
finished; the code under test still goes through its own services.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.models.campaigns import Campaign, CampaignTarget
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.orders import Order
from giftwise.models.outcomes import Outcome
from giftwise.models.shipments import Shipment


def make_gift(
    session: Session,
    actor: Actor,
    contact: Contact,
    *,
    on: date,
    cost: str = "200",
    shipping: str = "0",
    kind: str = "care",
    status: str = "delivered",
    item: CatalogItem | None = None,
    occasion: str = "thank-you",
    campaign_id: int | None = None,
) -> Gift:
    """A gift already on its way (delivered by default) to ``contact``, planned on ``on``."""
    gift = Gift(
        contact_id=contact.id, item_id=item.id if item else None, description="" if item else "a gift",
        cost=Decimal(cost), shipping_cost=Decimal(shipping), kind=kind, status=status, planned_on=on,
        delivered_on=on + timedelta(days=2) if status in ("delivered", "acknowledged") else None,
        closed_on=on + timedelta(days=3) if status in ("returned", "refused") else None,
        occasion=occasion, campaign_id=campaign_id, owner_id=actor.user_id,
    )
    session.add(gift)
    session.flush()
    return gift


def make_touch(
    session: Session,
    actor: Actor,
    contact: Contact,
    *,
    due: date,
    done: date | None = None,
    minutes: int = 0,
    gift: Gift | None = None,
    result: str | None = None,
    purpose: str = "keep-in-touch",
) -> Touch:
    """A touch, done when ``done`` is given."""
    touch = Touch(
        contact_id=contact.id, gift_id=gift.id if gift else None, purpose=purpose, due_on=due,
        status="done" if done else "open", done_on=done, minutes_spent=minutes, owner_id=actor.user_id,
        result=result,
    )
    session.add(touch)
    session.flush()
    return touch


def make_outcome(
    session: Session, contact: Contact, kind: str, on: date, *, value: str = "0", gift: Gift | None = None,
    campaign_id: int | None = None,
) -> Outcome:
    """An outcome row written directly (for building histories)."""
    outcome = Outcome(
        contact_id=contact.id, kind=kind, on=on, value=Decimal(value), gift_id=gift.id if gift else None,
        campaign_id=campaign_id,
    )
    session.add(outcome)
    session.flush()
    return outcome


def make_campaign(
    session: Session, actor: Actor, *, starts_on: date, targets: list[Contact] | None = None, metric: str = "meeting"
) -> Campaign:
    """A plain campaign (meeting with 2 targets in 21 days, 6000 budget) with the given targets."""
    campaign = Campaign(
        name="Q4 key accounts", goal="meet them", metric=metric, target_count=2, window_days=21,
        starts_on=starts_on, total_budget=Decimal("6000"), per_contact_cap=Decimal("800"), owner_id=actor.user_id,
    )
    session.add(campaign)
    session.flush()
    for contact in targets or []:
        session.add(CampaignTarget(campaign_id=campaign.id, contact_id=contact.id, arm="gifted", added_on=starts_on))
    session.flush()
    return campaign


def make_dispute(
    session: Session, actor: Actor, contact: Contact, *, opened: date, cost: str = "0", hours: str = "0"
) -> Dispute:
    """A dispute on a shipped order (order and shipment written alongside)."""
    order = Order(contact_id=contact.id, ordered_on=opened, owner_id=actor.user_id)
    session.add(order)
    session.flush()
    shipment = Shipment(order_id=order.id, contact_id=contact.id, prepared_on=opened, owner_id=actor.user_id)
    session.add(shipment)
    session.flush()
    dispute = Dispute(shipment_id=shipment.id, order_id=order.id, contact_id=contact.id, claim_kind="short",
                      opened_on=opened, cost_total=Decimal(cost), hours_spent=Decimal(hours), owner_id=actor.user_id)
    session.add(dispute)
    session.flush()
    return dispute
