"""Parcels that carry orders (and resends settling disputes), line by line, and the evidence kept for them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base, IdMixin, TimestampMixin


class ShipmentStatus(StrEnum):
    """Where a parcel is: preparing -> packed -> shipped."""

    PREPARING = "preparing"
    PACKED = "packed"
    SHIPPED = "shipped"


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
    status: Mapped[str] = mapped_column(String(16), default=ShipmentStatus.PREPARING.value, index=True)
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


class Evidence(IdMixin, Base):
    """One piece of evidence about a shipment: a photo file (with sha256), a weight, or a packing note.

    ``stored_path`` is relative to ``settings.evidence_dir`` so the data folder can move.
    """

    __tablename__ = "evidence"

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # photo | weight | note
    stored_path: Mapped[str | None] = mapped_column(String(400))
    original_name: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None]
    sha256: Mapped[str | None] = mapped_column(String(64))
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
