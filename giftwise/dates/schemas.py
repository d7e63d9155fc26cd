"""Shapes that cross the dates boundary: a date that matters, with when to start preparing."""

from __future__ import annotations

from datetime import date
from typing import Literal

from giftwise.core.schemas import Schema


class ImportantDate(Schema):
    """A date that matters (birthday, anniversary, festival, custom), with when to start preparing."""

    kind: Literal["birthday", "anniversary", "festival", "custom"]
    key: str
    name: str
    on: date
    prepare_from: date
    days_until: int
    contact_id: int | None = None
    contact_name: str | None = None
    owner_id: int | None = None
    years: int | None = None
