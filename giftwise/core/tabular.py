"""Tabular files (CSV and XLSX) both ways, and the one decision about a text file's encoding.

Every import (contacts, catalog) and every export (contacts, catalog, recommendations, ledger
sheets) goes through here, so an Excel or WPS file saved in China reads the same everywhere, a
broken quote is refused with its line, and no exported cell can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from giftwise.core.i18n import t
from giftwise.core.settings import get_settings

# giftwise's users are mostly in China: when a file is not UTF-8 and GB18030 (the superset of
# GB2312 and GBK that Excel's "CSV" writes there) may have written it, prefer it over the
# detector's first guess, which on short Chinese files is often Big5 or a Korean code page.
_CHINESE_ENCODINGS = frozenset({"gb18030", "gbk", "gb2312", "hz", "cp936"})
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Enough text to recognise an encoding; detecting over a whole large file only costs time.
_DETECTION_SAMPLE = 200_000
_DELIMITERS = (",", ";", "\t")
# OWASP "CSV injection": a cell starting with one of these is run as a formula by Excel,
# LibreOffice or WPS (=HYPERLINK(...), +cmd|..., @SUM, -2+3, and tab/CR tricks).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_CSV_ESCAPE = "'"
# Characters an XLSX cell cannot hold (control characters); openpyxl refuses them.
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

ErrorFactory = Callable[[str], Exception]


# ---- encodings -------------------------------------------------------------------------


def has_utf16_bom(content: bytes) -> bool:
    """Whether the bytes start with a UTF-16 byte-order mark (Excel's "Unicode text")."""
    return content.startswith(_UTF16_BOMS)


def decode_text_bytes(content: bytes) -> str | None:
    """The text in UTF-16 (BOM), UTF-8 (with or without BOM) or a detected legacy encoding; None if none reads it."""
    if has_utf16_bom(content):
        return _decode(content, "utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(content[:_DETECTION_SAMPLE]))
    if any(_CHINESE_ENCODINGS.intersection(match.could_be_from_charset) for match in matches):
        return _decode(content, "gb18030")
    if not matches:
        return None
    text = _decode(content, matches[0].encoding)
    return None if text is None or "\x00" in text else text


def decode_text(content: bytes, *, unreadable: Exception) -> str:
    """The text as :func:`decode_text_bytes` reads it; raises ``unreadable`` (the caller's sentence) if none does."""
    text = decode_text_bytes(content)
    if text is None:
        raise unreadable
    return text


def _decode(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# ---- reading ---------------------------------------------------------------------------


@dataclass
class Table:
    """The records of a file, header first, each with the line (CSV) or row (sheet) it starts on."""

    records: Iterator[tuple[int, list[Any]]]
    estimated_rows: int = field(default=1)


def sniff_delimiter(first_line: str) -> str:
    """The separator a header line uses: comma, semicolon or tab (whichever it has most; comma if none)."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv(filename: str, text: str, *, error: ErrorFactory) -> Table:
    """The records of CSV ``text`` (separator sniffed from the header); a broken record raises ``error(sentence)``.

    A quote that is never closed would swallow the rest of the file into one cell, so it is
    refused with the line it opens on. Cells that an export escaped against formulas come back
    as they were stored.
    """
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return Table(_csv_records(filename, reader, error), max(text.count("\n") - 1, 1))


def _csv_records(filename: str, reader: Any, error: ErrorFactory) -> Iterator[tuple[int, list[str]]]:
    previous_end = 0
    while True:
        line = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise error(_csv_problem(filename, line, str(exc))) from None
        previous_end = reader.line_num
        yield line, [_unescape(cell) for cell in cells]


def _csv_problem(filename: str, line: int, reason: str) -> str:
    language = get_settings().language
    if "unexpected end of data" in reason:
        return t("tabular.unclosed_quote", language, file=filename, line=line)
    return t("tabular.bad_csv_line", language, file=filename, line=line, reason=reason)


def _unescape(cell: str) -> str:
    # One mark is ours (or the spreadsheet's): "'=1" reads "=1", "''=1" reads "'=1".
    if cell.startswith(_CSV_ESCAPE) and cell.lstrip(_CSV_ESCAPE).startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell


def read_xlsx(content: bytes, *, unreadable: Exception, prefer_sheets: Sequence[str] = ()) -> Table:
    """The rows of a workbook's sheet named in ``prefer_sheets`` (else its first), numbered as Excel shows them."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise unreadable from None
    wanted = {name.lower() for name in prefer_sheets}
    named = [ws for ws in workbook.worksheets if ws.title.strip().lower() in wanted]
    sheet = named[0] if named else workbook.worksheets[0]

    def records() -> Iterator[tuple[int, list[Any]]]:
        try:
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield line, list(values)
        finally:
            workbook.close()

    return Table(records(), max((sheet.max_row or 2) - 1, 1))


# ---- writing ---------------------------------------------------------------------------


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet would run ``value`` as a formula if it were written as it is."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_text(value: Any) -> str:
    """A value as a formula-safe CSV cell: booleans as true/false, dates ISO, risky text behind a quote mark."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    # Text that already starts like an escaped formula ("'=") gets the mark too, so reading strips only ours.
    return _CSV_ESCAPE + text if is_formula_like(text.lstrip(_CSV_ESCAPE)) else text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV with BOM (so Excel shows Chinese) whose cells can never run as formulas."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class SheetLayout:
    """How a written sheet looks: column widths, 1-based money and date columns, bold data rows."""

    widths: Sequence[int] = ()
    money_columns: Sequence[int] = ()
    date_columns: Sequence[int] = ()
    bold_rows: frozenset[int] = frozenset()
    header_fill: str | None = None
    freeze: str = "A2"
    auto_filter: bool = False
    wrap_text_over: int | None = None
    money_format: str = "#,##0.00"


def write_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
               layout: SheetLayout | None = None) -> bytes:
    """A one-sheet workbook, streamed row by row; text that looks like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    layout = layout or SheetLayout()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = layout.freeze
    for index, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(_header_cells(sheet, header, layout))
    for index, row in enumerate(rows):
        sheet.append([_xlsx_cell(sheet, column, value, layout, index in layout.bold_rows)
                      for column, value in enumerate(row, start=1)])
    if layout.auto_filter:
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{len(rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cells(sheet: Any, header: Sequence[str], layout: SheetLayout) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_value(name))
        if layout.header_fill:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor=layout.header_fill)
        else:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _xlsx_cell(sheet: Any, column: int, value: Any, layout: SheetLayout, bold: bool) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    value = _xlsx_value(value)
    money = column in layout.money_columns and isinstance(value, int | float)
    day = column in layout.date_columns and isinstance(value, date)
    wrap = layout.wrap_text_over is not None and isinstance(value, str) and len(value) > layout.wrap_text_over
    risky = is_formula_like(value)
    if not (money or day or wrap or risky or bold):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if risky:
        # Stored as text with Excel's own "typed with a leading apostrophe" mark: shown as
        # written, never evaluated, and still text after someone edits the cell.
        cell.data_type = "s"
        cell.quotePrefix = True
    if money:
        cell.number_format = layout.money_format
    if day:
        cell.number_format = "yyyy-mm-dd"
    if wrap:
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return _ILLEGAL_XLSX.sub("", value)
    return value
