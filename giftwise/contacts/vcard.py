"""Contacts as vCards (3.0 and 4.0, read and written with vobject).

Standard properties carry what phones and mail programs understand (FN, ORG, TITLE, TEL,
EMAIL, ADR, BDAY, LANG); ``X-GIFTWISE-*`` properties carry the rest (relationship, owner,
WeChat id, lunar birthdays...) so a giftwise export comes back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from giftwise.contacts.files import EXPORT_COLUMNS, ImportFileError, RowSource, decode_text
from giftwise.core.i18n import msg

VERSIONS = ("3.0", "4.0")
# giftwise column -> X- property holding it when no standard property does.
_EXTRA = {
    "name_latin": "x-giftwise-name-latin",
    "language": "x-giftwise-language",
    "relationship": "x-giftwise-relationship",
    "public_official": "x-giftwise-public-official",
    "owner": "x-giftwise-owner",
    "wechat": "x-giftwise-wechat",
    "birthday": "x-giftwise-birthday",
    "relationship_since": "x-giftwise-relationship-since",
    "touch_cadence_days": "x-giftwise-touch-cadence-days",
    "visit_cadence_days": "x-giftwise-visit-cadence-days",
}
_CJK = re.compile(r"[\u3400-\u9fff]")
_BDAY_V4 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def read_vcf(filename: str, content: bytes) -> RowSource:
    """One row per vCard in the file; a row's line is the line of its BEGIN:VCARD."""
    text = decode_text(filename, content)
    if "BEGIN:VCARD" not in text.upper():
        raise ImportFileError("contacts.holds_vcard_begin_vcard", filename=filename)
    return RowSource(list(EXPORT_COLUMNS), text.upper().count("BEGIN:VCARD"), _cards(text))


def _cards(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    start, lines = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            start, lines = number, [line]
        elif start:
            lines.append(line)
            if marker == "END:VCARD":
                yield start, _parse_card("\n".join(lines) + "\n")
                start, lines = 0, []
    if start:
        yield start, {"__error__": "this vCard has no END:VCARD line"}


def _parse_card(chunk: str) -> dict[str, str]:
    import vobject

    try:
        card = vobject.readOne(chunk)
    except Exception as exc:  # vobject raises many kinds of parse errors; all mean "broken card"
        return {"__error__": msg("contacts.vcard_unreadable", problem=str(exc).splitlines()[0][:120])}
    return _card_row(card.contents)


def _first(contents: dict[str, list[Any]], key: str) -> Any:
    values = contents.get(key)
    return values[0].value if values else None


def _card_row(contents: dict[str, list[Any]]) -> dict[str, str]:
    row: dict[str, str] = {}
    name = _first(contents, "fn")
    if not name and (n := _first(contents, "n")) is not None:
        parts = [p for p in (n.family, n.given) if p]
        name = ("" if _CJK.search("".join(parts)) else " ").join(parts)
    row["name"] = str(name or "").strip()
    organization = _first(contents, "org")
    if organization:
        row["organization"] = str(organization[0] if isinstance(organization, list) else organization).strip()
    for column, key in (("role", "title"), ("phone", "tel"), ("email", "email"), ("language", "lang")):
        value = _first(contents, key)
        if value:
            row[column] = str(value).strip()
    address = _first(contents, "adr")
    if address is not None:
        parts = [address.box, address.extended, address.street, address.city, address.region, address.code]
        parts.append(address.country)
        row["address"] = " ".join(str(p).strip() for p in parts if p and str(p).strip())
    birthday = _first(contents, "bday")
    if birthday:
        row["birthday"] = str(birthday).split("T")[0].strip()
    for column, key in _EXTRA.items():
        value = _first(contents, key)
        if value:
            row[column] = str(value).strip()
    return row


def _solar_bday(birthday: str, version: str) -> str | None:
    if birthday.startswith("lunar:"):
        return None
    if version == "3.0":
        return birthday if _BDAY_V4.match(birthday) else None
    if match := _BDAY_V4.match(birthday):
        return "".join(match.groups())
    if birthday.startswith("--"):
        return "--" + birthday[2:].replace("-", "")
    return birthday  # "1975" and "1975-03" are valid vCard 4 reduced dates


def write_vcf(rows: Iterable[dict[str, str]], *, version: str = "4.0") -> bytes:
    """vCards (``version`` 3.0 or 4.0) for ``rows`` in giftwise's columns, UTF-8."""
    import vobject

    chunks = []
    for row in rows:
        card = vobject.vCard()
        card.add("version").value = version
        card.add("fn").value = row["name"]
        card.add("n").value = vobject.vcard.Name(family=row["name"])
        if row.get("organization"):
            card.add("org").value = [row["organization"]]
        if row.get("role"):
            card.add("title").value = row["role"]
        if row.get("phone"):
            tel = card.add("tel")
            tel.value = row["phone"]
            tel.type_param = "CELL" if version == "3.0" else "cell"
        if row.get("email"):
            card.add("email").value = row["email"]
        if row.get("address"):
            card.add("adr").value = vobject.vcard.Address(street=row["address"])
        if version == "4.0" and row.get("language"):
            card.add("lang").value = row["language"]
        if row.get("birthday") and (bday := _solar_bday(row["birthday"], version)):
            card.add("bday").value = bday
        for column, key in _EXTRA.items():
            if row.get(column):
                card.add(key).value = row[column]
        chunks.append(card.serialize())
    return "".join(chunks).encode("utf-8")
