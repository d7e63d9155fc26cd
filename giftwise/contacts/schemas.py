"""Shapes that cross the contacts boundary: organizations, contacts, notes, imports."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from giftwise.contacts.birthdays import birthday_problem
from giftwise.core.i18n import msg
from giftwise.core.schemas import LanguageCode, NameStr, Schema

Relationship = Literal["client", "prospect", "partner", "customer"]
Channel = Literal["call", "meeting", "chat", "email", "social"]
NoteKind = Literal["note", "event"]
BirthdayCalendar = Literal["solar", "lunar"]
ExportFormat = Literal["csv", "xlsx", "vcf"]

RELATIONSHIPS: tuple[str, ...] = ("client", "prospect", "partner", "customer")
CHANNELS: tuple[str, ...] = ("call", "meeting", "chat", "email", "social")

ShortStr = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
_PHONE = re.compile(r"^\+?[0-9()\-\s./]{5,40}(\s*(x|ext\.?)\s*\d+)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check_phone(value: str) -> str:
    if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 5:
        raise ValueError(msg("contacts.phone_number_digits_spaces", value=value))
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(msg("contacts.email_address_write_like", value=value))
    return value.lower()


PhoneStr = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_check_phone)]
EmailStr = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_check_email)]
WechatStr = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Month = Annotated[int, Field(ge=1, le=12)]
Day = Annotated[int, Field(ge=1, le=31)]
Cadence = Annotated[int, Field(ge=1, le=3650)]


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


# ---- organizations ---------------------------------------------------------------------


class OrganizationCreate(Schema):
    """A new organization."""

    name: NameStr
    industry: ShortStr | None = None
    country: ShortStr | None = None
    public_sector: bool = False
    state_owned: bool = False
    tender_open: bool = False

    _blanks = field_validator("industry", "country", mode="before")(_blank_to_none)


class OrganizationUpdate(Schema):
    """Fields to change on an organization; fields left out stay as they are."""

    name: NameStr | None = None
    industry: ShortStr | None = None
    country: ShortStr | None = None
    public_sector: bool | None = None
    state_owned: bool | None = None
    tender_open: bool | None = None

    _blanks = field_validator("industry", "country", mode="before")(_blank_to_none)


class OrganizationRead(Schema):
    """An organization as shown to users."""

    id: int
    name: str
    industry: str | None
    country: str | None
    public_sector: bool
    state_owned: bool
    tender_open: bool
    archived: bool


class OrganizationFilter(Schema):
    """Which organizations a list shows: a name search and flags."""

    q: str | None = None
    country: str | None = None
    industry: str | None = None
    public_sector: bool | None = None
    archived: bool | None = False


# ---- contacts --------------------------------------------------------------------------


class _BirthdayChecked(Schema):
    @model_validator(mode="after")
    def _possible_birthday(self) -> Self:
        cal = getattr(self, "birthday_calendar", None) or "solar"
        problem = birthday_problem(
            cal,
            getattr(self, "birthday_year", None),
            getattr(self, "birthday_month", None),
            getattr(self, "birthday_day", None),
        )
        if problem:
            raise ValueError(msg("contacts.birthday_valid_date", problem=problem))
        return self


_OPTIONAL_TEXT = ("name_latin", "role", "phone", "email", "wechat", "address")


class ContactCreate(_BirthdayChecked):
    """A new contact; ``owner_id`` defaults to the acting user."""

    name: NameStr
    name_latin: ShortStr | None = None
    organization_id: int | None = Field(default=None, gt=0)
    role: ShortStr | None = None
    language: LanguageCode = "zh"
    relationship: Relationship = "client"
    public_official: bool = False
    owner_id: int | None = Field(default=None, gt=0)
    phone: PhoneStr | None = None
    email: EmailStr | None = None
    wechat: WechatStr | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None
    birthday_calendar: BirthdayCalendar = "solar"
    birthday_year: Year | None = None
    birthday_month: Month | None = None
    birthday_day: Day | None = None
    relationship_since: date | None = None
    touch_cadence_days: Cadence | None = None
    visit_cadence_days: Cadence | None = None

    _blanks = field_validator(*_OPTIONAL_TEXT, mode="before")(_blank_to_none)


class ContactUpdate(Schema):
    """Fields to change on a contact; fields left out stay, fields sent as null are cleared.

    The birthday is checked by the service against the stored parts it is combined with.
    """

    name: NameStr | None = None
    name_latin: ShortStr | None = None
    organization_id: int | None = Field(default=None, gt=0)
    role: ShortStr | None = None
    language: LanguageCode | None = None
    relationship: Relationship | None = None
    public_official: bool | None = None
    owner_id: int | None = Field(default=None, gt=0)
    phone: PhoneStr | None = None
    email: EmailStr | None = None
    wechat: WechatStr | None = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None
    birthday_calendar: BirthdayCalendar | None = None
    birthday_year: Year | None = None
    birthday_month: Month | None = None
    birthday_day: Day | None = None
    relationship_since: date | None = None
    touch_cadence_days: Cadence | None = None
    visit_cadence_days: Cadence | None = None

    _blanks = field_validator(*_OPTIONAL_TEXT, mode="before")(_blank_to_none)

    @model_validator(mode="after")
    def _required_stay_set(self) -> Self:
        for name in ("name", "language", "relationship", "public_official", "birthday_calendar", "owner_id"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(msg("contacts.cleared_give_value_leave", name=name))
        return self


class ContactRead(Schema):
    """A contact as shown to users, with its organization's name and its owner's username."""

    id: int
    name: str
    name_latin: str | None
    organization_id: int | None
    organization: str | None = None
    role: str | None
    language: str
    relationship: str
    public_official: bool
    owner_id: int
    owner: str | None = None
    phone: str | None
    email: str | None
    wechat: str | None
    address: str | None
    birthday_calendar: str
    birthday_year: int | None
    birthday_month: int | None
    birthday_day: int | None
    relationship_since: date | None
    touch_cadence_days: int | None
    visit_cadence_days: int | None
    archived: bool
    created_at: datetime
    updated_at: datetime


class ContactFilter(Schema):
    """Which contacts a list shows; ``q`` searches name, Latin name, email, WeChat id and phone."""

    q: str | None = None
    organization_id: int | None = None
    relationship: Relationship | None = None
    owner_id: int | None = None
    public_official: bool | None = None
    archived: bool | None = False


# ---- notes -----------------------------------------------------------------------------


class NoteCreate(Schema):
    """A dated note about a contact, kept verbatim; ``on`` defaults to today."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
    on: date | None = None
    channel: Channel = "call"
    kind: NoteKind = "note"


class NoteRead(Schema):
    """A note as stored."""

    id: int
    contact_id: int
    on: date
    channel: str
    kind: str
    text: str
    author_id: int | None
    created_at: datetime


# ---- import / export -------------------------------------------------------------------


class RejectedRow(Schema):
    """One row an import refused, with the line it is on and why."""

    line: int
    reason: str


class ImportReport(Schema):
    """What an import did: counts, every rejected row, and whether anything was written."""

    format: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organizations_created: int = 0
    rejected: list[RejectedRow] = Field(default_factory=list)
    applied: bool = False


class DuplicatePair(Schema):
    """Two visible contacts that are likely one person, and why (``email``, ``phone``, ``name``)."""

    first: ContactRead
    second: ContactRead
    reasons: list[str]


class MergeReport(Schema):
    """What a merge did: the contact kept, the one folded into it, and how many rows moved, by table."""

    kept_id: int
    dropped_id: int
    moved: dict[str, int] = Field(default_factory=dict)
    filled: list[str] = Field(default_factory=list)
