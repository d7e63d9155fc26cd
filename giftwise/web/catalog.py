"""Catalog pages: the searchable list, one item with what giftwise understood of it (and corrections),
and importing a catalog file (managers and admins), saying what could not be told about each item."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from giftwise.catalog import service as catalog
from giftwise.catalog.errors import CatalogImportRejected
from giftwise.catalog.schemas import CatalogQuery, ItemStatus
from giftwise.core.actor import Actor, Role
from giftwise.core.api_support import ActorDep, ManagerDep, SessionDep
from giftwise.core.errors import GiftwiseError, Invalid
from giftwise.core.validation import field_errors
from giftwise.understanding import items_service
from giftwise.understanding.schemas import AttributeCorrection
from giftwise.web.pages import FormDep, error_status, page_language, render, see_other

router = APIRouter()
PAGE_SIZE = 30
IMPORT_SUFFIXES = ".json,.csv,.xlsx"


@router.get("/app/catalog", response_class=HTMLResponse)
def catalog_page(
    request: Request, session: SessionDep, actor: ActorDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    category: Annotated[str | None, Query(max_length=60)] = None,
    tag: Annotated[str | None, Query(max_length=60)] = None,
    status: Annotated[ItemStatus, Query()] = ItemStatus.active,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    """The catalog's items, searchable by name (zh or en), id or tag, and filtered by category, tag and status."""
    query = CatalogQuery.model_validate({"search": q or None, "category": category or None, "tag": tag or None,
                                         "status": status})
    found = catalog.list_items(session, actor, query=query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(request, "catalog/list.html", found=found, q=q or "", category=category or "", tag=tag or "",
                  status=status.value, statuses=[s.value for s in ItemStatus], page=page,
                  editor=_editor(actor), nav="catalog")


def _editor(actor: Actor) -> bool:
    # Only shows or hides the forms: the catalog service itself refuses a rep's change.
    return actor.role is not Role.REP


def _item_page(request: Request, session: Session, actor: Actor, sku: str, *, errors: dict[str, str] | None = None,
               values: dict[str, str] | None = None, saved: bool = False, status_code: int = 200) -> HTMLResponse:
    item = catalog.get_item(session, actor, sku=sku)
    understood = items_service.item_attributes(session, actor, sku=sku)
    return render(request, "catalog/item.html", status_code=status_code, item=item, understood=understood,
                  correctable=items_service.correctable_names(), errors=errors or {}, values=values or {},
                  saved=saved, editor=_editor(actor), nav="catalog")


@router.get("/app/catalog/items/{sku:path}", response_class=HTMLResponse)
def item_page(request: Request, session: SessionDep, actor: ActorDep, sku: str,
              saved: Annotated[bool, Query()] = False) -> HTMLResponse:
    """One item: its details and what giftwise understood of it, each attribute with its words and confidence."""
    return _item_page(request, session, actor, sku, saved=saved)


@router.post("/app/catalog/items/{sku:path}", response_class=HTMLResponse, response_model=None)
def correct_item(request: Request, session: SessionDep, actor: ManagerDep, sku: str,
                 form: FormDep) -> HTMLResponse | RedirectResponse:
    """Set or clear one understood attribute with a reason (managers and admins); a correction always wins."""
    try:
        wanted = AttributeCorrection.model_validate(form)
        items_service.correct_item(session, actor, sku=sku, corrections={wanted.name: wanted.answer},
                                   reason=wanted.reason)
    except (GiftwiseError, ValidationError) as problem:
        session.rollback()
        return _item_page(request, session, actor, sku, errors=field_errors(problem, page_language(request)),
                          values=form, status_code=error_status(problem))
    return see_other(f"/app/catalog/items/{sku}?saved=1")


@router.get("/app/catalog/import", response_class=HTMLResponse)
def import_page(request: Request, actor: ManagerDep) -> HTMLResponse:
    """The form to import a catalog file (JSON, CSV or XLSX), for managers and admins."""
    _ = actor
    return render(request, "catalog/import.html", result=None, rejected=[], errors={}, accept=IMPORT_SUFFIXES,
                  nav="catalog")


@router.post("/app/catalog/import", response_class=HTMLResponse)
async def import_file(request: Request, session: SessionDep, actor: ManagerDep) -> HTMLResponse:
    """Import the uploaded file (all rows or none) and show what changed and what could not be told per item."""
    upload = (await request.form()).get("file")
    content = await upload.read() if isinstance(upload, UploadFile) else b""
    filename = (upload.filename if isinstance(upload, UploadFile) else None) or ""
    try:
        if not content:
            raise Invalid("web.catalog.no_file", field="file")
        result = items_service.import_catalog(session, actor, filename=filename, content=content)
    except GiftwiseError as problem:
        session.rollback()
        rejected = problem.rejected if isinstance(problem, CatalogImportRejected) else []
        return render(request, "catalog/import.html", status_code=error_status(problem), result=None,
                      rejected=rejected, errors=field_errors(problem, page_language(request)),
                      accept=IMPORT_SUFFIXES, nav="catalog")
    return render(request, "catalog/import.html", result=result, rejected=[], errors={}, filename=filename,
                  accept=IMPORT_SUFFIXES, nav="catalog")
