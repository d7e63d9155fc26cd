"""Create or upgrade the database schema with Alembic (a new install and every older revision)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from giftwise.core.db import get_engine
from giftwise.core.errors import ConfigurationError


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at giftwise's shipped migrations and ``url``."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("giftwise") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str | None = None, *, revision: str = "head") -> Engine:
    """Bring the database at ``url`` (default: configured) to ``revision``; returns its engine."""
    engine = get_engine(url)
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except OperationalError as exc:
        # A missing PostgreSQL role, a wrong password or a server that is down: say so, and how to fix it.
        reason = (str(exc.orig).strip().splitlines() or ["?"])[0]
        where = f"{engine.url.host or 'localhost'}:{engine.url.port or ''}/{engine.url.database or ''}"
        raise ConfigurationError("core.database_unreachable", user=engine.url.username or "?", where=where,
                                 reason=reason.removeprefix("connection failed: ")) from None
    return engine
