"""REST routes for the catalog domain: parse, call the service, shape the answer."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response, UploadFile, status
from fastapi.responses import JSONResponse

from giftwise.catalog import service
from giftwise.catalog.errors import (
    CatalogEditForbidden,
    CatalogFileUnreadable,
    CatalogImportRejected,
    CatalogItemNotFound,
    DuplicateSku,
)
from giftwise.catalog.schemas import (
    CatalogItemCreate,
    CatalogItemRead,
    CatalogItemUpdate,
    CatalogQuery,
    ExportFormat,
    ImportReport,
    ItemStatus,
)
from giftwise.core.api_support import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    ActorDep,
    ManagerDep,
    PageDep,
    SessionDep,
    file_download,
    problem,
    problem_responses,
)
from giftwise.core.clock import today
from giftwise.core.errors import Invalid
from giftwise.core.schemas import Page

router = APIRouter(prefix="/catalog", tags=["catalog"])

_MEDIA_TYPES = {
    ExportFormat.json: "application/json",
    ExportFormat.csv: CSV_MEDIA_TYPE,
    ExportFormat.xlsx: XLSX_MEDIA_TYPE,
}


@router.get("/items", response_model=Page[CatalogItemRead])
def list_items(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    search: Annotated[str | None, Query(description="Words in the name (zh or en), id or tags")] = None,
    category: str | None = None,
    tag: str | None = None,
    min_price: Annotated[Decimal | None, Query(ge=0)] = None,
    max_price: Annotated[Decimal | None, Query(ge=0)] = None,
    currency: str | None = None,
    item_status: Annotated[ItemStatus, Query(alias="status")] = ItemStatus.active,
) -> Page[CatalogItemRead]:
    """List and search catalog items, a page at a time (active items unless ``status`` says otherwise)."""
    query = CatalogQuery(
        search=search, category=category, tag=tag, min_price=min_price, max_price=max_price,
        currency=currency, status=item_status,
    )
    return service.list_items(session, actor, query=query, limit=page.limit, offset=page.offset)


@router.get("/items/{sku:path}", response_model=CatalogItemRead, responses=problem_responses(CatalogItemNotFound))
def get_item(sku: str, session: SessionDep, actor: ActorDep) -> CatalogItemRead:
    """One catalog item by its id (sku)."""
    return CatalogItemRead.model_validate(service.get_item(session, actor, sku=sku))


@router.post(
    "/items",
    response_model=CatalogItemRead,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(DuplicateSku, CatalogEditForbidden, Invalid),
)
def create_item(data: CatalogItemCreate, session: SessionDep, actor: ManagerDep) -> CatalogItemRead:
    """Add an item to the catalog."""
    return CatalogItemRead.model_validate(service.create_item(session, actor, data=data))


@router.patch(
    "/items/{sku:path}",
    response_model=CatalogItemRead,
    responses=problem_responses(CatalogItemNotFound, CatalogEditForbidden, Invalid),
)
def update_item(sku: str, changes: CatalogItemUpdate, session: SessionDep, actor: ManagerDep) -> CatalogItemRead:
    """Change some fields of an item (``{"active": false}`` stops offering it)."""
    return CatalogItemRead.model_validate(service.update_item(session, actor, sku=sku, changes=changes))


@router.post(
    "/import",
    response_model=ImportReport,
    responses=problem_responses(CatalogFileUnreadable, CatalogEditForbidden),
)
async def import_catalog(
    file: UploadFile,
    session: SessionDep,
    actor: ManagerDep,
    file_format: Annotated[ExportFormat | None, Query(alias="format", description="Default: by file suffix")] = None,
) -> ImportReport | JSONResponse:
    """Import a JSON, CSV or XLSX catalog: all rows or none; re-importing the same file changes nothing."""
    content = await file.read()
    try:
        return service.import_catalog_file(
            session, actor, filename=file.filename or "upload", content=content,
            file_format=file_format.value if file_format else None,
        )
    except CatalogImportRejected as error:
        session.rollback()
        rejected = [row.model_dump() for row in error.rejected]
        return problem(error.status, error.title, error.detail, error="CatalogImportRejected", rejected=rejected)


@router.get("/export", responses={200: {"content": {media: {} for media in _MEDIA_TYPES.values()}}})
def export_catalog(
    session: SessionDep,
    actor: ActorDep,
    file_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.json,
    include_inactive: bool = True,
) -> Response:
    """Download the catalog as JSON (the shared catalog shape), CSV or XLSX."""
    content = service.export_catalog(session, actor, fmt=file_format, include_inactive=include_inactive)
    filename = f"catalog-{today().isoformat()}.{file_format.value}"
    return file_download(content, filename, _MEDIA_TYPES[file_format])
