"""Imports survive kill -9 and share the database with other writers (real processes, real files)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.contacts.schemas import OrganizationCreate
from giftwise.contacts.service import create_organization, organization_named
from giftwise.core.actor import Actor
from giftwise.core.db import unit_of_work
from giftwise.models.contacts import Contact, Organization
from tests.conftest import make_engine
from tests.contacts.factories import contact_rows, write_csv

pytestmark = pytest.mark.slow

BIG = 60_000
WAIT_LIMIT_S = 120  # generous: the 2-core test machine is shared


def _start_import(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "giftwise", "contacts", "import", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )


def _wait_until_writing(proc: subprocess.Popen[bytes], db_url: str) -> None:
    """Block until the import is inside its transaction, writing rows it has not committed."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the import finished before it could be killed; make BIG larger"
        if _is_writing(db_url):
            return
        time.sleep(0.05)
    raise AssertionError("the import never started writing")


def _is_writing(db_url: str) -> bool:
    if db_url.startswith("sqlite"):
        wal = Path(db_url.removeprefix("sqlite:///") + "-wal")
        # Uncommitted pages spill into the WAL once the page cache fills: rows are being written.
        return wal.exists() and wal.stat().st_size > 2_000_000
    probe = create_engine(db_url)
    try:
        with probe.connect() as conn:
            query = text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND query ILIKE 'INSERT INTO contacts%'"
            )
            return bool(conn.execute(query).scalar())
    finally:
        probe.dispose()


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


class TestKilledImport:
    def test_kill_9_mid_import_leaves_nothing_and_a_healthy_database(
        self, engine: Engine, actor: Actor, db_url: str, tmp_path: Path
    ) -> None:
        path = write_csv(tmp_path / "big.csv", contact_rows(BIG))
        proc = _start_import(path)
        try:
            _wait_until_writing(proc, db_url)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait()
        assert proc.returncode == -signal.SIGKILL

        fresh = make_engine(db_url)
        try:
            if db_url.startswith("sqlite"):
                with fresh.connect() as conn:
                    assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert (_count(fresh, Contact), _count(fresh, Organization)) == (0, 0)
        finally:
            fresh.dispose()

        result = CliRunner().invoke(app, ["contacts", "import", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert _count(engine, Contact) == BIG


class TestConcurrentWriters:
    def test_two_imports_and_a_third_writer_share_the_file(
        self, engine: Engine, actor: Actor, db_url: str, tmp_path: Path
    ) -> None:
        first = _start_import(write_csv(tmp_path / "a.csv", contact_rows(15_000)))
        second = _start_import(write_csv(tmp_path / "b.csv", contact_rows(15_000, start=15_000)))
        try:
            _wait_until_writing(first, db_url)
            writer = make_engine(db_url)
            try:
                # A third connection writes while the imports hold or wait for the write lock.
                with unit_of_work(writer) as session:
                    from giftwise.accounts.service import actor_for_cli

                    create_organization(session, actor_for_cli(session), data=OrganizationCreate(name="第三方写入"))
            finally:
                writer.dispose()
        finally:
            outputs = [p.communicate(timeout=WAIT_LIMIT_S) for p in (first, second)]
        for proc, (_, err) in zip((first, second), outputs, strict=True):
            assert proc.returncode == 0, err.decode()
            assert b"locked" not in err
        assert _count(engine, Contact) == 30_000
        # Both files name the same 50 companies: each is one organization, whoever added it first.
        assert _count(engine, Organization) == 51
        with unit_of_work(engine) as session:
            assert session.scalar(select(Organization).where(Organization.name == "第三方写入")) is not None

    def test_two_writers_adding_one_new_company_at_once_share_one_organization(
        self, engine: Engine, actor: Actor, db_url: str
    ) -> None:
        first, second = make_engine(db_url), make_engine(db_url)
        try:
            with ThreadPoolExecutor(max_workers=1) as pool:
                with unit_of_work(first) as session:
                    ours, added = organization_named(session, actor, name="同时新公司")
                    ours_id = ours.id
                    theirs = pool.submit(_add_company, second, actor, "同时新公司")
                    _wait_until_waiting_for_us(db_url)
                theirs_id, they_added = theirs.result(timeout=WAIT_LIMIT_S)
        finally:
            first.dispose()
            second.dispose()
        assert (added, they_added, theirs_id) == (True, False, ours_id)
        assert _count(engine, Organization) == 1


def _add_company(engine: Engine, actor: Actor, name: str) -> tuple[int, bool]:
    with unit_of_work(engine) as session:
        organization, added = organization_named(session, actor, name=name)
        return organization.id, added


def _wait_until_waiting_for_us(db_url: str) -> None:
    """On PostgreSQL, block until the other writer's insert waits on our uncommitted row (the race's
    losing side); SQLite lets one writer in at a time, so the other one simply waits its turn."""
    if db_url.startswith("sqlite"):
        return
    deadline = time.monotonic() + WAIT_LIMIT_S
    probe = create_engine(db_url)
    try:
        while time.monotonic() < deadline:
            with probe.connect() as conn:
                query = text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO organizations%'"
                )
                if conn.execute(query).scalar():
                    return
            time.sleep(0.05)
    finally:
        probe.dispose()
    raise AssertionError("the second writer never reached its insert")
