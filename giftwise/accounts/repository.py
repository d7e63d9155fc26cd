"""Queries over users and audit entries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.accounts import User


def user_by_username(session: Session, username: str) -> User | None:
    """The user with ``username``, if any."""
    return session.scalars(select(User).where(User.username == username)).first()


def user_by_api_token(session: Session, token: str) -> User | None:
    """The active user whose API token is ``token``, if any."""
    return session.scalars(select(User).where(User.api_token == token, User.active.is_(True))).first()


def team_member_ids(session: Session, team_id: int) -> list[int]:
    """Ids of every user in a team."""
    return list(session.scalars(select(User.id).where(User.team_id == team_id)))
