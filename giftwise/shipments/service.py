"""Parcels and their evidence: prepared with the order's open lines and every due promise, packed, counted,
shipped; photos (stored next to the database with sha256 checksums), weights and packing notes kept for them.

The surprise gift a dispute's resend carries ships with it in ``giftwise.workflows.parcel_steps.ship``,
which the edges call: its touches belong to follow-ups, above what a parcel should know.

Photo files are written before the transaction commits; if it rolls back, files this unit of
work created are removed again, so a failed request leaves nothing behind.
"""

from __future__ import annotations

import json
import mimetypes
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import IO, Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, record_audit, visible_contact, visible_record
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.db import make_private_folder
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.jsonable import to_jsonable
from giftwise.core.pending_files import when_transaction_ends
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.models.orders import Order, Promise, PromiseStatus
from giftwise.models.shipments import Evidence, Shipment, ShipmentLine, ShipmentStatus
from giftwise.orders import repository as order_queries
from giftwise.orders import service as orders
from giftwise.orders.labels import item_label
from giftwise.shipments import photos, repository
from giftwise.shipments.schemas import (
    EvidenceRead,
    PackIn,
    ShipIn,
    ShipmentLineIn,
    ShipmentLineRead,
    ShipmentPrepare,
    ShipmentRead,
)

_NEW_FILES = "giftwise.shipments.new_evidence_files"


class PromiseMissing(Conflict):
    """A parcel cannot be packed while a due promise is missing from it (unless the user says why)."""

    title = "Promise missing from parcel"


def prepare_shipment(session: Session, actor: Actor, *, data: ShipmentPrepare) -> Shipment:
    """Start a parcel for an order: its not-yet-shipped lines and every due promise go in automatically."""
    order = orders.get_order(session, actor, order_id=data.order_id)
    shipment = Shipment(
        order_id=order.id, contact_id=order.contact_id, kind="order", status=ShipmentStatus.PREPARING, route=data.route,
        carrier=data.carrier, prepared_on=clock.today(), owner_id=order.owner_id,
    )
    session.add(shipment)
    session.flush()
    if not data.empty:
        _fill_from_order(session, shipment, order)
        for promise in orders.due_promises(session, order):
            session.add(promise_line(shipment.id, promise))
    record_audit(session, actor, action="shipment.prepare", entity="shipment", entity_id=shipment.id,
                 after={"order_id": order.id})
    session.flush()
    return shipment


def add_line(session: Session, actor: Actor, *, shipment_id: int, data: ShipmentLineIn) -> ShipmentLine:
    """Add a promise (by id) or an item to a parcel that is still being prepared."""
    shipment = _preparing(session, actor, shipment_id, "changed")
    if data.promise_id is not None:
        promise = orders.get_promise(session, actor, promise_id=data.promise_id)
        _check_promise_fits(session, shipment, promise)
        line = promise_line(shipment.id, promise)
    else:
        item = orders.resolve_item(session, item_id=data.item_id, sku=data.sku)
        line = ShipmentLine(
            shipment_id=shipment.id, item_id=item.id if item else None,
            description=data.description or item_label(item, "", "en"), kind=_extra_kind(shipment),
            quantity=data.quantity or 0, unit_cost=data.unit_cost, unit_price=data.unit_price,
            unit_weight_kg=data.unit_weight_kg,
        )
    session.add(line)
    session.flush()
    record_audit(session, actor, action="shipment.add_line", entity="shipment", entity_id=shipment.id,
                 after={"line_id": line.id, "kind": line.kind, "quantity": line.quantity})
    return line


def pack_shipment(session: Session, actor: Actor, *, shipment_id: int, data: PackIn) -> Shipment:
    """Mark a parcel packed and count it; refused while a due promise is missing, unless the reason is recorded."""
    shipment = _preparing(session, actor, shipment_id, "packed")
    lines = repository.shipment_lines(session, shipment.id)
    if not lines:
        raise Invalid("shipments.parcel_empty_add_lines", id=shipment.id)
    missing = missing_promises(session, shipment)
    reason = (data.missing_promises_reason or "").strip()
    if missing and not reason:
        described = "; ".join(f"promise {p.id} ({p.quantity} × {p.description}, due {p.due_on})" for p in missing)
        first = missing[0].id
        raise PromiseMissing(
            "shipments.parcel_packed_due_but", id=shipment.id, described=described, first=first
        )
    shipment.status, shipment.packed_on = ShipmentStatus.PACKED, clock.today()
    shipment.packed_units = sum(line.quantity for line in lines)
    shipment.missing_promises_reason = reason if missing else None
    record_audit(session, actor, action="shipment.pack", entity="shipment", entity_id=shipment.id,
                 after={"packed_units": shipment.packed_units, "missing_promises": [p.id for p in missing],
                        "missing_promises_reason": shipment.missing_promises_reason})
    session.flush()
    return shipment


def ship_shipment(session: Session, actor: Actor, *, shipment_id: int, data: ShipIn) -> Shipment:
    """Hand a packed parcel to the carrier; the promises in it are kept (its surprise gift: workflows.parcel_steps)."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if shipment.status != ShipmentStatus.PACKED:
        raise Conflict("shipments.parcel_pack_before_shipping", id=shipment.id, status=shipment.status)
    shipment.carrier = data.carrier or shipment.carrier
    if not shipment.carrier:
        raise Invalid("shipments.name_carrier_e_g", field="carrier")
    shipment.tracking_number = data.tracking_number or shipment.tracking_number
    if data.shipping_cost is not None:
        shipment.shipping_cost = data.shipping_cost
    shipment.status, shipment.shipped_on = ShipmentStatus.SHIPPED, clock.today()
    lines = repository.shipment_lines(session, shipment.id)
    orders.keep_shipped(session, actor, promise_ids=[ln.promise_id for ln in lines if ln.promise_id],
                          shipment_id=shipment.id)
    record_audit(session, actor, action="shipment.ship", entity="shipment", entity_id=shipment.id,
                 after={"carrier": shipment.carrier, "tracking_number": shipment.tracking_number})
    session.flush()
    return shipment


def prepare_resend(
    session: Session, *, order_id: int, contact_id: int, owner_id: int, dispute_id: int, route: str,
    shipping_cost: Decimal, claimed: ShipmentLine, quantity: int,
) -> Shipment:
    """A parcel settling a dispute: ``quantity`` more of the ``claimed`` line, free to the client."""
    parcel = Shipment(
        order_id=order_id, contact_id=contact_id, kind="resend", dispute_id=dispute_id,
        status=ShipmentStatus.PREPARING, route=route, shipping_cost=shipping_cost, prepared_on=clock.today(),
        owner_id=owner_id,
    )
    session.add(parcel)
    session.flush()
    session.add(ShipmentLine(
        shipment_id=parcel.id, item_id=claimed.item_id, description=claimed.description, kind="resend",
        quantity=quantity, unit_cost=claimed.unit_cost, unit_price=Decimal("0"), unit_weight_kg=claimed.unit_weight_kg,
    ))
    return parcel


def add_surprise(
    session: Session, *, shipment_id: int, item_id: int | None, description: str, quantity: int, cost: Decimal
) -> ShipmentLine:
    """Put a goodwill surprise (``quantity`` pieces costing ``cost`` in all) into a parcel, free to the client."""
    line = ShipmentLine(
        shipment_id=shipment_id, item_id=item_id, description=description, kind="surprise", quantity=quantity,
        unit_cost=(cost / quantity) if quantity else cost, unit_price=Decimal("0"),
    )
    session.add(line)
    return line


def get_shipment(session: Session, actor: Actor, *, shipment_id: int) -> Shipment:
    """The parcel with ``shipment_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Shipment, shipment_id, label="shipment")


def list_shipments(
    session: Session, actor: Actor, *, order_id: int | None = None, status: str | None = None,
    limit: int = 50, offset: int = 0,
) -> Page[ShipmentRead]:
    """A page of parcels ``actor`` may see, newest first."""
    query = repository.shipments_query(contact_scope(session, actor), order_id=order_id, status=status)
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return page_of(ShipmentRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda s: shipment_read(session, s))


def parcels_of_promises(session: Session, actor: Actor, *, promise_ids: Sequence[int]) -> dict[int, ShipmentRead]:
    """The parcel each promise went into (shipped, packed or still being prepared), for those of ``promise_ids``
    in a parcel of a contact ``actor`` may see."""
    carried = repository.parcels_carrying(session, list(promise_ids))
    seen = {cid for cid in {parcel.contact_id for _, parcel in carried} if _may_see(session, actor, cid)}
    return {promise_id: ShipmentRead.model_validate(parcel) for promise_id, parcel in carried
            if parcel.contact_id in seen}


def _may_see(session: Session, actor: Actor, contact_id: int) -> bool:
    try:
        visible_contact(session, actor, contact_id)
    except NotFound:
        return False
    return True


def missing_promises(session: Session, shipment: Shipment) -> list[Promise]:
    """Due promises of the parcel's order that are in no parcel yet."""
    if shipment.kind != "order":
        return []
    order = session.get(Order, shipment.order_id)
    return orders.due_promises(session, order) if order is not None else []


def shipment_read(session: Session, shipment: Shipment) -> ShipmentRead:
    """A parcel as shown, with its lines, unit count and the cost of its goods."""
    lines = repository.shipment_lines(session, shipment.id)
    read = ShipmentRead.model_validate(shipment)
    read.lines = [ShipmentLineRead.model_validate(line) for line in lines]
    for line in read.lines:
        line.promised_extra = line.kind == "promised"
    read.units = sum(line.quantity for line in lines)
    read.goods_cost = sum((line.quantity * line.unit_cost for line in lines), Decimal("0"))
    return read


def promise_line(shipment_id: int, promise: Promise) -> ShipmentLine:
    """The parcel line carrying a promise: a promised extra at price 0."""
    return ShipmentLine(
        shipment_id=shipment_id, promise_id=promise.id, item_id=promise.item_id, description=promise.description,
        kind="promised", quantity=promise.quantity, unit_cost=promise.unit_cost, unit_price=Decimal("0"),
    )


def _fill_from_order(session: Session, shipment: Shipment, order: Order) -> None:
    shipped = repository.shipped_by_order_line(session, order.id)
    for line in order_queries.order_lines(session, order.id):
        remaining = line.quantity - shipped.get(line.id, 0)
        if remaining > 0:
            session.add(ShipmentLine(
                shipment_id=shipment.id, order_line_id=line.id, item_id=line.item_id, description=line.description,
                kind="ordered", quantity=remaining, unit_cost=line.unit_cost, unit_price=line.unit_price,
            ))


def _check_promise_fits(session: Session, shipment: Shipment, promise: Promise) -> None:
    if promise.contact_id != shipment.contact_id:
        raise Invalid("shipments.promise_made_another_contact", id=promise.id, id2=shipment.id,
                      field="promise_id")
    if promise.order_id is not None and promise.order_id != shipment.order_id:
        raise Invalid(
            "shipments.promise_belongs_order_parcel",
            id=promise.id,
            order_id=promise.order_id,
            order_id2=shipment.order_id,
            field="promise_id",
        )
    if promise.status != PromiseStatus.OPEN:
        raise Conflict("shipments.promise_already", id=promise.id, status=promise.status)
    if repository.promise_lines(session, promise.id):
        raise Conflict("shipments.promise_already_parcel", id=promise.id)


def _preparing(session: Session, actor: Actor, shipment_id: int, verb: str) -> Shipment:
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if shipment.status != ShipmentStatus.PREPARING:
        raise Conflict("shipments.parcel_already", id=shipment.id, status=shipment.status, verb=verb)
    return shipment


def _extra_kind(shipment: Shipment) -> str:
    return "resend" if shipment.kind == "resend" else "extra"


def add_photo(
    session: Session, actor: Actor, *, shipment_id: int, stream: IO[bytes], filename: str,
    content_type: str | None = None, note: str = "",
) -> Evidence:
    """Store a photo of a parcel under the evidence folder with its sha256, refusing empty or oversized files."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    name = PurePath(filename.replace("\\", "/")).name.strip() or "photo"
    suffix = PurePath(name).suffix.lower()
    if suffix not in photos.PHOTO_SUFFIXES:
        raise Invalid("shipments.photo_scan_one", name=name, items=', '.join(sorted(photos.PHOTO_SUFFIXES)),
                      field="file")
    settings = get_settings()
    folder = settings.evidence_dir / f"shipment-{shipment.id}"
    for private in (settings.data_dir, settings.evidence_dir, folder):
        make_private_folder(private)
    digest, size, temp = photos.receive(stream, folder)
    target = folder / f"{digest[:24]}{suffix}"
    if target.exists():
        temp.unlink()
    else:
        temp.replace(target)
        when_transaction_ends(session, _NEW_FILES, [target], on="after_rollback", act=_remove_created)
    evidence = Evidence(
        shipment_id=shipment.id, kind="photo", stored_path=str(target.relative_to(get_settings().evidence_dir)),
        original_name=name, content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
        size_bytes=size, sha256=digest, note=note.strip(), recorded_at=clock.now(), author_id=actor.user_id,
    )
    return _keep(session, actor, evidence)


def add_photo_file(session: Session, actor: Actor, *, shipment_id: int, path: Path, note: str = "") -> Evidence:
    """Store the photo at ``path`` (a file on this computer) as evidence for a parcel."""
    if not path.is_file():
        raise Invalid("shipments.file_does_exist_check", path=path, field="file")
    limit = get_settings().evidence_max_bytes
    if path.stat().st_size > limit:
        raise photos.too_large(path.name, path.stat().st_size, limit)
    with path.open("rb") as stream:
        return add_photo(session, actor, shipment_id=shipment_id, stream=stream, filename=path.name, note=note)


@dataclass(frozen=True)
class PhotoUpload:
    """A photo arriving as a stream (an HTTP upload) with its file name and content type."""

    stream: IO[bytes]
    filename: str
    content_type: str | None = None


def add_evidence(
    session: Session, actor: Actor, *, shipment_id: int, upload: PhotoUpload | None = None,
    photo_path: Path | None = None, weight_kg: Decimal | None = None, note: str = "",
) -> list[Evidence]:
    """Keep what was given at once: a photo (with the note as its caption), a weight, or only a packing note."""
    if upload is None and photo_path is None and weight_kg is None and not note.strip():
        raise Invalid("shipments.give_photo_weight_packing")
    kept: list[Evidence] = []
    if upload is not None:
        kept.append(add_photo(session, actor, shipment_id=shipment_id, stream=upload.stream,
                              filename=upload.filename, content_type=upload.content_type, note=note))
    if photo_path is not None:
        kept.append(add_photo_file(session, actor, shipment_id=shipment_id, path=photo_path, note=note))
    if weight_kg is not None:
        kept.append(add_weight(session, actor, shipment_id=shipment_id, weight_kg=weight_kg,
                               note="" if kept else note))
    if not kept:
        kept.append(add_note(session, actor, shipment_id=shipment_id, note=note))
    return kept


def add_weight(session: Session, actor: Actor, *, shipment_id: int, weight_kg: Decimal, note: str = "") -> Evidence:
    """Record the parcel's weight in kilograms."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if weight_kg <= 0:
        raise Invalid("shipments.weight_above_kg", weight_kg=weight_kg, field="weight_kg")
    return _keep(session, actor, Evidence(shipment_id=shipment.id, kind="weight", weight_kg=weight_kg,
                                          note=note.strip(), recorded_at=clock.now(), author_id=actor.user_id))


def add_note(session: Session, actor: Actor, *, shipment_id: int, note: str) -> Evidence:
    """Record a packing note (who packed, what was counted)."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if not note.strip():
        raise Invalid("shipments.packing_note_empty_say", field="note")
    return _keep(session, actor, Evidence(shipment_id=shipment.id, kind="note", note=note.strip(),
                                          recorded_at=clock.now(), author_id=actor.user_id))


def list_evidence(session: Session, actor: Actor, *, shipment_id: int) -> list[EvidenceRead]:
    """Every piece of evidence for a parcel, each photo checked against its checksum."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    return [evidence_read(e) for e in repository.evidence_of(session, shipment.id)]


def evidence_file(session: Session, actor: Actor, *, shipment_id: int, evidence_id: int) -> tuple[Path, EvidenceRead]:
    """The stored file of one photo of a parcel ``actor`` may see, with what is known of it; NotFound when the
    parcel has no such photo or its file is gone."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    found = next((e for e in repository.evidence_of(session, shipment.id) if e.id == evidence_id), None)
    path = get_settings().evidence_dir / found.stored_path if found is not None and found.stored_path else None
    if found is None or path is None or not path.is_file():
        raise NotFound("shipments.no_such_photo", id=evidence_id, shipment=shipment.id)
    return path, evidence_read(found)


def evidence_read(evidence: Evidence) -> EvidenceRead:
    """Evidence as shown, with ``verified`` for files."""
    read = EvidenceRead.model_validate(evidence)
    read.verified = verify(evidence)
    return read


def verify(evidence: Evidence) -> str | None:
    """For a stored file: ``ok`` if it matches its sha256, ``missing`` or ``changed`` otherwise; None for no file."""
    if evidence.stored_path is None:
        return None
    path = get_settings().evidence_dir / evidence.stored_path
    if not path.is_file():
        return "missing"
    return "ok" if photos.sha256_of(path) == evidence.sha256 else "changed"


def evidence_kinds(session: Session, shipment_id: int, *, checksums: bool = True) -> set[str]:
    """Which kinds of sound evidence a parcel has: photo (checksum ok; only present when not ``checksums``), weight."""
    kinds = {e.kind for e in repository.evidence_of(session, shipment_id) if e.kind != "photo" or _sound(e, checksums)}
    return kinds - {"note"}


def _sound(evidence: Evidence, checksums: bool) -> bool:
    if checksums:
        return verify(evidence) == "ok"
    return (get_settings().evidence_dir / (evidence.stored_path or "")).is_file()


def export_shipment(session: Session, actor: Actor, *, shipment_id: int, destination: IO[bytes]) -> dict[str, Any]:
    """Write a zip of the parcel's evidence (photos plus manifest.json with checksums) to ``destination``."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    order = orders.get_order(session, actor, order_id=shipment.order_id)
    items = repository.evidence_of(session, shipment.id)
    manifest: dict[str, Any] = {
        "exported_at": clock.now().isoformat(), "shipment": shipment_read(session, shipment),
        "order": orders.order_read(session, order), "evidence": [],
    }
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            entry = to_jsonable(evidence_read(item))
            if item.stored_path is not None and entry["verified"] != "missing":
                arcname = f"photos/{item.id}-{item.original_name}"
                archive.write(get_settings().evidence_dir / item.stored_path, arcname)
                entry["file"] = arcname
            manifest["evidence"].append(entry)
        archive.writestr("manifest.json", json.dumps(to_jsonable(manifest), ensure_ascii=False, indent=2))
    return to_jsonable(manifest)


def _keep(session: Session, actor: Actor, evidence: Evidence) -> Evidence:
    session.add(evidence)
    session.flush()
    record_audit(session, actor, action="evidence.add", entity="evidence", entity_id=evidence.id,
                 after={"shipment_id": evidence.shipment_id, "kind": evidence.kind, "sha256": evidence.sha256,
                        "weight_kg": str(evidence.weight_kg) if evidence.weight_kg is not None else None})
    return evidence


def _remove_created(session: Session, files: list[Path]) -> None:
    _ = session
    for path in files:
        path.unlink(missing_ok=True)
