"""The recipient's gift-choice link, the pure part: tokens, their hash, and whether a link can still be answered.

A token is 32 random bytes (URL-safe); only its SHA-256 is stored, so the database alone cannot open a link.
A link answers once: accept, swap (for one of up to three alternatives the rep pre-approved), decline, or
donate. Expired, used and unknown links all read "this link cannot be used", each saying which.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

MAX_ALTERNATIVES = 3
DEFAULT_DAYS = 14
MAX_DAYS = 60
TOKEN_BYTES = 32


class Answer(StrEnum):
    """What the recipient may say."""

    ACCEPT = "accept"
    SWAP = "swap"
    DECLINE = "decline"
    DONATE = "donate"


class LinkState(StrEnum):
    """Where a link stands: it may be answered, or why not."""

    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def new_token() -> tuple[str, str]:
    """A fresh token to put in the link, and the hash to store."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of ``token``: what the database keeps and looks a link up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def state_of(*, answered_at: datetime | None, expires_at: datetime, now: datetime) -> LinkState:
    """Whether a stored link can be answered at ``now``: used once answered, expired after its time."""
    if answered_at is not None:
        return LinkState.USED
    return LinkState.EXPIRED if now >= expires_at else LinkState.OPEN
