"""Touches (the agenda), custom dates, and the digest mail log."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class TouchStatus(StrEnum):
    """Whether a touch is still on the agenda."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


# Finished: off the agenda, done or deliberately skipped.
TOUCH_FINISHED = frozenset({TouchStatus.DONE, TouchStatus.SKIPPED})


class Touch(IdMixin, TimestampMixin, Base):
    """A planned contact moment: pre-send story, delivery check, reciprocity opportunity, call...

    The agenda is the touches that are due. ``minutes_spent`` feeds the ledger's time cost.
    """

    __tablename__ = "touches"
    # At most one open self-scheduled cadence touch per contact and purpose, even when two
    # agenda refreshes run at once (PostgreSQL does not serialise them the way SQLite does).
    __table_args__ = (
        Index("uq_touches_open_cadence", "contact_id", "purpose", unique=True,
              sqlite_where=text("status = 'open' AND source = 'cadence'"),
              postgresql_where=text("status = 'open' AND source = 'cadence'")),
    )

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    gift_id: Mapped[int | None] = mapped_column(ForeignKey("gifts.id", ondelete="SET NULL"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16), default="message")
    due_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default=TouchStatus.OPEN.value, index=True)
    done_on: Mapped[date | None]
    result: Mapped[str | None] = mapped_column(Text)
    script: Mapped[str] = mapped_column(Text, default="")
    minutes_spent: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # Free links for touches created by other domains (promise kept, dispute follow-up).
    source: Mapped[str | None] = mapped_column(String(32))
    source_id: Mapped[int | None]


class CustomDate(IdMixin, Base):
    """A date that matters (anniversary, company founding day), solar or lunar, yearly."""

    __tablename__ = "custom_dates"

    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    calendar: Mapped[str] = mapped_column(String(8), default="solar")
    month: Mapped[int]
    day: Mapped[int]
    lead_days: Mapped[int] = mapped_column(default=7)


class DigestLog(IdMixin, Base):
    """One daily digest per owner per day: sent once, failures retried and reported."""

    __tablename__ = "digest_log"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    day: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|sent|failed
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # When a run took this digest to send it; a second run leaves a fresh claim alone (no double mail).
    claimed_at: Mapped[datetime | None]
    recipient: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None]
    # Chosen and committed before the mail goes out: a run that died between the SMTP server's
    # acceptance and the "sent" mark is re-sent under the same Message-ID, which mail systems
    # recognise as the same message, and the log shows it was a retry.
    message_id: Mapped[str | None] = mapped_column(String(250))
