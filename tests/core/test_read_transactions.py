"""SQLite reads never wait for a writer: a long CLI import must not stall the API's GETs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from giftwise.core import db


@pytest.fixture
def impatient(engine: Engine, monkeypatch: pytest.MonkeyPatch, sqlite_only: None) -> Iterator[Path]:
    """The test database's file, with engines rebuilt to give up on a lock after 0.3 s."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 300)
    db.dispose_engines()
    assert engine.url.database
    yield Path(engine.url.database)
    db.dispose_engines()


@pytest.fixture
def writer(impatient: Path) -> Iterator[sqlite3.Connection]:
    """Another process's open write transaction (as a long import holds it)."""
    connection = sqlite3.connect(impatient, isolation_level=None)
    yield connection
    connection.execute("ROLLBACK") if connection.in_transaction else None
    connection.close()


class TestReadsDuringAWrite:
    def test_a_get_answers_while_another_process_holds_the_write_lock(
        self, impatient: Path, writer: sqlite3.Connection, api: TestClient
    ) -> None:
        created = api.post("/contacts", json={"name": "王芳"})
        assert created.status_code == 201, created.text
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE contacts SET name = '李四'")
        listed = api.get("/contacts")
        assert listed.status_code == 200, listed.text
        assert [c["name"] for c in listed.json()["items"]] == ["王芳"]
        assert api.get(f"/contacts/{created.json()['id']}").status_code == 200


class TestAReadThatWrites:
    def test_a_get_that_writes_after_another_commit_still_saves(
        self, impatient: Path, engine: Engine, writer: sqlite3.Connection
    ) -> None:
        from sqlalchemy import func, select

        from giftwise.models.contacts import Organization

        with db.unit_of_work(read_only=True) as session:
            assert session.scalar(select(func.count()).select_from(Organization)) == 0  # its snapshot starts
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO organizations (name, public_sector, state_owned, tender_open, archived,"
                           " created_at, updated_at) VALUES ('华为', 0, 0, 0, 0, '2026-11-20', '2026-11-20')")
            writer.execute("COMMIT")
            session.add(Organization(name="中兴"))  # as a GET that writes after all
        with db.unit_of_work() as session:
            assert sorted(session.scalars(select(Organization.name))) == ["中兴", "华为"]

    def test_a_get_that_writes_in_a_savepoint_keeps_it(
        self, impatient: Path, engine: Engine, writer: sqlite3.Connection
    ) -> None:
        from sqlalchemy import func, select

        from giftwise.models.contacts import Organization

        with db.unit_of_work(read_only=True) as session:
            assert session.scalar(select(func.count()).select_from(Organization)) == 0
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO organizations (name, public_sector, state_owned, tender_open, archived,"
                           " created_at, updated_at) VALUES ('华为', 0, 0, 0, 0, '2026-11-20', '2026-11-20')")
            writer.execute("COMMIT")
            with session.begin_nested():  # as a write that may clash with another
                session.add(Organization(name="中兴"))
        with db.unit_of_work() as session:
            assert sorted(session.scalars(select(Organization.name))) == ["中兴", "华为"]
