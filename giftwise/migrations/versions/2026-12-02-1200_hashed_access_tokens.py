"""access tokens are stored hashed, expire and can be revoked; sign-in attempts are counted

API and calendar tokens move from plain columns on users into access_tokens, each stored only as
the SHA-256 of the secret (existing tokens keep working: their hashes are computed here).

Revision ID: 6c2d3e4f5a71
Revises: c7e2a1f04b19
Create Date: 2026-12-02 11:30:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "6c2d3e4f5a71"
down_revision: str | None = "c7e2a1f04b19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tokens that never expired get the lifetimes new ones get.
LIFETIME_DAYS = {"api": 90, "calendar": 365}


def upgrade() -> None:
    tokens = op.create_table(
        "access_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_access_tokens_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_access_tokens_token_hash")),
    )
    op.create_index(op.f("ix_access_tokens_user_id"), "access_tokens", ["user_id"], unique=False)
    op.create_table(
        "sign_in_attempts",
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(op.f("ix_sign_in_attempts_at"), "sign_in_attempts", ["at"], unique=False)
    op.create_index(op.f("ix_sign_in_attempts_username"), "sign_in_attempts", ["username"], unique=False)
    op.create_index(op.f("ix_sign_in_attempts_address"), "sign_in_attempts", ["address"], unique=False)
    # Read the plain tokens first, drop their columns, then store the hashes: on SQLite the batch
    # rebuild of users drops the old table, which would cascade-delete rows already pointing at it.
    hashed = _hashed_existing_tokens()
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("uq_users_api_token", type_="unique")
        batch.drop_constraint("uq_users_calendar_token", type_="unique")
        batch.drop_column("api_token")
        batch.drop_column("calendar_token")
    if hashed:
        op.bulk_insert(tokens, hashed)


def _hashed_existing_tokens() -> list[dict[str, object]]:
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("api_token", sa.String()),
                     sa.column("calendar_token", sa.String()))
    now = datetime.now(UTC)
    rows: list[dict[str, object]] = []
    for user_id, api_token, calendar_token in op.get_bind().execute(
        sa.select(users.c.id, users.c.api_token, users.c.calendar_token)
    ):
        for kind, secret in (("api", api_token), ("calendar", calendar_token)):
            if secret:
                rows.append({
                    "user_id": user_id, "kind": kind, "name": "before hashing", "prefix": secret[:8],
                    "token_hash": hashlib.sha256(secret.encode()).hexdigest(),
                    "expires_at": now + timedelta(days=LIFETIME_DAYS[kind]), "revoked_at": None,
                    "created_at": now, "updated_at": now,
                })
    return rows


def downgrade() -> None:
    # The plain tokens cannot be recovered from their hashes: after a downgrade, issue new ones.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("api_token", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))
        batch.create_unique_constraint("uq_users_api_token", ["api_token"])
        batch.create_unique_constraint("uq_users_calendar_token", ["calendar_token"])
    op.drop_index(op.f("ix_sign_in_attempts_address"), table_name="sign_in_attempts")
    op.drop_index(op.f("ix_sign_in_attempts_username"), table_name="sign_in_attempts")
    op.drop_index(op.f("ix_sign_in_attempts_at"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    op.drop_index(op.f("ix_access_tokens_user_id"), table_name="access_tokens")
    op.drop_table("access_tokens")
