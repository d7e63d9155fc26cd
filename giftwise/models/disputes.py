"""Promises made to clients, the evidence kept for shipments, and disputes settled by value."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base, IdMixin, TimestampMixin


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
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | kept | cancelled
    kept_on: Mapped[date | None]
    kept_note: Mapped[str | None] = mapped_column(Text)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="SET NULL"))
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touches.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


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


class Dispute(IdMixin, TimestampMixin, Base):
    """A client's claim on a shipment, its cost analysis, the chosen resolution and what came of it.

    Status runs open -> resolved (resolution carried out: resend, gift, touches, ledger) ->
    closed (the later outcome measured: reordered, lost, quiet).
    """

    __tablename__ = "disputes"

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    claim_kind: Mapped[str] = mapped_column(String(24))  # short | damaged | wrong-colour | wrong-item | other
    claim_quantity: Mapped[int] = mapped_column(default=0)
    claim_line_id: Mapped[int | None] = mapped_column(ForeignKey("shipment_lines.id", ondelete="SET NULL"))
    claim_text: Mapped[str] = mapped_column(Text, default="")
    client_words: Mapped[str] = mapped_column(Text, default="")
    hours_spent: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    opened_on: Mapped[date]
    route: Mapped[str | None] = mapped_column(String(40))
    shipping_cost_override: Mapped[Decimal | None]
    surprise_item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id"))
    surprise_description: Mapped[str] = mapped_column(Text, default="")
    surprise_quantity: Mapped[int] = mapped_column(default=0)
    surprise_unit_cost: Mapped[Decimal | None]
    lifetime_value_override: Mapped[Decimal | None]
    recommended: Mapped[str | None] = mapped_column(String(24))
    advice: Mapped[dict[str, Any] | None]
    resolution: Mapped[str | None] = mapped_column(String(24))
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    credit_amount: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    cost_total: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    reply_draft: Mapped[str | None] = mapped_column(Text)
    gift_id: Mapped[int | None] = mapped_column(ForeignKey("gifts.id", ondelete="SET NULL"))
    resend_shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="SET NULL"))
    resolved_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(String(16))  # reordered | lost | quiet
    outcome_value: Mapped[Decimal | None]
    # The ledger's complaint outcome recorded when the dispute was opened.
    complaint_outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id", ondelete="SET NULL"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
