"""A relationship's history in memory: gifts, touches, outcomes and disputes, plus the sums the ledger makes.

Loaded once per question (``ledger.service.load_history``), then read by pure functions: books, drains, ROI,
potential.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from giftwise.ledger.schemas import POSITIVE_KINDS
from giftwise.models.catalog import CatalogItem
from giftwise.models.disputes import Dispute
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_SPENT, Gift
from giftwise.models.outcomes import Outcome

# Converts an amount in a currency, dated, into the book's base currency (identity until rates are known).
ToBase = Callable[[Decimal, str, date], Decimal]


def _same(amount: Decimal, currency: str, on: date) -> Decimal:
    return amount


def given_on(gift: Gift) -> date:
    """The day a gift reached (or left for) the contact: delivered, else shipped, ordered, planned."""
    return gift.delivered_on or gift.shipped_on or gift.ordered_on or gift.planned_on


def gift_money(gift: Gift) -> Decimal:
    """What a gift cost, shipping included."""
    return (gift.cost or Decimal(0)) + (gift.shipping_cost or Decimal(0))


@dataclass(frozen=True, slots=True)
class DoneTouch:
    """What the ledger reads of a done touch: read as plain columns, since a book holds tens of thousands and
    building each as a table row (with its timestamps) was most of the ledger's time."""

    id: int
    contact_id: int
    gift_id: int | None
    status: str
    done_on: date | None
    minutes_spent: int


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
    touches: list[DoneTouch] = field(default_factory=list)  # done ones (``load_history`` reads no others)
    outcomes: list[Outcome] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    items: dict[int, CatalogItem] = field(default_factory=dict)
    # Every amount is summed in the base currency: gifts, orders and disputes may each be in their own.
    to_base: ToBase = _same
    dispute_currency: dict[int, str] = field(default_factory=dict)
    _by_contact: dict[int, History] | None = field(default=None, repr=False)

    def spent_on(self, gift: Gift) -> Decimal:
        """What a gift cost, shipping included, in the base currency (at the rate of the day it was given)."""
        return self.to_base(gift_money(gift), gift.currency, given_on(gift))

    def cost_of(self, gift: Gift) -> tuple[Decimal, Decimal]:
        """(the gift's price, its shipping), each in the base currency."""
        day = given_on(gift)
        return (self.to_base(gift.cost or Decimal(0), gift.currency, day),
                self.to_base(gift.shipping_cost or Decimal(0), gift.currency, day))

    def value_of(self, outcome: Outcome) -> Decimal:
        """What an outcome was worth, in the base currency at the rate of its day."""
        return self.to_base(outcome.value or Decimal(0), outcome.currency, outcome.on)

    def dispute_cost(self, dispute: Dispute) -> Decimal:
        """What settling a dispute cost, in the base currency (its order's currency converted)."""
        currency = self.dispute_currency.get(dispute.id)
        cost = dispute.cost_total or Decimal(0)
        return self.to_base(cost, currency, dispute.opened_on) if currency else cost

    def for_contact(self, contact_id: int) -> History:
        """The part of the history about one contact (grouped once, so a whole book stays linear)."""
        if self._by_contact is None:
            groups: dict[int, History] = defaultdict(
                lambda: History(items=self.items, to_base=self.to_base, dispute_currency=self.dispute_currency))
            for gift in self.gifts:
                groups[gift.contact_id].gifts.append(gift)
            for touch in self.touches:
                groups[touch.contact_id].touches.append(touch)
            for outcome in self.outcomes:
                groups[outcome.contact_id].outcomes.append(outcome)
            for dispute in self.disputes:
                groups[dispute.contact_id].disputes.append(dispute)
            self._by_contact = dict(groups)
        return self._by_contact.get(contact_id) or History(
            items=self.items, to_base=self.to_base, dispute_currency=self.dispute_currency)

    def spent_gifts(self, period: Period | None = None) -> list[Gift]:
        """Gifts that cost money, given inside ``period``."""
        return [
            g for g in self.gifts if g.status in GIFT_SPENT and (period is None or period.contains(given_on(g)))
        ]

    def category_of(self, gift: Gift) -> str:
        """The gift's catalog category, or "free" for a free description."""
        item = self.items.get(gift.item_id) if gift.item_id else None
        return (item.category if item and item.category else "") or "free"

    def unanswered_touches(self, period: Period, *, answer_days: int, today: date) -> list[DoneTouch]:
        """Done touches in ``period`` after which no positive outcome came within ``answer_days``."""
        window = timedelta(days=answer_days)
        answered_touches = {o.touch_id for o in self.outcomes if o.kind in POSITIVE_KINDS and o.touch_id}
        positive_days: dict[int, list[date]] = defaultdict(list)
        for outcome in self.outcomes:
            if outcome.kind in POSITIVE_KINDS:
                positive_days[outcome.contact_id].append(outcome.on)
        for days in positive_days.values():
            days.sort()
        unanswered = []
        for touch in self.touches:
            done_on = touch.done_on
            if (touch.status != TouchStatus.DONE or done_on is None or not period.contains(done_on)
                    or done_on + window > today):
                continue
            days = positive_days.get(touch.contact_id, [])
            first_after = bisect_left(days, done_on)
            followed = first_after < len(days) and days[first_after] <= done_on + window
            if touch.id not in answered_touches and not followed:
                unanswered.append(touch)
        return unanswered
