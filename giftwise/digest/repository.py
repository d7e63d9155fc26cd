"""Queries behind the digest: who gets one, and the log of what was sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_among, where_given
from giftwise.models.accounts import User
from giftwise.models.followups import DigestLog


def digest_recipients(session: Session) -> list[User]:
    """Active users with an e-mail address, who get a daily digest."""
    return list(session.scalars(
        select(User).where(User.active.is_(True), User.email.is_not(None), User.email != "").order_by(User.id)
    ))


def digest_log(session: Session, user_id: int, day: date) -> DigestLog | None:
    """The digest log row of a user for a day."""
    return session.scalars(select(DigestLog).where(DigestLog.user_id == user_id, DigestLog.day == day)).first()


def digest_logs(
    session: Session, *, user_ids: Sequence[int] | None, day: date | None, limit: int
) -> list[DigestLog]:
    """Recent digest log rows of these users (all when ``None``), newest first, optionally of one day."""
    query = where_given(where_among(select(DigestLog), (DigestLog.user_id, user_ids)), (DigestLog.day, day))
    return list(session.scalars(query.order_by(DigestLog.day.desc(), DigestLog.user_id).limit(limit)))
