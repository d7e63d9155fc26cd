"""Shapes that cross the followups boundary: touches, important dates and the agenda."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from giftwise.core.schemas import PrimaryKey, Schema
from giftwise.dates.schemas import ImportantDate

Channel = Literal["meeting", "call", "message", "email"]
Purpose = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z][a-z0-9-]{1,31}$")]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]


class TouchCreate(Schema):
    """A touch to put on the agenda; other domains set ``source``/``source_id`` to link their record."""

    contact_id: PrimaryKey
    gift_id: PrimaryKey | None = None
    purpose: Purpose = "keep-in-touch"
    channel: Channel = "message"
    due_on: date
    script: Text = ""
    source: Slug | None = None
    source_id: int | None = None


class TouchDone(Schema):
    """How a touch went."""

    result: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
    minutes_spent: Annotated[int, Field(ge=0, le=24 * 60)] = 0


class TouchSkip(Schema):
    """Why a touch was skipped."""

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class TouchReschedule(Schema):
    """A new due date for a touch."""

    due_on: date


class TouchSnooze(Schema):
    """Push a touch back by some days."""

    days: Annotated[int, Field(ge=1, le=365)] = 1


class TouchRead(Schema):
    """A touch as the API and CLI show it."""

    id: int
    contact_id: int
    gift_id: int | None
    purpose: str
    channel: str
    due_on: date
    status: str
    done_on: date | None
    result: str | None
    script: str
    minutes_spent: int
    owner_id: int
    source: str | None
    source_id: int | None


class AgendaTouch(TouchRead):
    """A touch on the agenda, with who it is for and how urgent it is."""

    contact_name: str
    days_overdue: int = 0
    weight: int = 1
    gratitude_left: float | None = None
    # A reciprocity touch: the window is open until ``window_closes_on``; ``window_closing`` on its last day.
    window_closing: bool = False
    window_closes_on: date | None = None
    window_note: str = ""
    label: str = ""


class Agenda(Schema):
    """What needs doing: overdue touches, today's, the next days', and the dates coming up."""

    as_of: date
    days: int
    owner_id: int | None
    overdue: list[AgendaTouch]
    today: list[AgendaTouch]
    upcoming: list[AgendaTouch]
    dates: list[ImportantDate]

    @property
    def is_empty(self) -> bool:
        """True when there is nothing at all on the agenda."""
        return not (self.overdue or self.today or self.upcoming or self.dates)


class CustomDateCreate(Schema):
    """A yearly date that matters, for a contact or for the owner's whole book."""

    contact_id: PrimaryKey | None = None
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    calendar: Literal["solar", "lunar"] = "solar"
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    lead_days: Annotated[int, Field(ge=0, le=120)] = 7


class CustomDateRead(CustomDateCreate):
    """A stored custom date."""

    id: int
    owner_id: int
