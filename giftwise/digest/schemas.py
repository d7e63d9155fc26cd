"""Shapes that cross the digest boundary: one digest mail's fate."""

from __future__ import annotations

from datetime import date, datetime

from giftwise.core.schemas import Schema


class DigestLogRead(Schema):
    """One digest mail's fate."""

    id: int
    user_id: int
    day: date
    status: str
    attempts: int
    error: str | None
    recipient: str | None
    sent_at: datetime | None
    message_id: str | None = None
