"""Queries over users and audit entries."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from giftwise.models.accounts import AuditEntry, Team, User


def user_by_username(session: Session, username: str) -> User | None:
    """The user with ``username``, if any."""
    return session.scalars(select(User).where(User.username == username)).first()


def user_by_api_token(session: Session, token: str) -> User | None:
    """The active user whose API token is ``token``, if any."""
    return session.scalars(select(User).where(User.api_token == token, User.active.is_(True))).first()


def user_count(session: Session) -> int:
    """How many users exist (active or not)."""
    return session.scalar(select(func.count()).select_from(User)) or 0


def admin_count(session: Session) -> int:
    """How many active admins exist."""
    query = select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    return session.scalar(query) or 0


def team_member_ids(session: Session, team_id: int | None) -> list[int]:
    """Ids of every user in a team (``None``: every user in no team)."""
    in_team = User.team_id.is_(None) if team_id is None else User.team_id == team_id
    return list(session.scalars(select(User.id).where(in_team)))


def team_by_name(session: Session, name: str) -> Team | None:
    """The team called ``name``, if any."""
    return session.scalars(select(Team).where(Team.name == name)).first()


def list_users(
    session: Session, user_ids: list[int] | None, *, limit: int, offset: int
) -> tuple[list[Row[User, str]], int]:
    """One page of (user, team name) ordered by username, limited to ``user_ids`` unless None."""
    conditions = [] if user_ids is None else [User.id.in_(user_ids)]
    query = select(User, Team.name).outerjoin(Team, Team.id == User.team_id).where(*conditions).order_by(User.username)
    rows = list(session.execute(query.limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    return rows, total


def list_audit(
    session: Session, conditions: list[ColumnElement[bool]], *, limit: int, offset: int
) -> tuple[list[Row[AuditEntry, str]], int]:
    """One page of (audit entry, username), newest first, and how many matched."""
    query = (
        select(AuditEntry, User.username)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    rows = list(session.execute(query.limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
    return rows, total


def audit_entries_about(session: Session, entities: list[str], entity_id: int) -> list[AuditEntry]:
    """Audit entries whose entity is one of ``entities`` with id ``entity_id``."""
    query = select(AuditEntry).where(AuditEntry.entity.in_(entities), AuditEntry.entity_id == entity_id)
    return list(session.scalars(query))
