"""Contact files as rows: CSV (any encoding Excel writes, GBK included) and XLSX, both ways.

Readers turn a file into ``(line, {column: text})`` rows named by giftwise's own columns
(aliases such as 姓名 or "Company" come from ``giftwise/data/contacts/columns.json``).
Nothing here touches the database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

from giftwise.core import tabular
from giftwise.core.errors import Invalid

FORMATS = ("csv", "xlsx", "vcf")
EXPORT_COLUMNS = (
    "name", "name_latin", "organization", "role", "language", "relationship", "public_official", "owner",
    "phone", "email", "wechat", "address", "birthday", "relationship_since", "touch_cadence_days",
    "visit_cadence_days",
)  # fmt: skip
_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".vcf": "vcf", ".vcard": "vcf"}
_SPACES = re.compile(r"[\s\-_]+")


class ImportFileError(Invalid):
    """The file cannot be read as contacts at all (format, encoding or header)."""


@dataclass
class RowSource:
    """The rows of a contact file: the columns it has, an estimated row count, and the rows."""

    columns: list[str]
    estimated_rows: int
    rows: Iterator[tuple[int, dict[str, str]]]


@cache
def vocabulary() -> dict[str, Any]:
    """The accepted column names and cell values (editable data file)."""
    path = resources.files("giftwise") / "data" / "contacts" / "columns.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _normal(text: str) -> str:
    return _SPACES.sub("", text.strip().lower())


@cache
def _column_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for column, spellings in vocabulary()["columns"].items():
        for spelling in [column, *spellings]:
            aliases[_normal(spelling)] = column
    return aliases


def value_alias(kind: str, text: str) -> str | None:
    """giftwise's own value for a cell ``text`` of ``kind`` (language, relationship, boolean)."""
    wanted = _normal(text)
    for value, spellings in vocabulary()["values"][kind].items():
        if wanted in {_normal(s) for s in [value, *spellings]}:
            return str(value)
    return None


def detect_format(filename: str, requested: str | None = None) -> str:
    """The file format to read: the one asked for, else the file's extension."""
    if requested:
        if requested not in FORMATS:
            raise ImportFileError("contacts.contact_file_format_csv", requested=requested)
        return requested
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            "contacts.old_excel_xls_file", filename=filename
        )
    if suffix not in _EXTENSIONS:
        raise ImportFileError("contacts.import_giftwise_reads_csv", filename=filename)
    return _EXTENSIONS[suffix]


def map_header(filename: str, header: Iterable[Any]) -> list[str]:
    """giftwise's column names for a file's header row; ImportFileError for unknown or repeated ones."""
    aliases = _column_aliases()
    columns: list[str] = []
    for cell in header:
        text = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        if not text:
            columns.append("")
            continue
        column = aliases.get(_normal(text))
        if column is None:
            known = ", ".join(vocabulary()["columns"])
            raise ImportFileError(
                "contacts.unknown_column_rename_remove", filename=filename, text=text, known=known
            )
        if column in columns:
            raise ImportFileError("contacts.column_twice_keep_only", filename=filename, column=column)
        columns.append(column)
    if "name" not in columns:
        raise ImportFileError(
            "contacts.name_column_first_row", filename=filename
        )
    return columns


# ---- CSV -------------------------------------------------------------------------------


def decode_text(filename: str, content: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16, else the encoding detected (GBK read as GB18030)."""
    return tabular.decode_text(content, unreadable=ImportFileError("contacts.not_text", filename=filename))


def _sniff_binary(filename: str, content: bytes, expected: str) -> None:
    head = content[:8]
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError("contacts.excel_workbook_import_xlsx", filename=filename, expected=expected)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError("contacts.old_excel_xls_file_2", filename=filename)
    if b"\x00" in content[:4096] and not tabular.has_utf16_bom(content):
        raise ImportFileError("contacts.binary_file_export_your", filename=filename, expected=expected)


def read_csv(filename: str, content: bytes) -> RowSource:
    """Rows of a CSV file exported by Excel, WPS or giftwise (comma, semicolon or tab separated)."""
    _sniff_binary(filename, content, "CSV")
    text = decode_text(filename, content)
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise ImportFileError("contacts.holds_vcards_csv_import", filename=filename)
    if not text.strip():
        raise ImportFileError("contacts.empty_needs_header_row", filename=filename)
    table = tabular.read_csv(filename, text, error=ImportFileError)
    _, header = next(table.records)
    columns = map_header(filename, header)
    return RowSource(columns, table.estimated_rows, _rows(table.records, columns))


def _rows(records: Iterator[tuple[int, list[Any]]], columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    for line, values in records:
        cells = [_cell_text(v) for v in values]
        if any(cells):
            yield line, _row(columns, cells)


def _row(columns: list[str], cells: list[str]) -> dict[str, str]:
    row = {column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column}
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
        row["__extra__"] = "yes"
    return row


def write_csv(rows: Iterable[dict[str, str]]) -> bytes:
    """A UTF-8 CSV (with BOM, so Excel shows Chinese correctly) of ``rows`` in giftwise's columns."""
    return tabular.write_csv(EXPORT_COLUMNS, ([row.get(c) for c in EXPORT_COLUMNS] for row in rows))


# ---- XLSX ------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed into Excel come back as floats
    return str(value).strip()


def read_xlsx(filename: str, content: bytes) -> RowSource:
    """Rows of the first sheet of an Excel workbook; row numbers are the sheet's line numbers."""
    unreadable = ImportFileError("contacts.not_a_workbook", filename=filename)
    if not content.startswith(b"PK"):
        _sniff_binary(filename, content, "an Excel workbook")
        raise unreadable
    table = tabular.read_xlsx(content, unreadable=unreadable)
    first = next(table.records, None)
    if first is None:
        raise ImportFileError("contacts.empty_needs_header_row", filename=filename)
    columns = map_header(filename, first[1])
    return RowSource(columns, table.estimated_rows, _rows(table.records, columns))


def write_xlsx(rows: Iterable[dict[str, str]]) -> bytes:
    """An Excel workbook with one sheet "contacts" of ``rows`` in giftwise's columns."""
    # Text cells keep phone numbers' leading zeros and "+86" exactly as stored.
    table = [[row.get(c) or None for c in EXPORT_COLUMNS] for row in rows]
    return tabular.write_xlsx("contacts", EXPORT_COLUMNS, table)
