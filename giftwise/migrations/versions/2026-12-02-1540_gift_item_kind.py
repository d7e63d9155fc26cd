"""a free-text gift says what kind of thing it is

``gifts.item_kind`` (goods, food, drink, voucher, cash, experience) lets compliance treat a described
voucher, coupon or pick-up ticket as cash; gifts of catalog items and older gifts keep it empty.

Revision ID: 3b8e5d1f7a24
Revises: 9a4b7c1d2e58
Create Date: 2026-12-02 15:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b8e5d1f7a24"
down_revision: str | None = "9a4b7c1d2e58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("gifts") as batch:
        batch.add_column(sa.Column("item_kind", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gifts") as batch:
        batch.drop_column("item_kind")
