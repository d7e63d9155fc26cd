"""Errors of the catalog domain, each carrying one sentence a user can act on."""

from __future__ import annotations

from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.schemas import Schema


class RejectedRow(Schema):
    """One row of an import file that cannot be stored, with where it is and why."""

    line: int
    sku: str | None = None
    reason: str


class CatalogItemNotFound(NotFound):
    """No catalog item has the given sku."""


class DuplicateSku(Conflict):
    """Another catalog item already uses this sku."""


class CatalogEditForbidden(Forbidden):
    """Only managers and admins change the shared catalog."""


class CatalogFileUnreadable(Invalid):
    """The file is not a catalog giftwise can read (format, encoding, columns)."""


class CatalogImportRejected(Invalid):
    """Some rows are invalid, so nothing from the file was imported."""

    def __init__(self, rejected: list[RejectedRow]) -> None:
        self.rejected = rejected
        shown = "; ".join(f"line {row.line}: {row.reason}" for row in rejected[:5])
        more = f" (and {len(rejected) - 5} more)" if len(rejected) > 5 else ""
        count = "1 row was" if len(rejected) == 1 else f"{len(rejected)} rows were"
        super().__init__(f"{count} rejected, so nothing was imported; fix them and import again: {shown}{more}.")
