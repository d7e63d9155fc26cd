"""Tabular files every import and export shares: encodings, broken quotes, formula-safe cells."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from giftwise.core import tabular
from giftwise.core.errors import Invalid
from giftwise.core.settings import reset_settings
from giftwise.core.tabular import decode_text_bytes

ATTACKS = ["=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


class TestDecodeTextBytes:
    def test_utf8_with_excel_bom_loses_the_bom(self) -> None:
        assert decode_text_bytes("\ufeff姓名,公司\n".encode()) == "姓名,公司\n"

    def test_utf16_with_bom_is_read(self) -> None:
        assert decode_text_bytes("姓名,公司\n王芳,华为\n".encode("utf-16")) == "姓名,公司\n王芳,华为\n"

    def test_short_chinese_gbk_file_reads_as_gb18030_not_big5(self) -> None:
        text = "姓名,公司\n王芳,华为\n"
        assert decode_text_bytes(text.encode("gbk")) == text

    def test_bytes_no_encoding_reads_give_none(self) -> None:
        assert decode_text_bytes(bytes(range(256)) * 4 + b"\x00\x00\x00") is None

    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
    def test_any_utf8_text_comes_back_unchanged(self, text: str) -> None:
        assert decode_text_bytes(text.encode()) == text.removeprefix("\ufeff")


class TestReadCsv:
    def test_an_unclosed_quote_is_refused_with_the_line_it_opens_on(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("GIFTWISE_LANGUAGE", "en")
        reset_settings()
        text = 'name,email\nA,a@x.cn\nB,"b@x.cn\nC,c@x.cn\nD,d@x.cn\n'
        table = tabular.read_csv("book.csv", text, error=Invalid)
        with pytest.raises(Invalid, match=r"book\.csv line 3 opens a quote"):
            list(table.records)
        reset_settings()

    def test_multiline_cells_keep_the_line_they_start_on(self) -> None:
        text = 'name;address\nA;"Road 1\nFloor 2"\nB;x\n'
        records = list(tabular.read_csv("a.csv", text, error=Invalid).records)
        assert [line for line, _ in records] == [1, 2, 4]
        assert records[1][1] == ["A", "Road 1\nFloor 2"]

    @pytest.mark.parametrize(("header", "delimiter"), [("a,b,c", ","), ("a;b;c", ";"), ("a\tb", "\t"), ("name", ",")])
    def test_one_delimiter_sniff(self, header: str, delimiter: str) -> None:
        assert tabular.sniff_delimiter(header) == delimiter


class TestFormulaSafeExport:
    @pytest.mark.parametrize("attack", ATTACKS)
    def test_a_csv_cell_never_starts_with_a_formula_trigger(self, attack: str) -> None:
        written = tabular.write_csv(["name"], [[attack]]).decode("utf-8-sig")
        cell = written.split("\r\n", 1)[1].lstrip('"')
        assert cell.startswith("'") and cell[1:].startswith(attack[:1])

    @pytest.mark.parametrize("attack", ATTACKS)
    def test_an_xlsx_cell_is_text_marked_as_typed_with_an_apostrophe(self, attack: str) -> None:
        book = load_workbook(io.BytesIO(tabular.write_xlsx("s", ["name"], [[attack]])))
        cell = book.worksheets[0]["A2"]
        # XML stores a carriage return as a line feed; what matters is that the cell is inert text.
        assert (cell.value.strip(), cell.data_type, cell.quotePrefix) == (attack.strip(), "s", True)

    def test_numbers_stay_numbers(self) -> None:
        assert tabular.write_csv(["n"], [[-5]]).decode("utf-8-sig").endswith("-5\r\n")
        book = load_workbook(io.BytesIO(tabular.write_xlsx("s", ["n"], [[-5]])))
        assert book.worksheets[0]["A2"].value == -5

    @given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
                    .filter(lambda s: s.strip() == s and "\r" not in s), min_size=1, max_size=4))
    @example(["'=1+1", "'", "''-5"])  # text that already looks escaped: a catalog sku came back without its mark
    def test_what_is_written_reads_back_the_same(self, cells: list[str]) -> None:
        header = [f"c{i}" for i in range(len(cells))]
        text = tabular.write_csv(header, [cells]).decode("utf-8-sig")
        records = list(tabular.read_csv("x.csv", text, error=Invalid).records)
        assert records[1][1] == cells
