"""Evidence: photos stored next to the database with checksums, size limits, verification, export."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal
from hashlib import sha256
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.settings import get_settings
from giftwise.models.shipments import Evidence, Shipment
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import ShipmentPrepare
from tests.factories import PNG_BYTES, World, order_bags, photo_file


def parcel_of(session: Session, actor: Actor, world: World) -> Shipment:
    order = order_bags(session, actor, world)
    parcel = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id))
    session.commit()
    return parcel


class TestAddPhoto:
    def test_photo_is_stored_with_its_checksum(
        self, session: Session, actor: Actor, world: World, tmp_path: Path, env: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        kept = shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path))
        stored = get_settings().evidence_dir / (kept.stored_path or "")
        assert stored.is_file() and stored.is_relative_to(env)
        assert kept.sha256 == sha256(PNG_BYTES).hexdigest() and kept.size_bytes == len(PNG_BYTES)
        assert (kept.original_name, kept.content_type) == ("parcel.png", "image/png")

    def test_missing_file_is_one_clear_sentence(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        with pytest.raises(Invalid, match="does not exist"):
            shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=tmp_path / "gone.jpg")

    def test_too_large_file_leaves_nothing_behind(
        self, session: Session, actor: Actor, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        parcel = parcel_of(session, actor, world)
        monkeypatch.setattr(get_settings(), "evidence_max_bytes", 50)
        big = photo_file(tmp_path, "big.jpg", b"\xff" * 51)
        with pytest.raises(Invalid, match="at most"):
            shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=big)
        with pytest.raises(Invalid, match="at most"):
            shipments.add_photo(session, actor, shipment_id=parcel.id, stream=io.BytesIO(b"\xff" * 51),
                              filename="big.jpg")
        session.rollback()
        folder = get_settings().evidence_dir / f"shipment-{parcel.id}"
        assert not any(folder.iterdir()) if folder.exists() else True
        assert session.scalar(select(func.count()).select_from(Evidence)) == 0

    def test_not_a_photo_is_refused(self, session: Session, actor: Actor, world: World, tmp_path: Path) -> None:
        parcel = parcel_of(session, actor, world)
        with pytest.raises(Invalid, match="not a photo"):
            shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path, "x.exe"))

    def test_empty_file_is_refused(self, session: Session, actor: Actor, world: World, tmp_path: Path) -> None:
        parcel = parcel_of(session, actor, world)
        with pytest.raises(Invalid, match="empty"):
            shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path, "e.jpg", b""))

    def test_rolled_back_upload_removes_its_file(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        kept = shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path))
        stored = get_settings().evidence_dir / (kept.stored_path or "")
        assert stored.is_file()
        session.rollback()
        assert not stored.exists()

    def test_unknown_shipment_is_not_found(self, session: Session, actor: Actor, world: World, tmp_path: Path) -> None:
        with pytest.raises(NotFound, match="No shipment with id 404"):
            shipments.add_photo_file(session, actor, shipment_id=404, path=photo_file(tmp_path))


class TestAddEvidence:
    def test_weight_must_be_positive(self, session: Session, actor: Actor, world: World) -> None:
        parcel = parcel_of(session, actor, world)
        with pytest.raises(Invalid, match="above 0"):
            shipments.add_weight(session, actor, shipment_id=parcel.id, weight_kg=Decimal("-1"))

    def test_nothing_given_is_refused(self, session: Session, actor: Actor, world: World) -> None:
        parcel = parcel_of(session, actor, world)
        with pytest.raises(Invalid, match="photo, a weight or a packing note"):
            shipments.add_evidence(session, actor, shipment_id=parcel.id)

    def test_photo_weight_and_caption_at_once(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        kept = shipments.add_evidence(session, actor, shipment_id=parcel.id, photo_path=photo_file(tmp_path),
                                    weight_kg=Decimal("6.6"), note="22 bags, sealed")
        assert [(e.kind, e.note) for e in kept] == [("photo", "22 bags, sealed"), ("weight", "")]


class TestVerify:
    def test_changed_and_missing_files_are_flagged(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        first = shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path))
        second = shipments.add_photo_file(session, actor, shipment_id=parcel.id,
                                        path=photo_file(tmp_path, "b.jpg", b"jpeg bytes"))
        session.commit()
        (get_settings().evidence_dir / (first.stored_path or "")).write_bytes(b"edited")
        (get_settings().evidence_dir / (second.stored_path or "")).unlink()
        listed = shipments.list_evidence(session, actor, shipment_id=parcel.id)
        assert [e.verified for e in listed] == ["changed", "missing"]


class TestExportShipment:
    def test_zip_holds_photos_and_a_manifest_with_checksums(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        parcel = parcel_of(session, actor, world)
        shipments.add_evidence(session, actor, shipment_id=parcel.id, photo_path=photo_file(tmp_path),
                             weight_kg=Decimal("6.6"))
        buffer = io.BytesIO()
        shipments.export_shipment(session, actor, shipment_id=parcel.id, destination=buffer)
        with zipfile.ZipFile(buffer) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            photo = manifest["evidence"][0]
            assert sha256(archive.read(photo["file"])).hexdigest() == photo["sha256"]
        assert manifest["shipment"]["id"] == parcel.id and manifest["order"]["reference"] == "PO-118"
        assert [e["kind"] for e in manifest["evidence"]] == ["photo", "weight"]
        assert manifest["exported_at"].startswith(str(date(2026, 11, 2)))
