"""The demo tests share one loaded book per worker: the standard book is loaded once, as of the tests' fixed
day, into a template (a SQLite file or a PostgreSQL template database, plus its data folder with the parcel
photos), and each test that asks for ``demo_book`` gets its own copy to read or change."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from giftwise.core.db import build_engine, dispose_engines, get_engine, session_factory
from giftwise.core.settings import reset_settings
from giftwise.demo.schemas import DemoSummary
from giftwise.demo.service import load_demo
from giftwise.models import Base
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.outcomes import Outcome
from tests.conftest import local_admin

_SETTINGS = ("GIFTWISE_DATA_DIR", "GIFTWISE_DATABASE_URL")


@dataclass(frozen=True)
class DemoTemplate:
    """One loaded book: where its database and data folder are, and what loading it added."""

    database: str  # a SQLite file path, or a PostgreSQL database name
    data_dir: Path
    summary: DemoSummary


class DemoTemplates:
    """The worker's loaded books, one per backend, built the first time a test asks for it."""

    def __init__(self, root: Path, pg_admin: Engine | None, pg_schema: str | None) -> None:
        self._root, self._pg_admin, self._pg_schema = root, pg_admin, pg_schema
        self._built: dict[str, DemoTemplate] = {}

    def ready(self, db_url: str) -> DemoTemplate:
        """The loaded book for ``db_url``'s backend, loaded now if this worker has not loaded it yet."""
        backend = make_url(db_url).get_backend_name()
        if backend not in self._built:
            self._built[backend] = self._build(backend, db_url)
        return self._built[backend]

    @contextmanager
    def reading(self, db_url: str) -> Iterator[Session]:
        """A session on the loaded book itself, to compare a fresh load with it; it writes nothing."""
        template = self.ready(db_url)
        if make_url(db_url).get_backend_name() == "sqlite":
            url = f"sqlite:///{template.database}"
        else:
            url = make_url(db_url).set(database=template.database).render_as_string(hide_password=False)
        engine = build_engine(url)
        try:
            with session_factory(engine)() as session:
                yield session
                session.rollback()
        finally:
            engine.dispose()

    def copy_into(self, db_url: str, data_dir: Path) -> DemoSummary:
        """Make the test database at ``db_url`` and ``data_dir`` a copy of the loaded book."""
        backend = make_url(db_url).get_backend_name()
        template = self.ready(db_url)
        dispose_engines()
        shutil.copytree(template.data_dir, data_dir, dirs_exist_ok=True)
        if backend == "sqlite":
            shutil.copyfile(template.database, str(make_url(db_url).database))
        else:
            assert self._pg_admin is not None
            name = make_url(db_url).database
            with self._pg_admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"'))
        return template.summary

    def drop(self) -> None:
        """Remove the PostgreSQL template database (SQLite files go with the temporary folder)."""
        pg = self._built.get("postgresql")
        if pg is not None and self._pg_admin is not None:
            with self._pg_admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{pg.database}" WITH (FORCE)'))

    def _build(self, backend: str, db_url: str) -> DemoTemplate:
        data_dir = self._root / f"data-{backend}"
        data_dir.mkdir()
        if backend == "sqlite":
            database = str(self._root / "demo.db")
            url = f"sqlite:///{database}"
        else:
            assert self._pg_admin is not None and self._pg_schema is not None
            database = f"gw_demo_{uuid.uuid4().hex[:12]}"
            with self._pg_admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{database}" TEMPLATE "{self._pg_schema}"'))
            url = make_url(db_url).set(database=database).render_as_string(hide_password=False)
        return DemoTemplate(database, data_dir, _load_once(url, data_dir))


def _load_once(url: str, data_dir: Path) -> DemoSummary:
    """Load the standard demo book into ``url`` with ``data_dir`` as the data folder, then let go of both."""
    saved = {name: os.environ.get(name) for name in _SETTINGS}
    os.environ.update(GIFTWISE_DATA_DIR=str(data_dir), GIFTWISE_DATABASE_URL=url)
    reset_settings()
    dispose_engines()
    try:
        engine = get_engine(url)
        Base.metadata.create_all(engine)
        with session_factory(engine)() as session:
            summary = load_demo(session, local_admin(session))
            session.commit()
        return summary
    finally:
        dispose_engines()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        reset_settings()


@pytest.fixture(scope="session")
def demo_templates(
    tmp_path_factory: pytest.TempPathFactory, pg_admin_engine: Engine | None, pg_template: str | None
) -> Iterator[DemoTemplates]:
    """The loaded books of this worker (each xdist worker has its own session)."""
    templates = DemoTemplates(tmp_path_factory.mktemp("demo-book"), pg_admin_engine, pg_template)
    yield templates
    templates.drop()


@pytest.fixture
def demo_book(demo_templates: DemoTemplates, db_url: str, env: Path, frozen_clock: date) -> DemoSummary:
    """The standard demo book, loaded as of the frozen day, in this test's own database; returns what loading
    added. Ask for it before ``session`` or ``engine``, so the copy is in place before anything connects."""
    return demo_templates.copy_into(db_url, env)


@pytest.fixture
def loaded_elsewhere(demo_templates: DemoTemplates, db_url: str, env: Path, frozen_clock: date) -> DemoTemplates:
    """The worker's loaded books, this backend's loaded already, while this test's own database stays empty;
    ask for it before ``session``."""
    demo_templates.ready(db_url)
    return demo_templates


def history_dump(session: Session) -> list[str]:
    """The replayed year of a loaded book (gifts, touches, outcomes) without ids: what a user would see."""
    names = {c.id: c.name for c in session.scalars(select(Contact))}
    skus = {i.id: i.sku for i in session.scalars(select(CatalogItem))}  # ids differ on PostgreSQL after a rollback
    gifts = [(names[g.contact_id], skus.get(g.item_id or 0), g.description, g.status, g.planned_on, g.closed_on, g.cost)
             for g in session.scalars(select(Gift))]
    touches = [(names[t.contact_id], t.purpose, t.due_on, t.status, t.done_on, t.minutes_spent)
               for t in session.scalars(select(Touch))]
    outcomes = [(names[o.contact_id], o.kind, o.on, o.value) for o in session.scalars(select(Outcome))]
    return sorted(repr(row) for row in [*gifts, *touches, *outcomes])
