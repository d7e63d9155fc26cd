"""Importing catalog files: every format, idempotent by sku, all or nothing, and bad input in one sentence."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.catalog.errors import CatalogEditForbidden, CatalogFileUnreadable, CatalogImportRejected
from giftwise.catalog.schemas import ImportReport
from giftwise.catalog.service import get_item, import_catalog_file, portable_catalog
from giftwise.core.actor import Actor, Role
from giftwise.models.catalog import CatalogItem
from tests.catalog.factories import BASIC_HEADER, csv_text, json_file, portable


def _import(session: Session, actor: Actor, name: str, content: bytes | str) -> ImportReport:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return import_catalog_file(session, actor, filename=name, content=data)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CatalogItem)) or 0


def _xlsx(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rejected(session: Session, actor: Actor, name: str, content: bytes | str) -> CatalogImportRejected:
    with pytest.raises(CatalogImportRejected) as caught:
        _import(session, actor, name, content)
    assert _count(session) == 0, "a rejected import must leave nothing behind"
    return caught.value


class TestImportJson:
    def test_creates_items_in_the_shared_shape(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, "c.json", json_file(portable(), portable("pears", price=150)))
        assert report.created == ["tea-leaves", "pears"]
        assert get_item(session, actor, sku="pears").price == Decimal("150")

    def test_reimport_changes_nothing(self, session: Session, actor: Actor) -> None:
        content = json_file(portable(), portable("pears"))
        _import(session, actor, "c.json", content)
        before = portable_catalog(session)
        report = _import(session, actor, "c.json", content)
        assert (report.created, report.updated, report.unchanged) == ([], [], 2)
        assert portable_catalog(session) == before

    def test_changed_rows_update_and_missing_keys_keep_values(self, session: Session, actor: Actor) -> None:
        _import(session, actor, "c.json", json_file(portable(supplier="天禾")))
        report = _import(session, actor, "c.json", json_file(portable(price=520)))
        assert report.updated == ["tea-leaves"]
        item = get_item(session, actor, sku="tea-leaves")
        assert item.price == Decimal("520") and item.supplier == "天禾"

    def test_a_top_level_list_and_plain_names_are_accepted(self, session: Session, actor: Actor) -> None:
        content = '[{"id": "a", "name": "龙井茶", "price": 1}, {"id": "b", "name": "Tea", "price": 2}]'
        _import(session, actor, "c.json", content)
        assert get_item(session, actor, sku="a").name_zh == "龙井茶"
        assert get_item(session, actor, sku="b").name_en == "Tea"

    def test_rejected_rows_name_their_line(self, session: Session, actor: Actor) -> None:
        content = json_file(portable("ok"), portable("neg", price=-5), portable("cur", currency="XYZ"))
        error = _rejected(session, actor, "c.json", content)
        lines = {row.sku: row.line for row in error.rejected}
        text = content.decode().splitlines()
        assert text[lines["neg"] - 1].strip() == "{" and '"neg"' in text[lines["neg"]]
        assert [row.sku for row in error.rejected] == ["neg", "cur"]
        assert "negative" in error.rejected[0].reason and "ISO 4217" in error.rejected[1].reason

    def test_unknown_field_is_one_sentence(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="unknown field 'colour'"):
            _import(session, actor, "c.json", json_file(portable(colour="red")))

    def test_broken_json_says_where(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match=r"not valid JSON \(line 2"):
            _import(session, actor, "c.json", '{"catalog": [\n  {"id": "a",,}]}')

    def test_json_without_a_catalog_list(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match='no "catalog" list'):
            _import(session, actor, "c.json", '{"items": []}')


class TestImportCsv:
    def test_flat_columns_with_tags_joined(self, session: Session, actor: Actor) -> None:
        row = ["tea", "Tea", "茶", "480", "CNY", "food", "tea|茶叶;gift", "泡"]
        text = csv_text([*BASIC_HEADER, "usage_tip_zh"], row)
        _import(session, actor, "c.csv", text)
        item = get_item(session, actor, sku="tea")
        assert item.tags == ["tea", "茶叶", "gift"] and item.usage_tip_zh == "泡"

    def test_gbk_from_excel_is_detected(self, session: Session, actor: Actor) -> None:
        text = csv_text(["编号", "中文名称", "价格"], ["pear", "梨", "15"])
        _import(session, actor, "c.csv", text.encode("gbk"))
        assert get_item(session, actor, sku="pear").name_zh == "梨"

    def test_semicolon_delimited_with_bom_and_decimal_commas(self, session: Session, actor: Actor) -> None:
        rows = [[sku, "Tea", "茶", price, "EUR", "food", "x"] for sku, price in (("a", "1.280,50"), ("b", "12,5"))]
        _import(session, actor, "c.csv", "\ufeff" + csv_text(BASIC_HEADER, *rows, delimiter=";"))
        assert get_item(session, actor, sku="a").price == Decimal("1280.50")
        assert get_item(session, actor, sku="b").price == Decimal("12.50")

    def test_an_ambiguous_number_is_refused_not_guessed(self, session: Session, actor: Actor) -> None:
        error = _rejected(session, actor, "c.csv", csv_text(BASIC_HEADER, ["a", "A", "", "1,2,3", "CNY", "", ""]))
        assert "'1,2,3' is not a number" in error.rejected[0].reason

    def test_multiline_cells_keep_line_numbers_right(self, session: Session, actor: Actor) -> None:
        rows = [["a", "A\nsecond line", "甲", "1", "CNY", "", ""], ["b", "B", "乙", "-1", "CNY", "", ""]]
        text = csv_text(BASIC_HEADER, *rows)
        error = _rejected(session, actor, "c.csv", text)
        assert [(row.line, row.sku) for row in error.rejected] == [(4, "b")]

    def test_an_unclosed_quote_is_refused_with_its_line(self, session: Session, actor: Actor) -> None:
        text = csv_text(BASIC_HEADER, ["a", "A", "甲", "1", "CNY", "", ""]) + 'b,"B,乙,2,CNY,,\nc,C,丙,3,CNY,,\n'
        with pytest.raises(CatalogFileUnreadable, match="line 3 opens a quote"):
            _import(session, actor, "c.csv", text)
        assert _count(session) == 0

    def test_every_bad_row_is_reported_and_nothing_is_written(self, session: Session, actor: Actor) -> None:
        text = csv_text(
            BASIC_HEADER,
            ["ok", "OK", "好", "10", "CNY", "", ""],
            ["", "No id", "", "10", "CNY", "", ""],
            ["neg", "Neg", "", "-5", "CNY", "", ""],
            ["cur", "Cur", "", "5", "dollars", "", ""],
            ["noname", "", "", "5", "CNY", "", ""],
            ["ok", "Again", "", "10", "CNY", "", ""],
            ["cents", "Cents", "", "1.005", "CNY", "", ""],
        )
        error = _rejected(session, actor, "c.csv", text)
        reasons = {row.line: row.reason for row in error.rejected}
        assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
        assert "id is empty" in reasons[3] and "negative" in reasons[4] and "'dollars'" in reasons[5]
        assert "no name" in reasons[6] and "first on line 2" in reasons[7] and "2 decimal places" in reasons[8]
        assert "6 rows were rejected, so nothing was imported" in error.detail

    def test_blank_currency_means_the_default(self, session: Session, actor: Actor) -> None:
        _import(session, actor, "c.csv", csv_text(BASIC_HEADER, ["a", "A", "", "1", "", "", ""]))
        assert get_item(session, actor, sku="a").currency == "CNY"

    def test_a_blank_cell_clears_a_stored_optional_value(self, session: Session, actor: Actor) -> None:
        header = [*BASIC_HEADER, "supplier"]
        _import(session, actor, "c.csv", csv_text(header, ["a", "A", "", "1", "CNY", "", "", "天禾"]))
        _import(session, actor, "c.csv", csv_text(header, ["a", "A", "", "1", "CNY", "", "", ""]))
        assert get_item(session, actor, sku="a").supplier is None

    def test_unknown_column_is_one_sentence(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="unknown column 'colour'; use only these columns: id, "):
            text = csv_text([*BASIC_HEADER, "colour"], ["a", "A", "", "1", "CNY", "", "", "red"])
            _import(session, actor, "c.csv", text)

    def test_missing_required_columns(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="no price column"):
            _import(session, actor, "c.csv", csv_text(["id", "name_en"], ["a", "A"]))
        with pytest.raises(CatalogFileUnreadable, match="no id column"):
            _import(session, actor, "c.csv", csv_text(["name_en", "price"], ["A", "1"]))

    def test_the_same_column_twice(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="price column twice"):
            _import(session, actor, "c.csv", csv_text(["id", "name_en", "price", "价格"], ["a", "A", "1", "2"]))

    def test_a_value_under_no_header_rejects_the_row(self, session: Session, actor: Actor) -> None:
        error = _rejected(session, actor, "c.csv", "id,name_en,price\na,A,1,surprise\n")
        assert "column 4 holds a value but has no header" in error.rejected[0].reason

    def test_a_binary_file_named_csv(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="Excel workbook or another zip file"):
            _import(session, actor, "c.csv", _xlsx([["id"]]))


class TestImportXlsx:
    def test_reads_the_first_sheet_with_numbers_and_booleans(self, session: Session, actor: Actor) -> None:
        rows = [[*BASIC_HEADER, "active", "lead_time_days"], ["a", "A", "甲", 99.9, "CNY", "food", "x|y", False, 3.0]]
        _import(session, actor, "c.xlsx", _xlsx(rows))
        item = get_item(session, actor, sku="a")
        assert (item.price, item.active, item.lead_time_days, item.tags) == (Decimal("99.90"), False, 3, ["x", "y"])

    def test_rejected_rows_carry_the_sheet_row(self, session: Session, actor: Actor) -> None:
        rows = [BASIC_HEADER, ["a", "A", "", 1, "CNY", "", ""], [None] * 7, ["b", "B", "", "abc", "CNY", "", ""]]
        error = _rejected(session, actor, "c.xlsx", _xlsx(rows))
        assert [(row.line, row.sku) for row in error.rejected] == [(4, "b")]
        assert "'abc' is not a number" in error.rejected[0].reason

    def test_not_a_workbook(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="not an Excel workbook"):
            _import(session, actor, "c.xlsx", "id,price\n")

    def test_old_xls_files_are_named(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match=r"old Excel \.xls"):
            _import(session, actor, "c.xls", b"\xd0\xcf\x11\xe0rest")


class TestImportGuards:
    def test_unknown_format(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match=r"as \.json, \.csv or \.xlsx; 'c\.pdf' is none"):
            _import(session, actor, "c.pdf", "x")

    def test_empty_file(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogFileUnreadable, match="is empty"):
            _import(session, actor, "c.csv", "  \n")

    def test_reps_cannot_import(self, session: Session, actor: Actor) -> None:
        rep = Actor(user_id=actor.user_id, username=actor.username, role=Role.REP)
        with pytest.raises(CatalogEditForbidden):
            _import(session, rep, "c.json", json_file(portable()))
