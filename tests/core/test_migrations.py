"""Migrations: a new install and an upgrade from every earlier revision end at the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from giftwise.core.db import get_engine
from giftwise.core.migrate import alembic_config, upgrade_database
from giftwise.models import Base


def _revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _schema_drift(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        return list(compare_metadata(context, Base.metadata))


class TestUpgrade:
    def test_new_install_matches_models(self, empty_db: str) -> None:
        db_url = empty_db
        engine = upgrade_database(db_url)
        assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
        assert _schema_drift(engine) == []

    def test_upgrade_from_every_earlier_revision(self, empty_db: str) -> None:
        from alembic import command

        db_url = empty_db
        revisions = _revisions(db_url)
        config = alembic_config(db_url)
        for revision in revisions:
            command.downgrade(config, "base")
            upgrade_database(db_url, revision=revision)
            upgrade_database(db_url)
            assert _schema_drift(get_engine(db_url)) == [], f"drift after upgrading from {revision}"
