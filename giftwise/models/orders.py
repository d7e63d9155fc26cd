"""Orders a client placed and the shipments that carry them, line by line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


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


class Shipment(IdMixin, TimestampMixin, Base):
    """A parcel for an order (or a resend settling a dispute): preparing -> packed -> shipped.

    ``packed_units`` is the count at packing time, the first fact a dispute reply states;
    ``missing_promises_reason`` is what the user recorded when packing without a due promise.
    """

    __tablename__ = "shipments"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="order")  # order | resend
    dispute_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="preparing", index=True)
    route: Mapped[str | None] = mapped_column(String(40))
    carrier: Mapped[str | None] = mapped_column(String(80))
    tracking_number: Mapped[str | None] = mapped_column(String(80))
    shipping_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    prepared_on: Mapped[date]
    packed_on: Mapped[date | None]
    shipped_on: Mapped[date | None]
    packed_units: Mapped[int | None]
    missing_promises_reason: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class ShipmentLine(IdMixin, Base):
    """One line in a parcel; ``kind`` is ordered, promised (a promised extra at price 0), resend or surprise."""

    __tablename__ = "shipment_lines"

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id", ondelete="SET NULL"))
    promise_id: Mapped[int | None] = mapped_column(ForeignKey("promises.id", ondelete="SET NULL"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="ordered")
    quantity: Mapped[int]
    unit_cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    unit_price: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    # Weight per unit when known, so a resend's shipping can be priced by the kilo.
    unit_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
