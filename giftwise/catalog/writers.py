"""Writing portable catalog items (the shared JSON shape) as JSON, CSV or XLSX bytes."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from giftwise.catalog.schemas import FLAT_FIELDS, ExportFormat

TAG_JOINER = "|"
# Characters an XLSX cell cannot hold (control characters); openpyxl refuses them.
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_catalog(items: Sequence[dict[str, Any]], fmt: ExportFormat) -> bytes:
    """The items (portable shape) as a file in ``fmt``: UTF-8 JSON, UTF-8 CSV with BOM, or XLSX."""
    if fmt is ExportFormat.json:
        return (json.dumps({"catalog": list(items)}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    rows = [flat_row(item) for item in items]
    if fmt is ExportFormat.csv:
        return _csv_bytes(rows)
    return _xlsx_bytes(rows)


def flat_row(item: dict[str, Any]) -> dict[str, Any]:
    """A portable item flattened into the CSV/XLSX columns (``name_en``, ``tags`` joined by ``|``)."""
    row: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            row.update({f"{key}_{lang}": text for lang, text in value.items()})
        elif key == "tags":
            row[key] = TAG_JOINER.join(value)
        else:
            row[key] = value
    row.setdefault("active", True)
    return {field: row.get(field) for field in FLAT_FIELDS}


def _csv_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FLAT_FIELDS)
    for row in rows:
        writer.writerow([_csv_cell(row[field]) for field in FLAT_FIELDS])
    # The BOM makes Excel open the file as UTF-8, so Chinese names stay readable.
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xlsx_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only mode streams rows, so large catalogs export in linear time.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("catalog")
    sheet.freeze_panes = "B2"
    for letter, width in zip("ABCDE", (24, 32, 24, 40, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    header = [WriteOnlyCell(sheet, value=field) for field in FLAT_FIELDS]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for row in rows:
        cells = []
        for field in FLAT_FIELDS:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(row[field]))
            # Text such as "=SUM(...)" stays text: an export must never carry live formulas.
            if cell.data_type == "f":
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    return _ILLEGAL_XLSX.sub("", value) if isinstance(value, str) else value
