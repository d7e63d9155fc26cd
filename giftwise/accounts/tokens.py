"""Access tokens: API bearer tokens, calendar feed addresses and one-time sign-in links.

A token is shown once, when it is made; only its SHA-256 is stored. Each expires, can be listed
(by its prefix), revoked and rotated (a new secret replaces the old one, which stops working);
``tokens_service`` keeps them in the database, this module holds what a token is.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from giftwise.core.settings import get_settings
from giftwise.models.accounts import AccessToken

PREFIX_LENGTH = 8


class TokenKind(StrEnum):
    """What a token opens: the REST API, one user's calendar feed, or one sign-in to the web app."""

    API = "api"
    CALENDAR = "calendar"
    SIGN_IN = "sign-in"


def token_hash(secret: str) -> str:
    """The stored form of a token: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def default_lifetime(kind: TokenKind) -> timedelta:
    """How long a new token of ``kind`` lives unless told otherwise (GIFTWISE_*_DAYS settings)."""
    settings = get_settings()
    if kind is TokenKind.CALENDAR:
        return timedelta(days=settings.calendar_token_days)
    if kind is TokenKind.SIGN_IN:
        return timedelta(minutes=settings.sign_in_link_minutes)
    return timedelta(days=settings.api_token_days)


def is_live(token: AccessToken, now: datetime) -> bool:
    """True while a token works: not revoked, not expired at ``now``."""
    return token.revoked_at is None and (token.expires_at is None or _aware(token.expires_at) > now)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; giftwise stores UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def link_url(secret: str, *, host: str, port: int) -> str:
    """The address where a one-time sign-in token is used, on the server at ``host``:``port``."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}/app/sign-in/link?token={secret}"
