"""Evidence for a parcel: photos stored next to the database with sha256 checksums, weights, packing notes.

Photo files are written before the transaction commits; if it rolls back, files this unit of
work created are removed again, so a failed request leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath
from typing import IO, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.cli_support import to_jsonable
from giftwise.core.errors import Invalid
from giftwise.core.settings import get_settings
from giftwise.disputes import repository
from giftwise.disputes.orders import get_order, order_read
from giftwise.disputes.schemas import EvidenceRead
from giftwise.disputes.shipments import get_shipment, shipment_read
from giftwise.models.disputes import Evidence

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff", ".pdf"})
CHUNK = 1024 * 1024
_NEW_FILES = "giftwise.disputes.new_evidence_files"


def add_photo(
    session: Session, actor: Actor, *, shipment_id: int, stream: IO[bytes], filename: str,
    content_type: str | None = None, note: str = "",
) -> Evidence:
    """Store a photo of a parcel under the evidence folder with its sha256, refusing empty or oversized files."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    name = PurePath(filename.replace("\\", "/")).name.strip() or "photo"
    suffix = PurePath(name).suffix.lower()
    if suffix not in PHOTO_SUFFIXES:
        raise Invalid(f"'{name}' is not a photo or scan; use one of: {', '.join(sorted(PHOTO_SUFFIXES))}.",
                      field="file")
    folder = get_settings().evidence_dir / f"shipment-{shipment.id}"
    folder.mkdir(parents=True, exist_ok=True)
    digest, size, temp = _receive(stream, folder)
    target = folder / f"{digest[:24]}{suffix}"
    if target.exists():
        temp.unlink()
    else:
        temp.replace(target)
        _remove_on_rollback(session, target)
    evidence = Evidence(
        shipment_id=shipment.id, kind="photo", stored_path=str(target.relative_to(get_settings().evidence_dir)),
        original_name=name, content_type=content_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
        size_bytes=size, sha256=digest, note=note.strip(), recorded_at=clock.now(), author_id=actor.user_id,
    )
    return _keep(session, actor, evidence)


def add_photo_file(session: Session, actor: Actor, *, shipment_id: int, path: Path, note: str = "") -> Evidence:
    """Store the photo at ``path`` (a file on this computer) as evidence for a parcel."""
    if not path.is_file():
        raise Invalid(f"The file {path} does not exist; check the path to the photo.", field="file")
    limit = get_settings().evidence_max_bytes
    if path.stat().st_size > limit:
        raise Invalid(_too_large(path.name, path.stat().st_size, limit), field="file")
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
        raise Invalid("Give a photo, a weight or a packing note to keep as evidence.")
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
        raise Invalid(f"A weight must be above 0 kg, not {weight_kg}.", field="weight_kg")
    return _keep(session, actor, Evidence(shipment_id=shipment.id, kind="weight", weight_kg=weight_kg,
                                          note=note.strip(), recorded_at=clock.now(), author_id=actor.user_id))


def add_note(session: Session, actor: Actor, *, shipment_id: int, note: str) -> Evidence:
    """Record a packing note (who packed, what was counted)."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    if not note.strip():
        raise Invalid("A packing note cannot be empty; say what was checked.", field="note")
    return _keep(session, actor, Evidence(shipment_id=shipment.id, kind="note", note=note.strip(),
                                          recorded_at=clock.now(), author_id=actor.user_id))


def list_evidence(session: Session, actor: Actor, *, shipment_id: int) -> list[EvidenceRead]:
    """Every piece of evidence for a parcel, each photo checked against its checksum."""
    shipment = get_shipment(session, actor, shipment_id=shipment_id)
    return [evidence_read(e) for e in repository.evidence_of(session, shipment.id)]


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
    return "ok" if _sha256(path) == evidence.sha256 else "changed"


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
    order = get_order(session, actor, order_id=shipment.order_id)
    items = repository.evidence_of(session, shipment.id)
    manifest: dict[str, Any] = {
        "exported_at": clock.now().isoformat(), "shipment": shipment_read(session, shipment),
        "order": order_read(session, order), "evidence": [],
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


def _receive(stream: IO[bytes], folder: Path) -> tuple[str, int, Path]:
    """Copy ``stream`` to a temporary file in ``folder``, hashing it and enforcing the size limit."""
    limit = get_settings().evidence_max_bytes
    digest, size = hashlib.sha256(), 0
    handle, name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise Invalid(_too_large("the photo", size, limit, at_least=True), field="file")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if size == 0:
        temp.unlink()
        raise Invalid("The photo file is empty; choose the file again.", field="file")
    return digest.hexdigest(), size, temp


def _too_large(name: str, size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (f"{name} is {more}{size / 1_048_576:.1f} MB; evidence files may be at most {limit / 1_048_576:.1f} MB "
            "(GIFTWISE_EVIDENCE_MAX_BYTES). Resize the photo and try again.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _remove_on_rollback(session: Session, path: Path) -> None:
    created: list[Path] = session.info.setdefault(_NEW_FILES, [])
    created.append(path)
    if not event.contains(session, "after_rollback", _remove_created):
        event.listen(session, "after_rollback", _remove_created)
        event.listen(session, "after_commit", _forget_created)


def _remove_created(session: Session) -> None:
    for path in session.info.pop(_NEW_FILES, []):
        path.unlink(missing_ok=True)


def _forget_created(session: Session) -> None:
    session.info.pop(_NEW_FILES, None)


def photos_of(session: Session, shipment_id: int) -> Sequence[Evidence]:
    """The photo evidence of a parcel."""
    return [e for e in repository.evidence_of(session, shipment_id) if e.kind == "photo"]
