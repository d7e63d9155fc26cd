"""Parcels from the browser: one parcel's packing list (promised extras marked), its evidence with photo upload,
packing and shipping it, and opening a dispute on it once it has left.

Thin shells over the shipments and disputes services and the parcel workflow (the same the CLI and REST API call).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import t
from giftwise.core.settings import get_settings
from giftwise.core.validation import field_errors
from giftwise.disputes import service as disputes
from giftwise.disputes.explain import claim_label
from giftwise.disputes.schemas import ClaimKind, DisputeOpen
from giftwise.orders import service as orders
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import EvidenceIn, PackIn, ShipIn, ShipmentLineIn
from giftwise.web.orders import line_names
from giftwise.web.pages import FormDep, error_status, page_language, render, see_other
from giftwise.workflows import parcel_steps

router = APIRouter()
CLAIMS = ClaimKind.__args__  # type: ignore[attr-defined]
# Photo files a browser may show in place; anything else is saved as a download.
SHOWN_INLINE = ("image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf")


def parcel_page(
    request: Request, session: Session, actor: Actor, shipment_id: int, *, errors: dict[str, str] | None = None,
    form: str = "", values: dict[str, str] | None = None, status_code: int = 200,
) -> HTMLResponse:
    """The parcel's page; a refused ``form`` comes back open with its problems beside the fields."""
    lang = page_language(request)
    model = shipments.get_shipment(session, actor, shipment_id=shipment_id)
    parcel = shipments.shipment_read(session, model)
    contact = contacts.get_contact(session, actor, contact_id=parcel.contact_id)
    order = orders.order_read(session, orders.get_order(session, actor, order_id=parcel.order_id))
    missing = shipments.missing_promises(session, model) if parcel.status == "preparing" else []
    open_promises = orders.list_promises(session, actor, contact_id=parcel.contact_id, status="open", limit=100).items
    carried = shipments.parcels_of_promises(session, actor, promise_ids=[p.id for p in open_promises])
    addable = [p for p in open_promises if p.id not in carried and p.order_id in (None, parcel.order_id)]
    claims = [d for d in disputes.list_disputes(session, actor, contact_id=parcel.contact_id, limit=100).items
              if d.shipment_id == parcel.id]
    return render(
        request, "shipments/detail.html", status_code=status_code, parcel=parcel, contact=contact, order=order,
        order_name=order.reference or t("web.orders.number", lang, id=order.id),
        names=line_names(session, parcel.lines, lang),
        missing=missing, addable=addable, addable_names=line_names(session, addable, lang),
        evidence=shipments.list_evidence(session, actor, shipment_id=parcel.id), claims=claims,
        claim_names={d.id: claim_label(d.claim_kind, d.claim_quantity, lang) for d in claims},
        claim_kinds=CLAIMS, errors=errors or {}, form=form, values=values or {}, nav="contacts",
        saved=request.query_params.get("saved"), max_photo_mb=f"{get_settings().evidence_max_bytes / 1_048_576:g}",
    )


@router.get("/app/shipments/{shipment_id}", response_class=HTMLResponse)
def parcel_detail(request: Request, session: SessionDep, actor: ActorDep, shipment_id: int) -> HTMLResponse:
    """One parcel: what is in it (promised extras marked), what is still owed, its evidence and its next step."""
    return parcel_page(request, session, actor, shipment_id)


def _step(request: Request, session: Session, actor: Actor, shipment_id: int, form_name: str, values: dict[str, str],
          step: Callable[[], str]) -> Response:
    """Run ``step`` (which answers where to go next); a refusal re-shows the parcel with the form's problems."""
    try:
        target = step()
    except (GiftwiseError, ValidationError) as error:
        session.rollback()
        return parcel_page(request, session, actor, shipment_id, errors=field_errors(error, page_language(request)),
                           form=form_name, values=values, status_code=error_status(error))
    return see_other(target)


@router.post("/app/shipments/{shipment_id}/lines", response_class=HTMLResponse, response_model=None)
def add_line(request: Request, session: SessionDep, actor: ActorDep, shipment_id: int, form: FormDep) -> Response:
    """Put a promise or an item into a parcel that is still being prepared."""
    def step() -> str:
        shipments.add_line(session, actor, shipment_id=shipment_id, data=ShipmentLineIn.model_validate(form))
        return f"/app/shipments/{shipment_id}?saved=line"
    return _step(request, session, actor, shipment_id, "line", form, step)


@router.post("/app/shipments/{shipment_id}/pack", response_class=HTMLResponse, response_model=None)
def pack(request: Request, session: SessionDep, actor: ActorDep, shipment_id: int, form: FormDep) -> Response:
    """Mark the parcel packed and counted (refused while a due promise is missing, unless the reason is given)."""
    def step() -> str:
        shipments.pack_shipment(session, actor, shipment_id=shipment_id, data=PackIn.model_validate(form))
        return f"/app/shipments/{shipment_id}?saved=packed"
    return _step(request, session, actor, shipment_id, "pack", form, step)


@router.post("/app/shipments/{shipment_id}/ship", response_class=HTMLResponse, response_model=None)
def ship(request: Request, session: SessionDep, actor: ActorDep, shipment_id: int, form: FormDep) -> Response:
    """Hand the packed parcel to the carrier; the promises in it are kept (a resend's surprise gift leaves too)."""
    def step() -> str:
        parcel_steps.ship(session, actor, shipment_id=shipment_id, data=ShipIn.model_validate(form))
        return f"/app/shipments/{shipment_id}?saved=shipped"
    return _step(request, session, actor, shipment_id, "ship", form, step)


@router.post("/app/shipments/{shipment_id}/evidence", response_class=HTMLResponse, response_model=None)
def add_evidence(
    request: Request, session: SessionDep, actor: ActorDep, shipment_id: int,
    file: Annotated[UploadFile | None, File()] = None, weight_kg: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """Keep evidence for the parcel (a multipart form): a photo or scan kept with its sha256, a weight, a note."""
    values = {"weight_kg": weight_kg.strip(), "note": note.strip()}

    def step() -> str:
        given = EvidenceIn.model_validate({k: v for k, v in values.items() if v})
        chosen = file if file is not None and file.filename else None  # an empty file field still sends a part
        upload = shipments.PhotoUpload(chosen.file, chosen.filename or "photo", chosen.content_type) if chosen else None
        shipments.add_evidence(session, actor, shipment_id=shipment_id, upload=upload, weight_kg=given.weight_kg,
                               note=given.note)
        return f"/app/shipments/{shipment_id}?saved=evidence#evidence"
    return _step(request, session, actor, shipment_id, "evidence", values, step)


@router.get("/app/shipments/{shipment_id}/evidence/{evidence_id}", response_model=None)
def evidence_photo(session: SessionDep, actor: ActorDep, shipment_id: int, evidence_id: int) -> FileResponse:
    """One photo or scan of the parcel, as it was uploaded (images and PDFs open in place, others download)."""
    path, evidence = shipments.evidence_file(session, actor, shipment_id=shipment_id, evidence_id=evidence_id)
    kind = evidence.content_type or "application/octet-stream"
    shown = "inline" if kind in SHOWN_INLINE else "attachment"
    return FileResponse(path, media_type=kind if shown == "inline" else "application/octet-stream",
                        filename=evidence.original_name or path.name, content_disposition_type=shown)


@router.post("/app/shipments/{shipment_id}/disputes", response_class=HTMLResponse, response_model=None)
def open_dispute(request: Request, session: SessionDep, actor: ActorDep, shipment_id: int, form: FormDep) -> Response:
    """Open the client's claim on this parcel (what they say is missing or wrong), then show the dispute's advice."""
    def step() -> str:
        dispute = disputes.open_dispute(session, actor, data=DisputeOpen.model_validate(
            {**form, "shipment_id": shipment_id}))
        return f"/app/disputes/{dispute.id}?saved=opened"
    return _step(request, session, actor, shipment_id, "dispute", form, step)
