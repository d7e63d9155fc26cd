"""a digest's Message-ID is recorded before it is sent, so a retry after a crash is recognisable

Revision ID: 7d3e9f1a2b40
Revises: 5b1c2d3e4f60
Create Date: 2026-12-02 11:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d3e9f1a2b40"
down_revision: str | None = "5b1c2d3e4f60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("digest_log") as batch:
        batch.add_column(sa.Column("message_id", sa.String(length=250), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("digest_log") as batch:
        batch.drop_column("message_id")
