"""Contacts as CSV, XLSX or vCard files (the shape an import reads back unchanged); the visible contacts are
read by ``contacts.files_service.export_contacts``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from giftwise.contacts.birthdays import format_birthday
from giftwise.contacts.files import write_csv, write_xlsx
from giftwise.contacts.vcard import VERSIONS, write_vcf
from giftwise.core.errors import Invalid
from giftwise.models.contacts import Contact


def contact_row(contact: Contact, organization: str | None, owner: str | None) -> dict[str, str]:
    """One contact in giftwise's file columns, every value as text ("" when unknown)."""
    birthday = format_birthday(
        contact.birthday_calendar, contact.birthday_year, contact.birthday_month, contact.birthday_day
    )
    values: dict[str, Any] = {
        "name": contact.name, "name_latin": contact.name_latin, "organization": organization,
        "role": contact.role, "language": contact.language, "relationship": contact.relationship,
        "public_official": "yes" if contact.public_official else "no", "owner": owner,
        "phone": contact.phone, "email": contact.email, "wechat": contact.wechat, "address": contact.address,
        "birthday": birthday, "relationship_since": contact.relationship_since,
        "touch_cadence_days": contact.touch_cadence_days, "visit_cadence_days": contact.visit_cadence_days,
    }  # fmt: skip
    return {k: "" if v is None else (v.isoformat() if isinstance(v, date) else str(v)) for k, v in values.items()}


@dataclass(frozen=True)
class ExportedFile:
    """An exported contact file and how many contacts it holds."""

    content: bytes
    count: int


class _Counter:
    """Passes rows through while counting them."""

    def __init__(self, rows: Iterator[dict[str, str]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict[str, str]]:
        for row in self.rows:
            self.count += 1
            yield row


def exported_file(
    rows: Iterator[dict[str, str]], *, file_format: str, vcard_version: str = "4.0"
) -> ExportedFile:
    """``rows`` (giftwise's export columns) written as a CSV, XLSX or vCard file; Invalid for an unknown format
    or vCard version."""
    writers: dict[str, Callable[[Iterable[dict[str, str]]], bytes]] = {
        "csv": write_csv,
        "xlsx": write_xlsx,
        "vcf": lambda rows: write_vcf(rows, version=vcard_version),
    }
    if file_format not in writers:
        raise Invalid("contacts.export_format_csv_xlsx", file_format=file_format, field="format")
    if vcard_version not in VERSIONS:
        raise Invalid("contacts.vcard_version", vcard_version=vcard_version, field="vcard_version")
    counter = _Counter(rows)
    return ExportedFile(writers[file_format](counter), counter.count)
