"""Gifts: one investment in a relationship, with its dated life."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, get_args

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base, IdMixin, TimestampMixin


class GiftStatus(StrEnum):
    """Where a gift is in its life; the column stores the value."""

    PLANNED = "planned"
    APPROVED = "approved"
    ORDERED = "ordered"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    ACKNOWLEDGED = "acknowledged"
    RETURNED = "returned"
    REFUSED = "refused"
    LOST = "lost"
    CANCELLED = "cancelled"


# planned -> approved -> ordered -> shipped -> delivered -> acknowledged; the branches close a gift.
GIFT_MAIN_LINE = (GiftStatus.PLANNED, GiftStatus.APPROVED, GiftStatus.ORDERED, GiftStatus.SHIPPED,
                  GiftStatus.DELIVERED, GiftStatus.ACKNOWLEDGED)
# Closed: the recipient does not keep it (or it never left), so it counts toward no cap and no thanks.
GIFT_CLOSED = frozenset({GiftStatus.RETURNED, GiftStatus.REFUSED, GiftStatus.LOST, GiftStatus.CANCELLED})
# Sent: it left our hands, whatever came of it.
GIFT_SENT = frozenset({GiftStatus.SHIPPED, GiftStatus.DELIVERED, GiftStatus.ACKNOWLEDGED, GiftStatus.RETURNED,
                       GiftStatus.REFUSED, GiftStatus.LOST})
# Spent: the money is gone (ordered or sent).
GIFT_SPENT = GIFT_SENT | {GiftStatus.ORDERED}
# Came back: the recipient said no; a reason category is recorded.
GIFT_CAME_BACK = frozenset({GiftStatus.RETURNED, GiftStatus.REFUSED})
# Arrived: in the recipient's hands.
GIFT_ARRIVED = frozenset({GiftStatus.DELIVERED, GiftStatus.ACKNOWLEDGED})


# What a free-text gift is; compliance reads "voucher" (cards, coupons, pick-up tickets) and "cash" as cash.
ItemKind = Literal["goods", "food", "drink", "voucher", "cash", "experience"]
ITEM_KINDS: tuple[str, ...] = get_args(ItemKind)


class Gift(IdMixin, TimestampMixin, Base):
    """A gift to a contact: a catalog item or a free description.

    ``kind`` is ``care`` (礼物: answers the person's situation), ``token`` (礼品: what everyone
    sends) or ``obligation``. Status runs planned -> approved -> ordered -> shipped ->
    delivered -> acknowledged, or branches to returned, refused, lost.
    """

    __tablename__ = "gifts"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    # What a free-text gift is (goods, food, drink, voucher, cash, experience): compliance treats a voucher or
    # cash as cash; a catalog item's own text says what it is, so its gifts leave this empty.
    item_kind: Mapped[str | None] = mapped_column(String(16))
    campaign_id: Mapped[int | None] = mapped_column(index=True)
    occasion: Mapped[str] = mapped_column(String(24), default="thank-you")
    kind: Mapped[str] = mapped_column(String(16), default="care")
    free_will: Mapped[bool] = mapped_column(default=True)
    free_will_overridden: Mapped[bool] = mapped_column(default=False)
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    shipping_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    reason: Mapped[str] = mapped_column(Text, default="")
    story: Mapped[str] = mapped_column(Text, default="")
    card_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=GiftStatus.PLANNED.value, index=True)
    status_reason: Mapped[str | None] = mapped_column(String(40))
    planned_on: Mapped[date]
    approved_on: Mapped[date | None]
    ordered_on: Mapped[date | None]
    shipped_on: Mapped[date | None]
    delivered_on: Mapped[date | None]
    acknowledged_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    needs_approval: Mapped[bool] = mapped_column(default=False)
    # What compliance said when the gift was planned (why it needs approval, or that it was not checked).
    compliance_notes: Mapped[list[str]] = mapped_column(default=list)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class GiftEvent(IdMixin, Base):
    """One dated status transition of a gift, with who made it and why."""

    __tablename__ = "gift_events"

    gift_id: Mapped[int] = mapped_column(ForeignKey("gifts.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    on: Mapped[date]
    reason: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=clock.now)


def gift_day(gift: Gift) -> date:
    """When a gift was (or will be) given: delivered, else shipped, else planned."""
    return gift.delivered_on or gift.shipped_on or gift.planned_on


class GiftChoiceLink(IdMixin, Base):
    """A private link that lets the recipient answer for a planned gift: accept it, swap it for one of up to three
    alternatives the rep pre-approved, decline it (with an optional reason) or ask for a donation in their name.

    Only the SHA-256 of the token is stored; the link works until ``expires_at`` and for one answer. The address
    the recipient confirms is kept here and shown to the rep only once confirmed.
    """

    __tablename__ = "gift_choice_links"

    gift_id: Mapped[int] = mapped_column(ForeignKey("gifts.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    alternative_ids: Mapped[list[Any]] = mapped_column(default=list)  # catalog item ids, at most three
    note: Mapped[str] = mapped_column(Text, default="")  # the rep's words to the recipient
    answer: Mapped[str | None] = mapped_column(String(16))  # accept | swap | decline | donate
    answered_at: Mapped[datetime | None]
    chosen_item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str | None] = mapped_column(Text)
    address_confirmed_at: Mapped[datetime | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
