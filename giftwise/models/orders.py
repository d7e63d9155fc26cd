"""Orders a client placed, line by line, and the extras promised to clients ("2 bags once payment lands")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class PromiseStatus(StrEnum):
    """Whether a promise to a client is still owed."""

    OPEN = "open"
    KEPT = "kept"
    CANCELLED = "cancelled"


class Order(IdMixin, TimestampMixin, Base):
    """A client's order: its value and profit are the sums of its lines.

    ``outcome_id`` links the ledger outcome (kind ``order``) recorded for it, so the ledger's
    order history and this table are never counted twice.
    """

    __tablename__ = "orders"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(80), default="")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    ordered_on: Mapped[date] = mapped_column(index=True)
    payment_received_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class OrderLine(IdMixin, Base):
    """One ordered item: catalog item or free description, quantity, what it cost us and its price."""

    __tablename__ = "order_lines"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int]
    unit_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    unit_price: Mapped[Decimal] = mapped_column(default=Decimal("0"))


class Promise(IdMixin, TimestampMixin, Base):
    """Something promised to a contact ("2 free bags once payment lands"), kept until shipped.

    ``condition_kind`` is ``none``, ``payment_received`` (met when the order's payment is
    recorded) or ``manual`` (free text a user confirms, stamping ``condition_met_on``).
    ``touch_id`` is the agenda touch that reminds until the promise is kept.
    """

    __tablename__ = "promises"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(default=1)
    unit_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    condition_kind: Mapped[str] = mapped_column(String(24), default="none")
    condition_text: Mapped[str] = mapped_column(Text, default="")
    condition_met_on: Mapped[date | None]
    due_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default=PromiseStatus.OPEN.value, index=True)
    kept_on: Mapped[date | None]
    kept_note: Mapped[str | None] = mapped_column(Text)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="SET NULL"))
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touches.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
