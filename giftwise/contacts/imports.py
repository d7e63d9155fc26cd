"""Reading contact files (CSV, XLSX or vCard): each row's cells as contact fields, or why it is rejected.

``contacts.files_service.import_contacts`` matches the rows to stored contacts and writes them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from giftwise.contacts.birthdays import parse_birthday
from giftwise.contacts.files import RowSource, detect_format, read_csv, read_xlsx, value_alias
from giftwise.contacts.vcard import read_vcf
from giftwise.core.errors import Invalid
from giftwise.core.i18n import msg

_TEXT_COLUMNS = ("name", "name_latin", "role", "phone", "email", "wechat", "address")


class RowRejected(Exception):
    """A row that cannot be imported, with the reason shown to the user."""


def read_source(filename: str, content: bytes, file_format: str | None) -> tuple[str, RowSource]:
    """The format of a contact file and its rows; ImportFileError when it cannot be read."""
    fmt = detect_format(filename, file_format)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "vcf": read_vcf}[fmt]
    return fmt, reader(filename, content)


def row_values(row: dict[str, str]) -> dict[str, Any]:
    """A file row's non-empty cells as contact fields (organization and owner still as names)."""
    if "__error__" in row:
        raise RowRejected(row["__error__"])
    if "__extra__" in row:
        raise RowRejected(msg("contacts.row_more_cells_than"))
    values: dict[str, Any] = {c: row[c] for c in _TEXT_COLUMNS if row.get(c)}
    for column in ("organization", "owner"):
        if row.get(column):
            values[column] = row[column]
    for column, kind, choices in (
        ("language", "language", "zh or en"),
        ("relationship", "relationship", "client, prospect, partner or customer"),
        ("public_official", "boolean", "yes or no"),
    ):
        if row.get(column):
            value = value_alias(kind, row[column])
            if value is None:
                raise RowRejected(msg("contacts.one", column=column, row=row[column], choices=choices))
            values[column] = value == "true" if kind == "boolean" else value
    if row.get("birthday"):
        try:
            birthday = parse_birthday(row["birthday"])
        except Invalid as error:
            raise RowRejected(error.detail.rstrip(".")) from None
        values.update(
            birthday_calendar=birthday.calendar,
            birthday_year=birthday.year,
            birthday_month=birthday.month,
            birthday_day=birthday.day,
        )
    if row.get("relationship_since"):
        try:
            values["relationship_since"] = date.fromisoformat(row["relationship_since"])
        except ValueError:
            since = row["relationship_since"]
            raise RowRejected(msg("contacts.relationship_since_date_yyyy", relationship_since=since)) from None
    for column in ("touch_cadence_days", "visit_cadence_days"):
        if row.get(column):
            if not row[column].isdigit():
                raise RowRejected(msg("contacts.whole_number_days", column=column, row=row[column]))
            values[column] = int(row[column])
    return values
