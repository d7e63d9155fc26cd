"""the recipient's gift-choice link: a hashed, expiring, single-answer token per planned gift

Revision ID: 9f4b6c2d8e13
Revises: 6c2d3e4f5a71
Create Date: 2026-12-02 12:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from giftwise.models.base import UtcDateTime

revision: str = "9f4b6c2d8e13"
down_revision: str | None = "6c2d3e4f5a71"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gift_choice_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gift_id", sa.Integer(), sa.ForeignKey("gifts.id", name="fk_gift_choice_links_gift_id_gifts",
                                                          ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("alternative_ids", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", UtcDateTime(), nullable=True),
        sa.Column("chosen_item_id", sa.Integer(), sa.ForeignKey(
            "catalog_items.id", name="fk_gift_choice_links_chosen_item_id_catalog_items"), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("address_confirmed_at", UtcDateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id", name="fk_gift_choice_links_created_by_users"),
                  nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_gift_choice_links"),
        sa.UniqueConstraint("token_hash", name="uq_gift_choice_links_token_hash"),
    )
    op.create_index("ix_gift_choice_links_gift_id", "gift_choice_links", ["gift_id"])


def downgrade() -> None:
    op.drop_index("ix_gift_choice_links_gift_id", table_name="gift_choice_links")
    op.drop_table("gift_choice_links")
