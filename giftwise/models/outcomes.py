"""Outcomes: what came back from a relationship (reply, meeting, order, return...)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class Outcome(IdMixin, TimestampMixin, Base):
    """One thing that came back, linked to the gift, touch or campaign it answers."""

    __tablename__ = "outcomes"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(index=True)
    # reply | meeting | order | referral | complaint | return | refusal | silence
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    gift_id: Mapped[int | None] = mapped_column(ForeignKey("gifts.id", ondelete="SET NULL"))
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touches.id", ondelete="SET NULL"))
    campaign_id: Mapped[int | None] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(Text, default="")
