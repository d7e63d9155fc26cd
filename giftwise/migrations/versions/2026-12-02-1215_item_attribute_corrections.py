"""catalog items keep a user's corrections of what giftwise understood about them

A correction ({"nuts": "no", "cash_equivalent": "yes", "meaning:clock": "no"}) always wins over the
attribute reader; existing items start with none.

Revision ID: 9a4b7c1d2e58
Revises: 9f4b6c2d8e13
Create Date: 2026-12-02 12:15:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9a4b7c1d2e58"
down_revision: str | None = "9f4b6c2d8e13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_items") as batch:
        batch.add_column(sa.Column("attribute_corrections", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("catalog_items") as batch:
        batch.drop_column("attribute_corrections")
