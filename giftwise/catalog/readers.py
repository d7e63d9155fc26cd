"""Reading a catalog file (JSON, CSV or XLSX) into numbered rows of raw values.

Nothing here judges the values (that is the schemas' job); it only finds the rows, their line
numbers and their columns, and says in one sentence why a file cannot be read at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import PurePath
from typing import Any

from giftwise.catalog.errors import CatalogFileUnreadable
from giftwise.catalog.schemas import FLAT_FIELDS, ExportFormat
from giftwise.core import tabular

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls container
_BILINGUAL = ("name", "description", "usage_tip")
_JSON_FIELDS = frozenset(FLAT_FIELDS) - {f"{b}_{lang}" for b in _BILINGUAL for lang in ("en", "zh")} | set(_BILINGUAL)
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One item as found in a file: where it starts and its values by giftwise field name."""

    line: int
    values: dict[str, Any]
    # 1-based position of a filled cell that has no header (the row is rejected for it).
    stray_column: int | None = None


def detect_format(filename: str, explicit: str | None = None) -> ExportFormat:
    """The catalog format named explicitly, or else by the file's suffix."""
    name = (explicit or PurePath(filename).suffix.lstrip(".")).lower()
    if name == "xls":
        raise CatalogFileUnreadable(
            "catalog.old_excel_xls_file", filename=filename
        )
    try:
        return ExportFormat(name)
    except ValueError:
        raise CatalogFileUnreadable(
            "catalog.giftwise_reads_writes_catalogs", filename=filename
        ) from None


def read_catalog(filename: str, content: bytes, explicit_format: str | None = None) -> list[SourceRow]:
    """The rows of a catalog file, by giftwise field name; CatalogFileUnreadable if it can't be read."""
    fmt = detect_format(filename, explicit_format)
    if not content.strip():
        raise CatalogFileUnreadable("catalog.empty_needs_one_entry", filename=filename)
    _check_container(filename, content, fmt)
    if fmt is ExportFormat.xlsx:
        return _xlsx_rows(filename, content)
    text = tabular.decode_text(content, unreadable=CatalogFileUnreadable("catalog.not_text", filename=filename))
    if fmt is ExportFormat.json:
        return _json_rows(filename, text)
    return _csv_rows(filename, text)


def _check_container(filename: str, content: bytes, fmt: ExportFormat) -> None:
    is_zip = content.startswith(_ZIP_MAGIC)
    if content.startswith(_OLE_MAGIC):
        raise CatalogFileUnreadable(
            "catalog.old_excel_xls_file", filename=filename
        )
    if fmt is ExportFormat.xlsx and not is_zip:
        raise CatalogFileUnreadable(
            "catalog.excel_workbook_save_from", filename=filename
        )
    if fmt is not ExportFormat.xlsx and is_zip:
        raise CatalogFileUnreadable(
            "catalog.excel_workbook_another_zip", filename=filename, file_format=fmt.value.upper()
        )


def _json_rows(filename: str, text: str) -> list[SourceRow]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogFileUnreadable(
            "catalog.valid_json_line_column", filename=filename, lineno=error.lineno, colno=error.colno, msg=error.msg
        ) from None
    key: str | None = None
    if isinstance(document, dict) and isinstance(document.get("catalog"), list):
        items, key = document["catalog"], "catalog"
    elif isinstance(document, list):
        items = document
    else:
        raise CatalogFileUnreadable(
            "catalog.catalog_list_catalog_file", filename=filename
        )
    lines = _element_lines(text, key)
    return [SourceRow(line, _flatten_json_item(filename, line, item)) for line, item in zip(lines, items, strict=True)]


def _flatten_json_item(filename: str, line: int, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise CatalogFileUnreadable(
            "catalog.line_each_catalog_entry", filename=filename, line=line
        )
    unknown = [key for key in item if key not in _JSON_FIELDS]
    if unknown:
        raise CatalogFileUnreadable(
            "catalog.line_unknown_field_only", filename=filename, line=line, field_name=unknown[0],
            fields=", ".join(sorted(_JSON_FIELDS)),
        )
    values: dict[str, Any] = {}
    for key, value in item.items():
        if key in _BILINGUAL:
            values.update(_split_bilingual(filename, line, key, value))
        else:
            values[key] = value
    return values


def _split_bilingual(filename: str, line: int, key: str, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        extra = set(value) - {"en", "zh"}
        if extra:
            raise CatalogFileUnreadable(
                "catalog.line_unknown_language_en", filename=filename, line=line, key=key, language=sorted(extra)[0]
            )
        return {f"{key}_{lang}": text for lang, text in value.items()}
    if value is None:
        return {}
    # Another catalog may give one plain name: file it under the language it is written in.
    lang = "zh" if _CJK.search(str(value)) else "en"
    return {f"{key}_{lang}": value}


def _element_lines(text: str, key: str | None) -> list[int]:
    """1-based line on which each element of the catalog array starts (the file is valid JSON)."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if key is not None:
        pos = _skip_space(text, pos + 1)
        while True:
            name, pos = scanstring(text, pos + 1)
            pos = _skip_space(text, _skip_space(text, pos) + 1)
            if name == key:
                break
            _, pos = decoder.raw_decode(text, pos)
            pos = _skip_space(text, _skip_space(text, pos) + 1)
    starts: list[int] = []
    pos = _skip_space(text, pos + 1)
    while text[pos] != "]":
        starts.append(pos)
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, pos)
        if text[pos] == ",":
            pos = _skip_space(text, pos + 1)
    return _line_numbers(text, starts)


def _skip_space(text: str, pos: int) -> int:
    while text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line_numbers(text: str, offsets: Iterable[int]) -> list[int]:
    lines, line, last = [], 1, 0
    for offset in offsets:
        line += text.count("\n", last, offset)
        last = offset
        lines.append(line)
    return lines


@cache
def _column_aliases() -> dict[str, str]:
    path = resources.files("giftwise") / "data" / "catalog" / "columns.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    return {_header_key(alias): field for field, aliases in table.items() if field in FLAT_FIELDS for alias in aliases}


def _header_key(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().lower().split())


def map_headers(filename: str, headers: Sequence[Any]) -> list[str | None]:
    """Giftwise field name for each header (``None`` for a blank one); unknown or repeated ones fail."""
    aliases = _column_aliases()
    fields: list[str | None] = []
    for position, header in enumerate(headers, start=1):
        text = "" if header is None else str(header)
        if not text.strip():
            fields.append(None)
            continue
        field = aliases.get(_header_key(text))
        if field is None:
            raise CatalogFileUnreadable(
                "catalog.unknown_column_only_these", filename=filename, column=text.strip(),
                columns=", ".join(FLAT_FIELDS),
            )
        if field in fields:
            raise CatalogFileUnreadable(
                "catalog.column_twice_column_keep", filename=filename, field_name=field, position=position
            )
        fields.append(field)
    _require_columns(filename, fields)
    return fields


def _require_columns(filename: str, fields: Sequence[str | None]) -> None:
    if "id" not in fields:
        raise CatalogFileUnreadable("catalog.id_column_add_one", filename=filename)
    if "price" not in fields:
        raise CatalogFileUnreadable("catalog.price_column_add_one", filename=filename)
    if "name_en" not in fields and "name_zh" not in fields:
        raise CatalogFileUnreadable("catalog.name_column_add_name", filename=filename)


def rows_from_table(filename: str, table: Iterable[tuple[int, Sequence[Any]]]) -> list[SourceRow]:
    """Rows of a header-first table (CSV or sheet) given as (line, cells); blank rows are skipped."""
    iterator = iter(table)
    header = next(iterator, None)
    if header is None:
        raise CatalogFileUnreadable("catalog.empty_needs_header_row", filename=filename)
    fields = map_headers(filename, header[1])
    rows: list[SourceRow] = []
    for line, cells in iterator:
        if all(_blank(cell) for cell in cells):
            continue
        values: dict[str, Any] = {field: None for field in fields if field is not None}
        stray: int | None = None
        for position, cell in enumerate(cells):
            field = fields[position] if position < len(fields) else None
            if field is not None:
                values[field] = cell
            elif stray is None and not _blank(cell):
                stray = position + 1
        rows.append(SourceRow(line, values, stray))
    return rows


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _csv_rows(filename: str, text: str) -> list[SourceRow]:
    if "\x00" in text:
        raise CatalogFileUnreadable("catalog.text_csv_file_export", filename=filename)
    return rows_from_table(filename, tabular.read_csv(filename, text, error=CatalogFileUnreadable).records)


def _xlsx_rows(filename: str, content: bytes) -> list[SourceRow]:
    unreadable = CatalogFileUnreadable("catalog.not_a_workbook", filename=filename)
    table = tabular.read_xlsx(content, unreadable=unreadable, prefer_sheets=("catalog", "目录", "商品"))
    return rows_from_table(filename, table.records)
