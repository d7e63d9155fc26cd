"""Shapes that cross the accounts boundary: users, the audit trail, privacy answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from giftwise.core.schemas import LanguageCode, PrimaryKey, Schema

RoleName = Literal["rep", "manager", "admin"]
Company = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
TimezoneName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[\w.\-@]+$")]


class UserCreate(Schema):
    """A new user; ``team`` is a team name, created when it does not exist yet."""

    username: Username
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    role: RoleName = "rep"
    team: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] | None = None
    language: LanguageCode = "zh"
    company: Company = ""
    timezone: TimezoneName = ""


class ProfileUpdate(Schema):
    """What a user changes about themselves: how they sign to clients, their language and timezone."""

    display_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] | None = None
    company: Company | None = None
    timezone: TimezoneName | None = None
    language: LanguageCode | None = None


class UserRead(Schema):
    """A user as shown to others (never with their tokens)."""

    id: int
    username: str
    display_name: str
    email: str | None
    role: str
    team_id: int | None
    team: str | None = None
    language: str
    company: str = ""
    timezone: str = ""
    active: bool


class UserCreated(UserRead):
    """A just-created user with the API token they use as ``Authorization: Bearer <token>``."""

    api_token: str


class AuditRead(Schema):
    """One audit entry: who changed what, when, with values before and after."""

    id: int
    at: datetime
    user_id: int | None
    username: str | None = None
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class TokenRead(Schema):
    """An access token as listed: its prefix tells it apart; the secret is never shown again."""

    id: int
    user_id: int
    kind: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class TokenIssued(TokenRead):
    """A just-made token with its secret (``Authorization: Bearer <token>``), shown only this once."""

    token: str


class TokenCreate(Schema):
    """A new token: what it is for, a name to recognise it by, its lifetime, and (admins) whose it is."""

    kind: Literal["api", "calendar"] = "api"
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] = ""
    days: Annotated[int, Field(ge=1, le=3660)] | None = None
    user_id: PrimaryKey | None = None


class TokenRotate(Schema):
    """How long the replacing token lives (default: the kind's usual lifetime)."""

    days: Annotated[int, Field(ge=1, le=3660)] | None = None
