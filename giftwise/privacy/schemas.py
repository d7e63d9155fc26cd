"""Shapes that cross the privacy boundary: what erasing a person removed."""

from __future__ import annotations

from giftwise.core.schemas import Schema


class ErasureReport(Schema):
    """What erasing a contact removed: rows per table (no personal data)."""

    contact_id: int
    deleted: dict[str, int]
    audit_entries_scrubbed: int
