"""Shapes that cross the accounts boundary: users, the audit trail, privacy answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from giftwise.core.schemas import LanguageCode, Schema

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
