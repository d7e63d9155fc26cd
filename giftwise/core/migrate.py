"""Create or upgrade the database schema with Alembic (a new install and every older revision)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from giftwise.core.db import get_engine


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
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine
