"""The one charset decision every import (contacts, catalog) relies on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from giftwise.core.textfiles import decode_text_bytes


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
