"""The three working documents a salesperson asks for, as XLSX: their names and how a sheet is laid out.

``analytics.sheets_service`` reads each one's rows (strategy, budget, followups) from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from giftwise.core import tabular
from giftwise.core.i18n import t

SHEETS = ("strategy", "budget", "followups")
MONEY_FORMAT = "#,##0.00"


def header(key: str, lang: str) -> str:
    """The column heading ``key`` (``ledger.xlsx.<key>``) in ``lang``."""
    return t(f"ledger.xlsx.{key}", lang)


def workbook(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[int],
    money_columns: Sequence[int] = (),
    date_columns: Sequence[int] = (),
    bold_rows: set[int] | None = None,
) -> bytes:
    """One sheet as XLSX bytes: bold headers, the given column widths, money and date formats, bold total rows."""
    layout = tabular.SheetLayout(
        widths=widths, money_columns=money_columns, date_columns=date_columns,
        bold_rows=frozenset(bold_rows or ()), header_fill="264653", auto_filter=True,
        wrap_text_over=30, money_format=MONEY_FORMAT,
    )
    return tabular.write_xlsx(title, headers, rows, layout)
