"""Signing in with a password: argon2 hashes checked at a rate the database limits for every worker."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from giftwise.accounts import repository
from giftwise.accounts.passwords import hash_password, needs_rehash, verify_password
from giftwise.core import clock
from giftwise.core.errors import TooManyAttempts
from giftwise.core.settings import get_settings
from giftwise.models.accounts import SignInAttempt, User


def check_rate(session: Session, *, username: str, address: str) -> None:
    """TooManyAttempts when ``username`` or ``address`` failed too often within the window (settings)."""
    settings = get_settings()
    since = clock.now() - timedelta(minutes=settings.sign_in_window_minutes)
    by_user = repository.failed_sign_ins(session, since=since, username=username)
    by_address = repository.failed_sign_ins(session, since=since, address=address)
    if by_user >= settings.sign_in_failures_per_user or by_address >= settings.sign_in_failures_per_address:
        raise TooManyAttempts("auth.too_many_attempts", minutes=settings.sign_in_window_minutes)


def sign_in(session: Session, *, username: str, password: str, address: str) -> User | None:
    """The active user whose ``password`` this is, or None; every attempt is recorded, so the caller commits
    failures too. TooManyAttempts (nothing checked) while the user or the address is paused."""
    name, where = username.strip()[:80], address[:64]
    check_rate(session, username=name, address=where)
    user = repository.user_by_username(session, name)
    known = user if user is not None and user.active else None
    ok = verify_password(known.password_hash if known else None, password)
    session.add(SignInAttempt(username=name, address=where, succeeded=ok, at=clock.now()))
    # Attempts only matter within the window: older ones go, so the table stays small.
    window = timedelta(minutes=get_settings().sign_in_window_minutes)
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < clock.now() - 2 * window))
    if ok and known is not None and known.password_hash and needs_rehash(known.password_hash):
        known.password_hash = hash_password(password)
    session.flush()
    return known if ok else None
