"""Shapes that cross the dates boundary: a date that matters, with when to start preparing."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class DatedContact:
    """What the dates read of a contact: who, whose book, the birthday and the relationship's start. A whole
    book's contacts are read as these plain columns, not as table rows (that was most of the agenda's time)."""

    id: int
    name: str
    owner_id: int
    birthday_calendar: str
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    relationship_since: date | None
