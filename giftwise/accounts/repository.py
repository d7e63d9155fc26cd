"""Queries over users and audit entries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from giftwise.models.accounts import AccessToken, AuditEntry, SignInAttempt, Team, User


def user_by_username(session: Session, username: str) -> User | None:
    """The user with ``username``, if any."""
    return session.scalars(select(User).where(User.username == username)).first()


def token_by_hash(session: Session, token_hash: str, kind: str) -> AccessToken | None:
    """The access token of ``kind`` whose secret hashes to ``token_hash``, if any (live or not)."""
    query = select(AccessToken).where(AccessToken.token_hash == token_hash, AccessToken.kind == kind)
    return session.scalars(query).first()


def tokens_of(session: Session, user_id: int, *, kind: str | None) -> list[AccessToken]:
    """A user's access tokens (of ``kind`` when given), newest first."""
    conditions = [AccessToken.user_id == user_id] + ([AccessToken.kind == kind] if kind else [])
    return list(session.scalars(select(AccessToken).where(*conditions).order_by(AccessToken.id.desc())))


def failed_sign_ins(session: Session, *, since: datetime, username: str | None = None,
                    address: str | None = None) -> int:
    """How many sign-ins failed since ``since`` for ``username`` or from ``address``."""
    conditions = [SignInAttempt.at >= since, SignInAttempt.succeeded.is_(False)]
    if username is not None:
        conditions.append(SignInAttempt.username == username)
    if address is not None:
        conditions.append(SignInAttempt.address == address)
    return session.scalar(select(func.count()).select_from(SignInAttempt).where(*conditions)) or 0


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
