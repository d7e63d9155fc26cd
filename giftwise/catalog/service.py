"""The catalog's rules: items are keyed by the customer's sku, imports are all-or-nothing and
idempotent, and every reader (export, recommender) sees items in one portable JSON shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.catalog import repository
from giftwise.catalog.errors import (
    CatalogEditForbidden,
    CatalogImportRejected,
    CatalogItemNotFound,
    DuplicateSku,
    RejectedRow,
)
from giftwise.catalog.fields import price_number
from giftwise.catalog.readers import SourceRow, read_catalog
from giftwise.catalog.schemas import (
    CatalogItemCreate,
    CatalogItemRead,
    CatalogItemUpdate,
    CatalogQuery,
    ExportFormat,
    ImportReport,
)
from giftwise.catalog.writers import write_catalog
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Invalid
from giftwise.core.i18n import msg
from giftwise.core.schemas import Page, page_of
from giftwise.models.catalog import CatalogItem

Progress = Callable[[int, int], None]

# Fields a file or a request may set, in the model's own names.
ITEM_FIELDS = (
    "name_en", "name_zh", "description_en", "description_zh", "price", "currency", "category", "tags",
    "supplier", "lead_time_days", "usage_tip_en", "usage_tip_zh", "story_prompt", "stock", "active",
)
# A blank cell here means "not given" (new items get the default, stored items keep theirs).
_BLANK_MEANS_UNSET = ("currency", "active")


def portable_item(item: Any) -> dict[str, Any]:
    """One item (stored or validated) in the shared catalog JSON shape, extras only when set."""
    portable: dict[str, Any] = {
        "id": item.sku,
        "name": {"en": item.name_en, "zh": item.name_zh},
        "description": {"en": item.description_en, "zh": item.description_zh},
        "price": price_number(item.price),
        "currency": item.currency,
        "category": item.category,
        "tags": list(item.tags),
    }
    for extra in ("supplier", "lead_time_days"):
        if getattr(item, extra) is not None:
            portable[extra] = getattr(item, extra)
    if item.usage_tip_en or item.usage_tip_zh:
        portable["usage_tip"] = {"en": item.usage_tip_en or "", "zh": item.usage_tip_zh or ""}
    for extra in ("story_prompt", "stock"):
        if getattr(item, extra) is not None:
            portable[extra] = getattr(item, extra)
    if not item.active:
        portable["active"] = False
    if getattr(item, "attribute_corrections", None):
        portable["corrections"] = dict(item.attribute_corrections)
    return portable


def portable_catalog(session: Session, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    """The stored catalog as a list of items in the shared JSON shape (active items unless asked)."""
    return [portable_item(item) for item in repository.all_items(session, include_inactive=include_inactive)]


def read_portable_catalog(filename: str, content: bytes, *, file_format: str | None = None) -> list[dict[str, Any]]:
    """A catalog file (JSON, CSV or XLSX) checked and given back in the shared JSON shape, without a database."""
    return [portable_item(data) for _, data in _validate_rows(read_catalog(filename, content, file_format))]


def get_item(session: Session, actor: Actor, *, sku: str) -> CatalogItem:
    """The item with ``sku``; CatalogItemNotFound if there is none."""
    _ = actor
    item = repository.item_by_sku(session, sku.strip())
    if item is None:
        raise CatalogItemNotFound("catalog.catalog_item_id_giftwise", sku=sku)
    return item


def items_by_ids(session: Session, *, item_ids: Iterable[int]) -> dict[int, CatalogItem]:
    """The catalog items among ``item_ids`` (inactive ones too: a past gift keeps its item), by id, in one read."""
    return repository.items_by_ids(session, item_ids)


def list_items(
    session: Session, actor: Actor, *, query: CatalogQuery, limit: int = 50, offset: int = 0
) -> Page[CatalogItemRead]:
    """One page of items matching the filters (name in zh/en, category, tag, price, status)."""
    _ = actor
    items, total = repository.search_items(session, query, limit=limit, offset=offset)
    return page_of(CatalogItemRead, items, total=total, limit=limit, offset=offset)


def create_item(session: Session, actor: Actor, *, data: CatalogItemCreate) -> CatalogItem:
    """Add a new item; DuplicateSku if its sku is taken."""
    _require_editor(actor)
    if repository.item_by_sku(session, data.sku) is not None:
        raise DuplicateSku(
            "catalog.catalog_item_id_already", sku=data.sku, field="sku"
        )
    item = _new_item(data)
    session.add(item)
    session.flush()
    record_audit(session, actor, action="catalog.create", entity="catalog_item", entity_id=item.id,
                 after=portable_item(item))
    return item


def update_item(session: Session, actor: Actor, *, sku: str, changes: CatalogItemUpdate) -> CatalogItem:
    """Change the given fields of the item with ``sku``; fields not given stay as they are."""
    _require_editor(actor)
    item = get_item(session, actor, sku=sku)
    given = {name: getattr(changes, name) for name in changes.model_fields_set if name in ITEM_FIELDS}
    _apply(session, actor, item, given)
    return item


def deactivate_item(session: Session, actor: Actor, *, sku: str) -> CatalogItem:
    """Stop offering the item (it stays stored, so past gifts keep pointing at it)."""
    return update_item(session, actor, sku=sku, changes=CatalogItemUpdate(active=False))


def import_catalog_file(
    session: Session,
    actor: Actor,
    *,
    filename: str,
    content: bytes,
    file_format: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a JSON, CSV or XLSX catalog file: all rows or none, idempotent by sku."""
    return import_rows(session, actor, rows=read_catalog(filename, content, file_format), progress=progress)


def import_rows(
    session: Session, actor: Actor, *, rows: Sequence[SourceRow], progress: Progress | None = None
) -> ImportReport:
    """Create or update one item per row by sku; if any row is invalid, store nothing and say which."""
    _require_editor(actor)
    validated = _validate_rows(rows)
    existing = repository.items_by_skus(session, (data.sku for _, data in validated))
    created: list[str] = []
    updated: list[str] = []
    for done, (_, data) in enumerate(validated, start=1):
        item = existing.get(data.sku)
        if item is None:
            session.add(_new_item(data))
            created.append(data.sku)
        elif _apply(session, actor, item, {name: getattr(data, name) for name in _given_fields(data)}):
            updated.append(data.sku)
        if progress is not None:
            progress(done, len(validated))
    session.flush()
    report = ImportReport(
        created=created, updated=updated, unchanged=len(validated) - len(created) - len(updated), total=len(validated)
    )
    if created or updated:
        record_audit(session, actor, action="catalog.import", entity="catalog", entity_id=None,
                     after={"created": len(created), "updated": len(updated), "unchanged": report.unchanged})
    return report


def export_catalog(session: Session, actor: Actor, *, fmt: ExportFormat, include_inactive: bool = True) -> bytes:
    """The catalog as a file in ``fmt`` that ``import_catalog_file`` reads back unchanged."""
    _ = actor
    return write_catalog(portable_catalog(session, include_inactive=include_inactive), fmt)


def _require_editor(actor: Actor) -> None:
    if actor.role is Role.REP:
        raise CatalogEditForbidden("catalog.only_managers_admins_change")


def _new_item(data: CatalogItemCreate) -> CatalogItem:
    return CatalogItem(sku=data.sku, **{name: getattr(data, name) for name in ITEM_FIELDS})


def _given_fields(data: CatalogItemCreate) -> list[str]:
    return [name for name in ITEM_FIELDS if name in data.model_fields_set]


def _apply(session: Session, actor: Actor, item: CatalogItem, values: dict[str, Any]) -> bool:
    """Set the values that differ (required fields are never set to None); True if any did."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in values.items():
        current = getattr(item, name)
        if (value is None and name in _REQUIRED) or current == value:
            continue
        before[name], after[name] = current, value
        setattr(item, name, value)
    if not after:
        return False
    if not item.name_en and not item.name_zh:
        raise Invalid("catalog.item_would_name_keep", sku=item.sku, field="name_en")
    session.flush()
    record_audit(session, actor, action="catalog.update", entity="catalog_item", entity_id=item.id,
                 before=_jsonable(before), after=_jsonable(after))
    return True


_REQUIRED = frozenset(
    {"name_en", "name_zh", "description_en", "description_zh", "price", "currency", "category", "tags", "active"}
)


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: price_number(v) if k == "price" else v for k, v in values.items()}


def _validate_rows(rows: Sequence[SourceRow]) -> list[tuple[int, CatalogItemCreate]]:
    valid: list[tuple[int, CatalogItemCreate]] = []
    rejected: list[RejectedRow] = []
    first_line: dict[str, int] = {}
    for row in rows:
        sku = str(row.values.get("id") or "").strip() or None
        try:
            data = _validate_row(row)
        except ValueError as error:
            rejected.append(RejectedRow(line=row.line, sku=sku, reason=str(error)))
            continue
        if data.sku in first_line:
            reason = msg("catalog.sku_repeated", sku=data.sku, line=first_line[data.sku])
            rejected.append(RejectedRow(line=row.line, sku=data.sku, reason=reason))
            continue
        first_line[data.sku] = row.line
        valid.append((row.line, data))
    if rejected:
        raise CatalogImportRejected(rejected)
    return valid


def _validate_row(row: SourceRow) -> CatalogItemCreate:
    if row.stray_column is not None:
        raise ValueError(msg("catalog.column_holds_value_but", stray_column=row.stray_column))
    values = {("sku" if key == "id" else key): value for key, value in row.values.items()}
    for name in _BLANK_MEANS_UNSET:
        if name in values and (values[name] is None or (isinstance(values[name], str) and not values[name].strip())):
            del values[name]
    try:
        return CatalogItemCreate.model_validate(values)
    except ValidationError as error:
        raise ValueError(validation_reason(error)) from None


def validation_reason(error: ValidationError) -> str:
    """Pydantic's complaints as one plain sentence (our own reasons kept word for word)."""
    reasons: list[str] = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]).replace("sku", "id")
        if problem["type"] == "value_error":
            reason = str(problem.get("ctx", {}).get("error", problem["msg"]))
        elif problem["type"] == "missing":
            reason = f"{field} is missing"
        else:
            reason = f"{field}: {problem['msg'].lower()}"
        if reason not in reasons:
            reasons.append(reason)
    return "; ".join(reasons)


ANSWERS = ("yes", "no", "unknown")


def correct_attributes(
    session: Session, actor: Actor, *, sku: str, corrections: dict[str, str], reason: str | None = None
) -> CatalogItem:
    """Store a user's corrections of an item's understood attributes ({"nuts": "no"}; "clear" forgets one).

    Corrections always win over what giftwise reads; the change is audited with the user's ``reason``."""
    _require_editor(actor)
    item = get_item(session, actor, sku=sku)
    before = dict(item.attribute_corrections or {})
    current = dict(before)
    for name, answer in corrections.items():
        if answer == "clear":
            current.pop(name, None)
        elif answer in ANSWERS:
            current[name] = answer
        else:
            raise Invalid("catalog.attribute_answer", name=name, answer=answer, field="corrections")
    if current == before:
        return item
    item.attribute_corrections = current
    session.flush()
    after: dict[str, Any] = {"corrections": current}
    if reason and reason.strip():
        after["reason"] = reason.strip()
    record_audit(session, actor, action="catalog.correct", entity="catalog_item", entity_id=item.id,
                 before={"corrections": before}, after=after)
    return item
