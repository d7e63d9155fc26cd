"""REST routes for the contacts domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status

from giftwise.contacts import files_service, service
from giftwise.contacts.schemas import (
    ContactCreate,
    ContactFilter,
    ContactRead,
    ContactUpdate,
    ExportFormat,
    ImportReport,
    NoteCreate,
    NoteRead,
    OrganizationCreate,
    OrganizationFilter,
    OrganizationRead,
    OrganizationUpdate,
    Relationship,
)
from giftwise.core.api_support import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    ActorDep,
    PageDep,
    SessionDep,
    file_download,
    problem,
    problem_responses,
)
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound, title_in
from giftwise.core.i18n import msg
from giftwise.core.schemas import Page, PrimaryKey
from giftwise.core.settings import get_settings
from giftwise.workflows import contact_steps, note_steps

router = APIRouter(tags=["contacts"])

_EXPORT_TYPES = {
    "csv": CSV_MEDIA_TYPE,
    "xlsx": XLSX_MEDIA_TYPE,
    "vcf": "text/vcard; charset=utf-8",
}


def _archived(archived: bool | None, include_archived: bool) -> bool | None:
    return None if include_archived else (False if archived is None else archived)


# ---- organizations ---------------------------------------------------------------------


@router.get("/organizations", response_model=Page[OrganizationRead])
def list_organizations(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    q: Annotated[str | None, Query(description="Part of the name")] = None,
    country: str | None = None,
    industry: str | None = None,
    public_sector: bool | None = None,
    archived: Annotated[bool | None, Query(description="Only archived (true) or only active (false, default)")] = None,
    include_archived: bool = False,
) -> Page[OrganizationRead]:
    """Organizations by name, filtered and searched."""
    filters = OrganizationFilter(
        q=q, country=country, industry=industry, public_sector=public_sector,
        archived=_archived(archived, include_archived),
    )  # fmt: skip
    return service.list_organizations(session, actor, filters=filters, limit=page.limit, offset=page.offset)


@router.post(
    "/organizations",
    response_model=OrganizationRead,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Conflict, Invalid),
)
def create_organization(session: SessionDep, actor: ActorDep, body: OrganizationCreate) -> OrganizationRead:
    """Add an organization."""
    return OrganizationRead.model_validate(service.create_organization(session, actor, data=body))


@router.get("/organizations/{organization_id}", response_model=OrganizationRead, responses=problem_responses(NotFound))
def get_organization(session: SessionDep, actor: ActorDep, organization_id: PrimaryKey) -> OrganizationRead:
    """One organization."""
    return OrganizationRead.model_validate(service.get_organization(session, actor, organization_id=organization_id))


@router.patch(
    "/organizations/{organization_id}",
    response_model=OrganizationRead,
    responses=problem_responses(NotFound, Conflict, Invalid),
)
def update_organization(
    session: SessionDep, actor: ActorDep, organization_id: PrimaryKey, body: OrganizationUpdate
) -> OrganizationRead:
    """Change some fields of an organization."""
    updated = service.update_organization(session, actor, organization_id=organization_id, data=body)
    return OrganizationRead.model_validate(updated)


@router.post(
    "/organizations/{organization_id}/archive", response_model=OrganizationRead, responses=problem_responses(NotFound)
)
def archive_organization(session: SessionDep, actor: ActorDep, organization_id: PrimaryKey) -> OrganizationRead:
    """Hide an organization from default lists (its contacts stay)."""
    archived = service.archive_organization(session, actor, organization_id=organization_id)
    return OrganizationRead.model_validate(archived)


@router.post(
    "/organizations/{organization_id}/restore", response_model=OrganizationRead, responses=problem_responses(NotFound)
)
def restore_organization(session: SessionDep, actor: ActorDep, organization_id: PrimaryKey) -> OrganizationRead:
    """Bring an archived organization back."""
    restored = service.archive_organization(session, actor, organization_id=organization_id, archived=False)
    return OrganizationRead.model_validate(restored)


# ---- contacts --------------------------------------------------------------------------


@router.get("/contacts", response_model=Page[ContactRead])
def list_contacts(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    q: Annotated[
        str | None, Query(description="Part of the name (Chinese or Latin), email, WeChat id or phone")
    ] = None,
    organization_id: PrimaryKey | None = None,
    relationship: Relationship | None = None,
    owner_id: PrimaryKey | None = None,
    public_official: bool | None = None,
    archived: Annotated[bool | None, Query(description="Only archived (true) or only active (false, default)")] = None,
    include_archived: bool = False,
) -> Page[ContactRead]:
    """The contacts you may see, by name, filtered and searched."""
    filters = ContactFilter(
        q=q, organization_id=organization_id, relationship=relationship, owner_id=owner_id,
        public_official=public_official, archived=_archived(archived, include_archived),
    )  # fmt: skip
    return service.list_contacts(session, actor, filters=filters, limit=page.limit, offset=page.offset)


@router.post(
    "/contacts",
    response_model=ContactRead,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Conflict, Invalid, Forbidden),
)
def create_contact(session: SessionDep, actor: ActorDep, body: ContactCreate) -> ContactRead:
    """Add a contact (to your own book unless ``owner_id`` names a teammate)."""
    return service.contact_read(session, contact_steps.create(session, actor, data=body))


@router.post(
    "/contacts/import",
    response_model=ImportReport,
    responses={
        **problem_responses(Invalid),
        422: {"description": "Unreadable file or rejected rows (nothing written)"},
    },
)
def import_contacts(
    session: SessionDep,
    actor: ActorDep,
    file: Annotated[UploadFile, File(description="A .csv, .xlsx or .vcf file")],
    skip_invalid: Annotated[bool, Form(description="Import the valid rows and report the rest")] = False,
    file_format: Annotated[ExportFormat | None, Form(alias="format", description="Override the extension")] = None,
) -> Any:
    """Create or update contacts from a file, all or nothing; every rejected row is reported with its line."""
    content = file.file.read()
    report = contact_steps.import_file(
        session, actor, content=content, filename=file.filename or "upload", file_format=file_format,
        skip_invalid=skip_invalid,
    )  # fmt: skip
    if not report.applied:
        detail = msg("contacts.rows_rejected_api", count=len(report.rejected), rows=report.rows)
        title = title_in("Rows rejected", get_settings().language)
        return problem(422, title, detail, error="ImportRejected", report=report.model_dump(mode="json"))
    return report


@router.get(
    "/contacts/export",
    response_class=Response,
    responses={200: {"content": {t: {} for t in _EXPORT_TYPES.values()}, "description": "The file"}},
)
def export_contacts(
    session: SessionDep,
    actor: ActorDep,
    file_format: Annotated[ExportFormat, Query(alias="format")] = "csv",
    vcard_version: Annotated[Literal["3.0", "4.0"], Query(description="vCard version for format=vcf")] = "4.0",
    q: str | None = None,
    organization_id: PrimaryKey | None = None,
    include_archived: bool = False,
) -> Response:
    """The contacts you may see as a CSV, XLSX or vCard file."""
    filters = ContactFilter(q=q, organization_id=organization_id, archived=_archived(None, include_archived))
    exported = files_service.export_contacts(
        session, actor, file_format=file_format, filters=filters, vcard_version=vcard_version
    )
    return file_download(exported.content, f"contacts.{file_format}", _EXPORT_TYPES[file_format])


@router.get("/contacts/{contact_id}", response_model=ContactRead, responses=problem_responses(NotFound))
def get_contact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey) -> ContactRead:
    """One contact you may see."""
    return service.contact_read(session, service.get_contact(session, actor, contact_id=contact_id))


@router.patch(
    "/contacts/{contact_id}",
    response_model=ContactRead,
    responses=problem_responses(NotFound, Conflict, Invalid, Forbidden),
)
def update_contact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, body: ContactUpdate) -> ContactRead:
    """Change some fields of a contact; fields sent as null are cleared."""
    return service.contact_read(session, contact_steps.update(session, actor, contact_id=contact_id, data=body))


@router.post("/contacts/{contact_id}/archive", response_model=ContactRead, responses=problem_responses(NotFound))
def archive_contact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey) -> ContactRead:
    """Hide a contact from default lists; nothing is deleted."""
    return service.contact_read(session, contact_steps.archive(session, actor, contact_id=contact_id))


@router.post("/contacts/{contact_id}/restore", response_model=ContactRead, responses=problem_responses(NotFound))
def restore_contact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey) -> ContactRead:
    """Bring an archived contact back."""
    restored = contact_steps.archive(session, actor, contact_id=contact_id, archived=False)
    return service.contact_read(session, restored)


# ---- notes -----------------------------------------------------------------------------


@router.get("/contacts/{contact_id}/notes", response_model=Page[NoteRead], responses=problem_responses(NotFound))
def list_notes(session: SessionDep, actor: ActorDep, page: PageDep, contact_id: PrimaryKey) -> Page[NoteRead]:
    """A contact's notes, newest first."""
    return service.list_notes(session, actor, contact_id=contact_id, limit=page.limit, offset=page.offset)


@router.post(
    "/contacts/{contact_id}/notes",
    response_model=NoteRead,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(NotFound, Invalid),
)
def add_note(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, body: NoteCreate) -> NoteRead:
    """Keep a dated note about a contact, verbatim (notes are never edited), and read it into facts."""
    return NoteRead.model_validate(note_steps.add(session, actor, contact_id=contact_id, data=body))
