"""Which contacts are likely the same person, told from what each was stored with (pure logic).

Two contacts are likely one person when they share an email (ignoring case), a phone number (its digits,
without the 86 prefix), or the same name, written alike once case, spaces and dots are set aside ("Wang
Jianguo" = "wang jianguo", 王建国 = "王 建国"; a Latin name counts as a name), in the same organization
(or both without one). Unlike the check on adding a contact, differing phones do not clear a namesake:
a person with a new phone is the most common duplicate a rep asks about.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# Reasons, in the order a page names them.
REASONS = ("email", "phone", "name")
_SPACING = re.compile(r"[\s.·・•_\-]+")


@dataclass(frozen=True)
class Candidate:
    """What a contact is compared by."""

    id: int
    name: str
    name_latin: str | None
    organization_id: int | None
    email: str | None
    phone_key: str | None


def name_key(name: str | None) -> str:
    """A name as compared: Unicode-normalised, case-folded, without spaces and dots ("" for none)."""
    if not name:
        return ""
    return _SPACING.sub("", unicodedata.normalize("NFKC", name).casefold())


def likely_pairs(candidates: Iterable[Candidate]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every pair of likely duplicates as (lower id, higher id, reasons), by the lower id then the higher."""
    groups: dict[tuple[object, ...], set[int]] = defaultdict(set)
    for c in candidates:
        if c.email and c.email.strip():
            groups[("email", c.email.strip().casefold())].add(c.id)
        if c.phone_key:
            groups[("phone", c.phone_key)].add(c.id)
        for written in {name_key(c.name), name_key(c.name_latin)} - {""}:
            groups[("name", written, c.organization_id)].add(c.id)
    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, ids in groups.items():
        ordered = sorted(ids)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                reasons[(first, second)].add(str(key[0]))
    return [(a, b, tuple(r for r in REASONS if r in why)) for (a, b), why in sorted(reasons.items())]
