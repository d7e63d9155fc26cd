"""Writing portable catalog items (the shared JSON shape) as JSON, CSV or XLSX bytes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from giftwise.catalog.schemas import FLAT_FIELDS, ExportFormat
from giftwise.core import tabular

TAG_JOINER = "|"


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
    return tabular.write_csv(FLAT_FIELDS, ([row[field] for field in FLAT_FIELDS] for row in rows))


def _xlsx_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    # Streamed row by row, so large catalogs export in linear time.
    table = [[row[field] for field in FLAT_FIELDS] for row in rows]
    layout = tabular.SheetLayout(widths=(24, 32, 24, 40, 30), freeze="B2")
    return tabular.write_xlsx("catalog", FLAT_FIELDS, table, layout)
