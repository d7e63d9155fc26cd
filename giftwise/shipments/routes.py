"""REST routes for parcels and their evidence (multipart photo upload, zip export)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import Response

from giftwise.core.api_support import ActorDep, PageDep, SessionDep, file_download, problem_responses
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.schemas import Page, PrimaryKey
from giftwise.shipments import service
from giftwise.shipments.schemas import EvidenceRead, PackIn, ShipIn, ShipmentLineIn, ShipmentPrepare, ShipmentRead
from giftwise.workflows import parcel_steps

router = APIRouter(tags=["shipments"])


@router.post("/shipments", status_code=201, response_model=ShipmentRead,
             responses=problem_responses(NotFound, Invalid))
def prepare_shipment(data: ShipmentPrepare, session: SessionDep, actor: ActorDep) -> ShipmentRead:
    """Prepare a parcel for an order: its open lines and every due promise go on the packing list."""
    return service.shipment_read(session, service.prepare_shipment(session, actor, data=data))


@router.get("/shipments", response_model=Page[ShipmentRead])
def list_shipments(
    session: SessionDep, actor: ActorDep, page: PageDep, order_id: Annotated[PrimaryKey | None, Query()] = None,
    status: str | None = None,
) -> Page[ShipmentRead]:
    """Parcels you may see, newest first."""
    return service.list_shipments(session, actor, order_id=order_id, status=status, limit=page.limit,
                                  offset=page.offset)


@router.get("/shipments/{shipment_id}", response_model=ShipmentRead, responses=problem_responses(NotFound))
def get_shipment(shipment_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> ShipmentRead:
    """One parcel with its packing list."""
    return service.shipment_read(session, service.get_shipment(session, actor, shipment_id=shipment_id))


@router.post("/shipments/{shipment_id}/lines", status_code=201, response_model=ShipmentRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def add_line(shipment_id: PrimaryKey, data: ShipmentLineIn, session: SessionDep, actor: ActorDep) -> ShipmentRead:
    """Add a promise or an item to a parcel that is still being prepared."""
    service.add_line(session, actor, shipment_id=shipment_id, data=data)
    return service.shipment_read(session, service.get_shipment(session, actor, shipment_id=shipment_id))


@router.post("/shipments/{shipment_id}/pack", response_model=ShipmentRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def pack_shipment(shipment_id: PrimaryKey, data: PackIn, session: SessionDep, actor: ActorDep) -> ShipmentRead:
    """Mark a parcel packed and count it; refused (409) while a due promise is missing, unless a reason is given."""
    return service.shipment_read(session, service.pack_shipment(session, actor, shipment_id=shipment_id, data=data))


@router.post("/shipments/{shipment_id}/ship", response_model=ShipmentRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def ship_shipment(shipment_id: PrimaryKey, data: ShipIn, session: SessionDep, actor: ActorDep) -> ShipmentRead:
    """Hand a packed parcel to the carrier; the promises it carries are kept."""
    return service.shipment_read(session, parcel_steps.ship(session, actor, shipment_id=shipment_id, data=data))


@router.post("/shipments/{shipment_id}/evidence", status_code=201, response_model=list[EvidenceRead],
             responses=problem_responses(NotFound, Invalid))
def add_evidence(
    shipment_id: PrimaryKey, session: SessionDep, actor: ActorDep,
    file: Annotated[UploadFile | None, File(description="A photo or scan of the parcel.")] = None,
    weight_kg: Annotated[Decimal | None, Form(gt=0, le=100_000, description="The parcel's weight in kg.")] = None,
    note: Annotated[str, Form(max_length=4000, description="A packing note, or the photo's caption.")] = "",
) -> list[EvidenceRead]:
    """Keep evidence for a parcel (multipart): a photo stored with its sha256, a weight, a packing note."""
    upload = service.PhotoUpload(file.file, file.filename or "photo", file.content_type) if file else None
    kept = service.add_evidence(session, actor, shipment_id=shipment_id, upload=upload, weight_kg=weight_kg,
                                note=note)
    return [service.evidence_read(e) for e in kept]


@router.get("/shipments/{shipment_id}/evidence", response_model=list[EvidenceRead],
            responses=problem_responses(NotFound))
def list_evidence(shipment_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> list[EvidenceRead]:
    """A parcel's evidence; each photo checked against its checksum (ok, missing, changed)."""
    return service.list_evidence(session, actor, shipment_id=shipment_id)


@router.get("/shipments/{shipment_id}/export", response_class=Response, responses={
    200: {"content": {"application/zip": {}}, "description": "Photos plus manifest.json with checksums."},
    **problem_responses(NotFound),
})
def export_shipment(shipment_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> Response:
    """The parcel's evidence as a zip: photos plus manifest.json (parcel, order, checksums)."""
    buffer = io.BytesIO()
    service.export_shipment(session, actor, shipment_id=shipment_id, destination=buffer)
    return file_download(buffer.getvalue(), f"shipment-{shipment_id}-evidence.zip", "application/zip")
