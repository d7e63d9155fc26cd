"""A relationship's history in memory: gifts, touches, outcomes and disputes, plus the sums the ledger makes.

Loaded once per question (``load``), then read by pure functions: books, drains, ROI, potential.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.ledger import repository
from giftwise.ledger.schemas import POSITIVE_KINDS
from giftwise.models.catalog import CatalogItem
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.outcomes import Outcome

# A gift costs money once it is ordered; planned, approved and cancelled gifts have not cost anything yet.
SPENT_STATUSES = frozenset({"ordered", "shipped", "delivered", "acknowledged", "returned", "refused", "lost"})
SENT_STATUSES = frozenset({"shipped", "delivered", "acknowledged", "returned", "refused", "lost"})


def given_on(gift: Gift) -> date:
    """The day a gift reached (or left for) the contact: delivered, else shipped, ordered, planned."""
    return gift.delivered_on or gift.shipped_on or gift.ordered_on or gift.planned_on


def gift_money(gift: Gift) -> Decimal:
    """What a gift cost, shipping included."""
    return (gift.cost or Decimal(0)) + (gift.shipping_cost or Decimal(0))


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive span of days; an open end means "since ever" or "until today"."""

    since: date | None = None
    until: date | None = None

    def contains(self, day: date | None) -> bool:
        """True when ``day`` falls inside the period."""
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


@dataclass(slots=True)
class History:
    """Everything the ledger reads about some contacts."""

    gifts: list[Gift] = field(default_factory=list)
    touches: list[Touch] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    items: dict[int, CatalogItem] = field(default_factory=dict)

    def for_contact(self, contact_id: int) -> History:
        """The part of the history about one contact."""
        return History(
            gifts=[g for g in self.gifts if g.contact_id == contact_id],
            touches=[t for t in self.touches if t.contact_id == contact_id],
            outcomes=[o for o in self.outcomes if o.contact_id == contact_id],
            disputes=[d for d in self.disputes if d.contact_id == contact_id],
            items=self.items,
        )

    def spent_gifts(self, period: Period | None = None) -> list[Gift]:
        """Gifts that cost money, given inside ``period``."""
        return [
            g for g in self.gifts if g.status in SPENT_STATUSES and (period is None or period.contains(given_on(g)))
        ]

    def category_of(self, gift: Gift) -> str:
        """The gift's catalog category, or "free" for a free description."""
        item = self.items.get(gift.item_id) if gift.item_id else None
        return (item.category if item and item.category else "") or "free"

    def unanswered_touches(self, period: Period, *, answer_days: int, today: date) -> list[Touch]:
        """Done touches in ``period`` after which no positive outcome came within ``answer_days``."""
        positives = [o for o in self.outcomes if o.kind in POSITIVE_KINDS]
        window = timedelta(days=answer_days)
        unanswered = []
        for touch in self.touches:
            if touch.status != "done" or not period.contains(touch.done_on) or touch.done_on is None:
                continue
            if touch.done_on + window > today:
                continue
            done_on = touch.done_on
            answered = any(
                o.touch_id == touch.id or (o.contact_id == touch.contact_id and done_on <= o.on <= done_on + window)
                for o in positives
            )
            if not answered:
                unanswered.append(touch)
        return unanswered


def load(
    session: Session,
    actor: Actor,
    *,
    contact_ids: Iterable[int] | None = None,
    campaign_id: int | None = None,
) -> History:
    """The history of the visible contacts (or ``contact_ids``); with a campaign, only its gifts and their touches."""
    from giftwise.accounts.service import contact_scope

    scope = contact_scope(session, actor)
    ids = None if contact_ids is None else sorted(set(contact_ids))
    gifts = repository.gifts_of(session, scope, contact_ids=ids, campaign_id=campaign_id)
    if campaign_id is not None:
        touches = repository.touches_of(session, scope, contact_ids=ids)
        gift_ids = {g.id for g in gifts}
        touches = [t for t in touches if t.gift_id in gift_ids or t.gift_id is None]
    else:
        touches = repository.touches_of(session, scope, contact_ids=ids)
    outcomes = repository.outcomes_of(session, scope, contact_ids=ids)
    involved = ids if ids is not None else sorted({g.contact_id for g in gifts} | {o.contact_id for o in outcomes})
    return History(
        gifts=gifts,
        touches=touches,
        outcomes=outcomes,
        disputes=repository.disputes_of(session, involved),
        items=repository.items_by_id(session, (g.item_id for g in gifts if g.item_id)),
    )
