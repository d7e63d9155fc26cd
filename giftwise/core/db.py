"""Database engine and the unit of work.

Commit only at the edge: a request, a CLI command or a job opens one ``unit_of_work`` that
commits on success and rolls back on any error; services and repositories only flush.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session, sessionmaker

from giftwise.core.errors import ConfigurationError, Conflict, Invalid
from giftwise.core.settings import get_settings

SQLITE_BUSY_TIMEOUT_MS = 30_000

_engines: dict[str, Engine] = {}
# The book holds health, faith and family details: its files are the owner's alone.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _check_sqlite_folder(url: str) -> None:
    path = _sqlite_file(url)
    if path is None:
        return
    settings = get_settings()
    if not path.parent.exists():
        if path.parent == settings.data_dir:
            make_private_folder(path.parent)
        else:
            raise ConfigurationError(
                "core.database_folder_does_exist", parent=path.parent
            )
    if not path.exists():
        # Created empty here so only its owner can read it; SQLite gives the -wal and -shm files
        # the database file's permissions.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; the folder itself readable by its owner only."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(PRIVATE_FOLDER)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the server read while a CLI import writes; the busy timeout makes a second
    # writer wait instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, so an erased person cannot be read from the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def checkpoint(engine: Engine) -> None:
    """Move SQLite's write-ahead log into the database file and empty it (nothing to do elsewhere).

    After an erasure, the log still holds the pages as they were before; the checkpoint writes
    the zeroed pages into the file and truncates the log.
    """
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        # Outside any transaction (autocommit DBAPI connection): a checkpoint cannot run inside one.
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


READ_ONLY_OPTION = "giftwise_read_only"
_CHANGES_AT_BEGIN = "giftwise_changes_at_begin"
_RESTARTED = "giftwise_restarted_as_writer"


def _on_sqlite_begin(conn: Any) -> None:
    # A writer takes the write lock at BEGIN so concurrent writers queue on busy_timeout instead
    # of deadlocking on a read-to-write upgrade. A reader starts a deferred transaction: in WAL
    # mode it reads its snapshot at once, however long a writer (a 100k-row import) holds the lock.
    read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
    conn.info[_CHANGES_AT_BEGIN] = conn.connection.driver_connection.total_changes
    conn.info.pop(_RESTARTED, None)  # the info outlives the transaction (pooled connection)


def _writer_at_first_write(session: Session, _context: Any, _instances: Any) -> None:
    # A safety net, unused today: GETs never write (the agenda once refreshed cadence touches; the
    # writes that move them keep them now). Should a read-only unit write after all, SQLite cannot
    # upgrade a deferred read to a write while another writer holds or has just used the lock
    # (it fails at once with "database is locked"), so restart it as a writer, which queues on
    # busy_timeout. What it read stays a moment old, as if the request ran just before the other writer.
    _restart_as_writer(session.connection())


def _on_sqlite_savepoint(conn: Any, _name: str) -> None:
    # A savepoint announces a write; restarting after it was set would lose it.
    if conn.get_execution_options().get(READ_ONLY_OPTION, False):
        _restart_as_writer(conn)


def _restart_as_writer(connection: Any) -> None:
    """Turn a deferred SQLite read into a write transaction, once, and only while it has written nothing."""
    if connection.dialect.name != "sqlite" or connection.info.get(_RESTARTED):
        return
    connection.info[_RESTARTED] = True
    raw = connection.connection.driver_connection
    if raw is None or not raw.in_transaction or raw.total_changes != connection.info.get(_CHANGES_AT_BEGIN):
        return
    raw.execute("ROLLBACK")
    raw.execute("BEGIN IMMEDIATE")


def build_engine(url: str) -> Engine:
    """Create an engine for ``url`` with giftwise's connection settings (SQLite pragmas)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigurationError(
            "core.database_url_sqlite_path", url=url
        ) from None
    if parsed.drivername.startswith("sqlite"):
        _check_sqlite_folder(url)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        engine.dialect._sqlite_begin = True  # type: ignore[attr-defined]

        @event.listens_for(engine, "connect")
        def _disable_pysqlite_begin(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "savepoint", _on_sqlite_savepoint)
        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: the configured database)."""
    url = url or get_settings().resolved_database_url
    if url not in _engines:
        _engines[url] = build_engine(url)
    return _engines[url]


def dispose_engines() -> None:
    """Close every pooled connection (tests, forks, shutdown)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def session_factory(engine: Engine | None = None) -> sessionmaker[Session]:
    """A sessionmaker bound to ``engine`` whose objects stay readable after commit."""
    return sessionmaker(bind=engine or get_engine(), expire_on_commit=False, autoflush=True)


def unstorable_key(error: Exception) -> str:
    """The message for a value the database cannot store (NUL in text, a number or date out of range)."""
    return "input.unstorable_text" if "NUL" in str(error) else "input.out_of_range"


def database_problem(error: DBAPIError) -> ConfigurationError:
    """The error to show when the database itself cannot be used; a folder never initialised says what to run."""
    text = str(error.orig)
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return ConfigurationError("core.run_init")
    if "no such column" in text or ("column" in text and "does not exist" in text):
        return ConfigurationError("core.run_init_to_upgrade")  # made by an older giftwise
    return ConfigurationError("core.database_could_used", orig=text.strip().splitlines()[0] if text.strip() else "")


def reading(engine: Engine) -> Engine:
    """The same engine, for transactions that only read (on SQLite they do not wait for writers)."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


@contextmanager
def unit_of_work(engine: Engine | None = None, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction: commit when the block succeeds, roll back everything when it raises.

    ``read_only`` promises the block does not write (a GET): on SQLite it then neither takes
    nor waits for the write lock.
    """
    bind = engine or get_engine()
    session = session_factory(reading(bind) if read_only else bind)()
    if read_only:
        event.listen(session, "before_flush", _writer_at_first_write)
    try:
        yield session
        session.commit()
    except (DataError, OverflowError) as exc:
        # Values past what the database (or a date) can hold that slipped past the schemas:
        # the user's input, not a server fault.
        session.rollback()
        raise Invalid(unstorable_key(exc)) from None
    except IntegrityError:
        # The services check names and references first; only a request racing another one that
        # saved the same key (or removed what this one points at) gets here.
        session.rollback()
        raise Conflict("core.saved_concurrently") from None
    except (OperationalError, ProgrammingError) as exc:
        session.rollback()
        raise database_problem(exc) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
