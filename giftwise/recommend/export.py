"""Write batch recommendation rows to CSV, XLSX or JSON (chosen by the file's extension)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from giftwise.core import tabular
from giftwise.core.errors import Invalid

COLUMNS = ("contact_id", "contact", "rank", "item_id", "item", "score", "price", "currency")
FORMATS = (".csv", ".xlsx", ".json")


def check_output(path: Path) -> None:
    """Invalid unless ``path`` ends in .csv, .xlsx or .json and its folder exists."""
    if path.suffix.lower() not in FORMATS:
        raise Invalid("recommend.write_csv_xlsx_json", name=path.name, field="output")
    if not path.parent.exists():
        raise Invalid("recommend.folder_does_exist_create", parent=path.parent, field="output")


def write_rows(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` to ``path`` in the format its extension names."""
    check_output(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(list(rows), ensure_ascii=False, indent=1), encoding="utf-8")
        return
    table = [[row.get(c) for c in COLUMNS] for row in rows]
    if suffix == ".csv":
        path.write_bytes(tabular.write_csv(COLUMNS, table))
    else:
        path.write_bytes(tabular.write_xlsx("recommendations", COLUMNS, table))
