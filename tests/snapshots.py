"""Whole-database snapshots, to show that a read wrote nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from giftwise.models import Base


def database_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in primary-key order: two equal snapshots mean nothing was written between them."""
    with engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }
