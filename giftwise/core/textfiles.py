"""Turning the bytes of an uploaded text file (CSV, JSON, vCard) into text, whatever wrote it.

One place decides the encoding for every import, so a file Excel or WPS saved in China reads
the same way as contacts and as a catalog.
"""

from __future__ import annotations

# giftwise's users are mostly in China: when a file is not UTF-8 and GB18030 (the superset of
# GB2312 and GBK that Excel's "CSV" writes there) may have written it, prefer it over the
# detector's first guess, which on short Chinese files is often Big5 or a Korean code page.
_CHINESE_ENCODINGS = frozenset({"gb18030", "gbk", "gb2312", "hz", "cp936"})
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Enough text to recognise an encoding; detecting over a whole large file only costs time.
_DETECTION_SAMPLE = 200_000


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
