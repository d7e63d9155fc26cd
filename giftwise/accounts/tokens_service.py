"""Access tokens in the database: issued (the secret shown once, its SHA-256 stored), listed, revoked,
rotated, and looked up when one is presented (what a token is: ``accounts.tokens``)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy.orm import Session

from giftwise.accounts import repository
from giftwise.accounts.audit_service import record_audit
from giftwise.accounts.schemas import TokenIssued, TokenRead
from giftwise.accounts.tokens import PREFIX_LENGTH, TokenKind, default_lifetime, is_live, link_url, token_hash
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.core.settings import get_settings
from giftwise.models.accounts import AccessToken, User


def _issue(session: Session, user_id: int, kind: TokenKind, name: str, lifetime: timedelta) -> TokenIssued:
    secret = secrets.token_urlsafe(32)
    token = AccessToken(user_id=user_id, kind=kind.value, name=name, prefix=secret[:PREFIX_LENGTH],
                        token_hash=token_hash(secret), expires_at=clock.now() + lifetime)
    session.add(token)
    session.flush()
    return TokenIssued(**TokenRead.model_validate(token).model_dump(), token=secret)


def _owner_for(session: Session, actor: Actor, user_id: int | None) -> int:
    """Whose tokens ``actor`` handles: their own, or anyone's for an admin."""
    if user_id is None or user_id == actor.user_id:
        return actor.user_id
    if not actor.is_admin:
        raise Forbidden("auth.admin_only")
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotFound("auth.no_user", ref=user_id)
    return user_id


def issue_token(
    session: Session, actor: Actor, *, kind: TokenKind = TokenKind.API, user_id: int | None = None,
    name: str = "", days: int | None = None,
) -> TokenIssued:
    """A new token for ``actor`` (or, for an admin, another user); the secret is in the answer only."""
    if days is not None and not 1 <= days <= 3660:
        raise Invalid("auth.token_days", field="days")
    owner = _owner_for(session, actor, user_id)
    lifetime = timedelta(days=days) if days is not None else default_lifetime(kind)
    issued = _issue(session, owner, kind, name, lifetime)
    record_audit(session, actor, action="token.issue", entity="access_token", entity_id=issued.id,
                 after={"user_id": owner, "kind": kind.value, "prefix": issued.prefix})
    return issued


def issue_for_user(session: Session, user_id: int, *, kind: TokenKind, name: str = "") -> TokenIssued:
    """A token of ``kind`` for ``user_id`` with the default lifetime, for the system's own use
    (the token printed when a user is added, the sign-in link ``serve`` prints)."""
    return _issue(session, user_id, kind, name, default_lifetime(kind))


def list_tokens(
    session: Session, actor: Actor, *, user_id: int | None = None, kind: TokenKind | None = None,
    include_ended: bool = False,
) -> list[TokenRead]:
    """The tokens of ``actor`` (or, for an admin, another user), newest first; live ones unless asked."""
    owner = _owner_for(session, actor, user_id)
    rows = repository.tokens_of(session, owner, kind=kind.value if kind else None)
    now = clock.now()
    return [TokenRead.model_validate(t) for t in rows if include_ended or is_live(t, now)]


def _own_token(session: Session, actor: Actor, token_id: int) -> AccessToken:
    token = session.get(AccessToken, token_id)
    if token is None or (token.user_id != actor.user_id and not actor.is_admin):
        raise NotFound("auth.no_token", id=token_id)
    return token


def revoke_token(session: Session, actor: Actor, *, token_id: int) -> TokenRead:
    """Stop the token ``token_id`` from working (one's own, or anyone's for an admin)."""
    token = _own_token(session, actor, token_id)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        record_audit(session, actor, action="token.revoke", entity="access_token", entity_id=token.id,
                     after={"prefix": token.prefix})
        session.flush()
    return TokenRead.model_validate(token)


def rotate_token(session: Session, actor: Actor, *, token_id: int, days: int | None = None) -> TokenIssued:
    """Replace the token ``token_id`` by a new secret of the same kind and name; the old one stops working."""
    old = _own_token(session, actor, token_id)
    kind = TokenKind(old.kind)
    revoke_token(session, actor, token_id=old.id)
    return issue_token(session, actor, kind=kind, user_id=old.user_id, name=old.name, days=days)


def user_for_token(session: Session, secret: str, kind: TokenKind) -> User | None:
    """The active user a live token of ``kind`` belongs to; None for unknown, expired or revoked ones."""
    token = repository.token_by_hash(session, token_hash(secret), kind.value)
    if token is None or not is_live(token, clock.now()):
        return None
    user = session.get(User, token.user_id)
    return user if user is not None and user.active else None


def consume_sign_in_link(session: Session, secret: str) -> User | None:
    """The user a one-time sign-in link opens, revoking it so it works once; None when not live."""
    user = user_for_token(session, secret, TokenKind.SIGN_IN)
    if user is None:
        return None
    token = repository.token_by_hash(session, token_hash(secret), TokenKind.SIGN_IN.value)
    assert token is not None
    token.revoked_at = clock.now()
    session.flush()
    return user


def sign_in_link(session: Session, actor: Actor, *, user_id: int | None = None) -> tuple[str, int]:
    """A one-time web sign-in link for ``actor`` (or, for an admin, another user) and its minutes to live."""
    owner = _owner_for(session, actor, user_id)
    issued = issue_for_user(session, owner, kind=TokenKind.SIGN_IN, name="link")
    record_audit(session, actor, action="token.issue", entity="access_token", entity_id=issued.id,
                 after={"user_id": owner, "kind": TokenKind.SIGN_IN.value, "prefix": issued.prefix})
    settings = get_settings()
    return link_url(issued.token, host=settings.host, port=settings.port), settings.sign_in_link_minutes


def local_sign_in_link(session: Session, *, host: str, port: int) -> str | None:
    """A one-time sign-in link for the local user (GIFTWISE_LOCAL_USER) when it exists, for ``giftwise serve``
    to print: whoever runs the server on this machine already acts as that user from the CLI."""
    user = repository.user_by_username(session, get_settings().local_user)
    if user is None or not user.active:
        return None
    return link_url(issue_for_user(session, user.id, kind=TokenKind.SIGN_IN, name="serve").token, host=host, port=port)
