"""Organizations, the contacts a gift is for, and the verbatim notes about them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base, IdMixin, TimestampMixin


class Organization(IdMixin, TimestampMixin, Base):
    """A client company or institution."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    industry: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(80))
    public_sector: Mapped[bool] = mapped_column(default=False)
    state_owned: Mapped[bool] = mapped_column(default=False)
    # While a tender or negotiation is open, no gift may go to anyone there (compliance).
    tender_open: Mapped[bool] = mapped_column(default=False)
    archived: Mapped[bool] = mapped_column(default=False)


class Contact(IdMixin, TimestampMixin, Base):
    """The person a gift is for; owned by one user, whose book it belongs to."""

    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_owner_archived", "owner_id", "archived"),)

    name: Mapped[str] = mapped_column(String(200), index=True)
    # Latin spelling (pinyin or English name) so "wang" finds 王建国.
    name_latin: Mapped[str | None] = mapped_column(String(200), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="zh")
    relationship: Mapped[str] = mapped_column(String(16), default="client")
    public_official: Mapped[bool] = mapped_column(default=False)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    phone: Mapped[str | None] = mapped_column(String(40))
    # Digits only (no country prefix 86/0086), so "+86 138-0013-8000" matches "13800138000".
    phone_key: Mapped[str | None] = mapped_column(String(40), index=True)
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    wechat: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(Text)
    birthday_calendar: Mapped[str] = mapped_column(String(8), default="solar")
    birthday_year: Mapped[int | None]
    birthday_month: Mapped[int | None]
    birthday_day: Mapped[int | None]
    relationship_since: Mapped[date | None]
    touch_cadence_days: Mapped[int | None]
    visit_cadence_days: Mapped[int | None]
    archived: Mapped[bool] = mapped_column(default=False)
    # Lower-cased name, Latin name, email, WeChat id and phone in one column, kept by the contacts
    # service: one LIKE over one column instead of five case-folding ones (10x faster searches).
    search_text: Mapped[str] = mapped_column(Text, default="")


class Note(IdMixin, Base):
    """Raw knowledge about a contact, kept verbatim forever; the system never edits it."""

    __tablename__ = "notes"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(16), default="call")
    kind: Mapped[str] = mapped_column(String(8), default="note")  # note | event
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
