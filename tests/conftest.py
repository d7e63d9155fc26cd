"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when
GIFTWISE_TEST_PG_URL is set), the local actor, a frozen clock, the API and the CLI."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.db import build_engine, dispose_engines, session_factory
from giftwise.core.settings import reset_settings
from giftwise.models import Base
from tests.factories import World, make_world

# Property tests judge behaviour, not speed (speed lives in bench/): no per-example deadline, which
# only made them flaky on a busy 2-core CI machine.
settings.register_profile("giftwise", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("giftwise")

PG_URL = os.environ.get("GIFTWISE_TEST_PG_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="no PG"))]

FIXED_TODAY = date(2026, 11, 20)


@pytest.fixture(scope="session")
def pg_admin_engine() -> Iterator[Engine | None]:
    """A connection to the PostgreSQL server used to create one throwaway database per test."""
    if not PG_URL:
        yield None
        return
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_admin_engine: Engine | None) -> Iterator[str | None]:
    """A PostgreSQL database holding the full schema, cloned for each test (faster than DDL)."""
    if pg_admin_engine is None or not PG_URL:
        yield None
        return
    name = f"gw_tmpl_{uuid.uuid4().hex[:12]}"
    with pg_admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    builder = create_engine(make_url(PG_URL).set(database=name))
    Base.metadata.create_all(builder)
    builder.dispose()
    yield name
    with pg_admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_admin_engine: Engine | None, pg_template: str | None
) -> Iterator[str]:
    """A fresh, empty giftwise database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'giftwise.db'}"
        return
    assert pg_admin_engine is not None and PG_URL
    name = f"gw_test_{uuid.uuid4().hex[:12]}"
    with pg_admin_engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    dispose_engines()
    with pg_admin_engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point giftwise's settings at the test database and a private data folder."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("GIFTWISE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("GIFTWISE_DATABASE_URL", db_url)
    monkeypatch.setenv("GIFTWISE_LANGUAGE", "en")
    # The test client calls itself "testserver"; a real server answers only its allowed host names.
    monkeypatch.setenv("GIFTWISE_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    monkeypatch.delenv("GIFTWISE_TODAY", raising=False)
    reset_settings()
    dispose_engines()
    yield data_dir
    dispose_engines()
    reset_settings()


@pytest.fixture
def empty_db(env: Path, db_url: str) -> str:
    """The test database with nothing in it, for what builds the schema itself (init, migrations):
    PostgreSQL test databases are cloned from a template that already holds it."""
    if db_url.startswith("postgresql"):
        engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return db_url


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An installation speaking English, for tests of sentences worded outside a request (validators, parsers)."""
    monkeypatch.setenv("GIFTWISE_LANGUAGE", "en")
    reset_settings()
    yield
    reset_settings()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the full schema, copied for each test (a copy takes milliseconds, the DDL and
    its syncs a good part of a second on a busy machine): the SQLite twin of ``pg_template``."""
    path = tmp_path_factory.mktemp("sqlite-template") / "schema.db"
    builder = build_engine(f"sqlite:///{path}")
    Base.metadata.create_all(builder)
    builder.dispose()
    return path


@pytest.fixture
def engine(env: Path, db_url: str, sqlite_template: Path) -> Engine:
    """The test database's engine, with every table created."""
    from giftwise.core.db import get_engine

    target = make_url(db_url).database if db_url.startswith("sqlite") else None
    if target and not Path(target).exists():  # a fresh SQLite test database: the schema is copied in
        shutil.copyfile(sqlite_template, target)
    eng = get_engine(db_url)
    Base.metadata.create_all(eng)  # checks first: a no-op on a copy, builds what a test's own file lacks
    return eng


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; the test commits when it wants data to persist."""
    with session_factory(engine)() as s:
        yield s


def local_admin(session: Session) -> Actor:
    """The local owner (GIFTWISE_LOCAL_USER, admin), created explicitly as ``giftwise init`` does on SQLite."""
    from giftwise.accounts.service import actor_for_cli, ensure_user
    from giftwise.core.actor import Role
    from giftwise.core.settings import get_settings

    settings = get_settings()
    ensure_user(session, username=settings.local_user, role=Role.ADMIN, language=settings.language)
    return actor_for_cli(session)


def local_admin_token(session: Session) -> str:
    """A fresh API token of the local admin (created when missing), committed."""
    from giftwise.accounts.tokens import TokenKind
    from giftwise.accounts.tokens_service import issue_for_user

    issued = issue_for_user(session, local_admin(session).user_id, kind=TokenKind.API, name="tests")
    session.commit()
    return issued.token


@pytest.fixture
def actor(session: Session) -> Actor:
    """The local admin user, as the CLI acts (created as ``giftwise init`` does)."""
    acting = local_admin(session)
    session.commit()
    return acting


@pytest.fixture
def frozen_clock() -> Iterator[date]:
    """Freeze giftwise's clock at 2026-11-20 for the test; returns that date."""
    clock.set_now(FIXED_TODAY)
    yield FIXED_TODAY
    clock.set_now(None)


@pytest.fixture
def api(engine: Engine) -> Iterator[TestClient]:
    """A client for the REST API on the test database, signed in as the local admin (a bearer token);
    a test acts as someone else by passing its own ``Authorization`` header."""
    from giftwise.api import create_app

    with session_factory(engine)() as session:
        token = local_admin_token(session)
    with TestClient(create_app(), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


@pytest.fixture
def anonymous_api(engine: Engine) -> Iterator[TestClient]:
    """A client for the REST API on the test database that sends no credentials at all."""
    from giftwise.api import create_app

    with TestClient(create_app()) as client:
        yield client


@pytest.fixture
def cli(engine: Engine) -> CliRunner:
    """A runner for ``giftwise`` commands on the test database as the local admin (invoke with ``app``)."""
    with session_factory(engine)() as session:
        local_admin(session)
        session.commit()
    return CliRunner()


@pytest.fixture
def sqlite_only(db_url: str) -> None:
    """Skip the test on PostgreSQL (for SQLite-specific behaviour)."""
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite-specific")


def make_engine(url: str) -> Engine:
    """A fresh engine (not the cached one), for tests that need a second connection pool."""
    return build_engine(url)


@pytest.fixture
def story_clock() -> Iterator[None]:
    """A clock fixed at 2026-11-02 that tests move forward with ``factories.at``; unfrozen afterwards."""
    clock.set_now(date(2026, 11, 2))
    yield
    clock.set_now(None)


@pytest.fixture
def world(session: Session, actor: Actor, story_clock: None) -> World:
    """The cosmetic-bag exporter's book (Anna and the bags), committed: orders, shipments and disputes tests."""
    built = make_world(session, actor)
    session.commit()
    return built
