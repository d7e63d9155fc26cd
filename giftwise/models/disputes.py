"""Disputes: a client's claim on a parcel, settled by value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class DisputeStatus(StrEnum):
    """Where a dispute is: open -> resolved (resolution carried out) -> closed (outcome measured)."""

    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


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
    status: Mapped[str] = mapped_column(String(16), default=DisputeStatus.OPEN.value, index=True)
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
