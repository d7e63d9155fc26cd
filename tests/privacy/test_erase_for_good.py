"""Erasure leaves nothing readable behind: not in the database file, its log, or the evidence folder."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.contacts.service import add_note, create_contact
from giftwise.core.actor import Actor
from giftwise.core.db import dispose_engines, get_engine
from giftwise.core.settings import get_settings, reset_settings
from giftwise.privacy.service import erase_contact
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import ShipmentPrepare
from tests.factories import World, order_bags, photo_file

SECRET = "ZEBRA-7731 has a heart condition and sees a cardiologist on Fridays"


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, Path(f"{db}-wal")) if p.exists())


class TestEraseOnDisk:
    def test_the_erased_words_cannot_be_read_from_the_database_file(
        self, engine: Engine, session: Session, actor: Actor, sqlite_only: None
    ) -> None:
        contact = create_contact(session, actor, data=ContactCreate(name="赵敏", email="zhao.min@secret.example"))
        add_note(session, actor, contact_id=contact.id, data=NoteCreate(text=SECRET))
        session.commit()
        assert engine.url.database
        db = Path(engine.url.database)
        assert SECRET.encode() in _file_bytes(db)  # the words really were on disk
        erase_contact(session, actor, contact_id=contact.id)
        session.commit()
        held = _file_bytes(db)
        for secret in (SECRET, "ZEBRA-7731", "zhao.min@secret.example", "赵敏"):
            assert secret.encode() not in held, secret
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0

    def test_the_evidence_photos_go_from_disk(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        order = order_bags(session, actor, world)
        parcel = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id))
        kept = shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo_file(tmp_path))
        session.commit()
        photo = get_settings().evidence_dir / (kept.stored_path or "")
        assert photo.is_file()
        erase_contact(session, actor, contact_id=world.contact.id)
        session.rollback()
        assert photo.is_file(), "a rolled-back erasure keeps the photos its rows point at"
        erase_contact(session, actor, contact_id=world.contact.id)
        session.commit()
        assert not photo.exists() and not photo.parent.exists()


class TestEraseOverTheApi:
    def test_the_owner_and_an_admin_may_erase_a_manager_may_not(self, api: TestClient, session: Session,
                                                                 actor: Actor) -> None:
        tokens = {}
        for name, role in (("li", "rep"), ("boss", "manager"), ("wang", "rep")):
            tokens[name] = create_user(session, actor, data=UserCreate(username=name, role=role, team="east")).api_token
        li = actor_of(find_user(session, actor, ref="li"))
        first, second = (create_contact(session, li, data=ContactCreate(name=n)).id for n in ("甲", "乙"))
        session.commit()

        def as_(name: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {tokens[name]}"}

        assert api.delete(f"/contacts/{first}", headers=as_("boss")).status_code == 403
        assert api.delete(f"/contacts/{first}", headers=as_("wang")).status_code == 404
        assert api.delete(f"/contacts/{first}", headers=as_("li")).status_code == 200
        assert api.delete(f"/contacts/{second}").status_code == 200  # the admin
        audit = api.get("/audit", params={"entity": "contact"}).json()
        erased = [e for e in audit["items"] if e["action"] == "erase"]
        assert {e["entity_id"] for e in erased} == {first, second}


class TestPrivateFiles:
    def test_a_new_data_folder_and_database_are_the_owners_alone(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        data = tmp_path / "fresh" / "giftwise"
        monkeypatch.setenv("GIFTWISE_DATA_DIR", str(data))
        monkeypatch.delenv("GIFTWISE_DATABASE_URL", raising=False)
        reset_settings()
        dispose_engines()
        try:
            with get_engine().begin() as connection:
                connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
                connection.exec_driver_sql("INSERT INTO t VALUES ('a')")
            for path, mode in ((data, 0o700), (data / "giftwise.db", 0o600), (data / "giftwise.db-wal", 0o600)):
                assert stat.S_IMODE(path.stat().st_mode) == mode, path
        finally:
            dispose_engines()
            reset_settings()
