"""Errors of the catalog domain, each carrying one sentence a user can act on."""

from __future__ import annotations

from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.i18n import t
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
        key = "catalog.import_rejected_one" if len(rejected) == 1 else "catalog.import_rejected_many"
        super().__init__(key, count=len(rejected))

    def sentence(self, language: str | None) -> str:
        """The rejection in ``language``, naming the first five rows and how many more there are."""
        rows = self.rejected[:5]
        shown = "; ".join(t("catalog.rejected_row", language, line=row.line, reason=row.reason) for row in rows)
        more = t("catalog.rejected_more", language, count=len(self.rejected) - 5) if len(self.rejected) > 5 else ""
        return t(self.message, language, count=len(self.rejected), shown=shown, more=more)
