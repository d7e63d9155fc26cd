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
    # argon2id hash for signing in to the web app; None until a password is set.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class AccessToken(IdMixin, TimestampMixin, Base):
    """A secret that acts as a user: an API bearer token, a calendar feed address or a one-time sign-in link.

    Only the SHA-256 of the secret is kept (it is random and long, so a slow hash adds nothing); the
    prefix lets people tell their tokens apart in a list."""

    __tablename__ = "access_tokens"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(80), default="")
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class SignInAttempt(IdMixin, Base):
    """One password sign-in attempt, kept briefly so failures can be counted per user and per address
    by every worker process (the database is what they share)."""

    __tablename__ = "sign_in_attempts"

    at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)


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
