"""Users, teams and the audit trail of changes to sensitive data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base, IdMixin, TimestampMixin


class Team(IdMixin, TimestampMixin, Base):
    """A group of reps under one manager; managers see their team's book."""

    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    # How fast gratitude fades for this team's clients (days); None uses GIFTWISE_GRATITUDE_HALF_LIFE_DAYS.
    gratitude_half_life_days: Mapped[float | None]


class User(IdMixin, TimestampMixin, Base):
    """A person who uses giftwise: rep, manager or admin."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="rep")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    language: Mapped[str] = mapped_column(String(8), default="zh")
    # The company the rep signs for; empty means GIFTWISE_COMPANY. "中文 (English)" gives both languages.
    company: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # IANA zone ("Asia/Shanghai"): the user's "today", agenda and digest hour; empty means GIFTWISE_TIMEZONE.
    timezone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Secret in the iCalendar feed URL; rotate it to revoke a leaked feed.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    api_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # argon2id hash for signing in to the web app; None until a password is set.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class AuditEntry(IdMixin, Base):
    """Who changed what and when, with the values before and after."""

    __tablename__ = "audit_entries"

    at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
