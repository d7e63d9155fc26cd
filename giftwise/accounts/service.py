"""Who may see and change what, and the audit trail; the one place access rules live. Also signing in with a
password: argon2 hashes checked at a rate the database limits for every worker."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol, TypeVar

from sqlalchemy import ColumnElement, delete, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts import repository, tokens_service
from giftwise.accounts.audit_service import record_audit
from giftwise.accounts.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from giftwise.accounts.schemas import AuditRead, ProfileUpdate, UserCreate, UserCreated, UserRead
from giftwise.accounts.tokens import TokenKind
from giftwise.core import clock
from giftwise.core.actor import Actor, Role
from giftwise.core.client_text import signature
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound, TooManyAttempts, Unauthorized
from giftwise.core.i18n import Label
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.models.accounts import AuditEntry, SignInAttempt, Team, User
from giftwise.models.contacts import Contact


def ensure_user(session: Session, *, username: str, role: Role, language: str = "zh") -> User:
    """The user named ``username``, created (as ``role``) if it does not exist yet (tests and the demo)."""
    user = repository.user_by_username(session, username)
    if user is None:
        try:
            with session.begin_nested():
                user = User(username=username, display_name=username, role=role.value, language=language)
                session.add(user)
                session.flush()
        except IntegrityError:
            # Another process (a server and a CLI import starting together) created it first.
            user = repository.user_by_username(session, username)
            if user is None:
                raise
    return user


def actor_of(user: User) -> Actor:
    """The Actor for a stored user."""
    return Actor(
        user_id=user.id, username=user.username, role=Role(user.role), team_id=user.team_id, language=user.language,
        timezone=user.timezone or "",
    )


def actor_for_cli(session: Session) -> Actor:
    """The named local user (``GIFTWISE_LOCAL_USER``); Unauthorized when no such active user exists.

    Never creates anyone: on a shared database an unknown name must not become an admin."""
    settings = get_settings()
    user = repository.user_by_username(session, settings.local_user)
    if user is None or not user.active:
        raise Unauthorized("auth.unknown_local_user", username=settings.local_user)
    return actor_of(user)


def actor_for_request(session: Session, *, token: str | None = None, user_id: int | None = None) -> Actor:
    """Who a request acts as: the owner of the API ``token``, or the signed-in ``user_id`` of a web session.

    Unauthorized for an unknown, expired or revoked token and for a session whose user is gone."""
    user = tokens_service.user_for_token(session, token, TokenKind.API) if token else None
    if user is None and token is None and user_id is not None:
        found = session.get(User, user_id)
        user = found if found is not None and found.active else None
    if user is None:
        raise Unauthorized("auth.unknown_token" if token else "auth.no_credentials")
    return actor_of(user)


def create_local_owner(session: Session) -> User | None:
    """On an install with no user yet, the local owner (``GIFTWISE_LOCAL_USER``, admin); None if users exist.

    The one-command single-person start: ``giftwise init`` on SQLite and ``serve --demo`` call it once."""
    if repository.user_count(session) > 0:
        return None
    settings = get_settings()
    return ensure_user(session, username=settings.local_user, role=Role.ADMIN, language=settings.language)


def create_first_admin(session: Session, *, username: str, password: str, language: str = "zh") -> User:
    """The install's first admin, signing in with ``password``; Conflict when an admin exists already."""
    check_password(password)
    if repository.admin_count(session) > 0:
        raise Conflict("auth.admin_exists")
    if repository.user_by_username(session, username) is not None:
        raise Conflict("auth.user_taken", field="username", username=username)
    user = User(username=username, display_name=username, role=Role.ADMIN.value, language=language,
                password_hash=hash_password(password))
    session.add(user)
    session.flush()
    record_audit(session, actor_of(user), action="create", entity="user", entity_id=user.id,
                 after={"username": username, "role": user.role, "first_admin": True})
    return user


def check_password(password: str) -> None:
    """Invalid when ``password`` is too short to be a password."""
    if len(password) < MIN_LENGTH:
        raise Invalid("auth.password_short", field="password", min=MIN_LENGTH)


def set_password(session: Session, actor: Actor, *, ref: str, password: str) -> User:
    """Give the user named by ``ref`` a new password: oneself, or anyone for an admin."""
    user = find_user(session, actor, ref=ref)
    if user.id != actor.user_id and not actor.is_admin:
        raise Forbidden("auth.admin_only")
    check_password(password)
    user.password_hash = hash_password(password)
    record_audit(session, actor, action="set-password", entity="user", entity_id=user.id)
    session.flush()
    return user


def visible_owner_ids(session: Session, actor: Actor) -> list[int] | None:
    """Owners whose contacts ``actor`` may see; ``None`` means everyone (admin)."""
    if actor.role is Role.ADMIN:
        return None
    if actor.role is Role.MANAGER and actor.team_id is not None:
        return repository.team_member_ids(session, actor.team_id)
    return [actor.user_id]


def contact_scope(session: Session, actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause limiting contacts to those ``actor`` may see (a rep: own book)."""
    owners = visible_owner_ids(session, actor)
    return true() if owners is None else Contact.owner_id.in_(owners)


def visible_contact(session: Session, actor: Actor, contact_id: int) -> Contact:
    """The contact with ``contact_id`` if ``actor`` may see it; NotFound otherwise."""
    contact = session.get(Contact, contact_id)
    owners = visible_owner_ids(session, actor)
    if contact is None or (owners is not None and contact.owner_id not in owners):
        raise NotFound("accounts.contact_id", contact_id=contact_id)
    return contact


class _OfContact(Protocol):
    @property
    def contact_id(self) -> int: ...


R = TypeVar("R", bound=_OfContact)


def visible_record(session: Session, actor: Actor, model: type[R], record_id: int, *, label: str) -> R:
    """The ``model`` row ``record_id`` if its contact is visible to ``actor``; else NotFound naming ``label``."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound("accounts.id", label=Label("entity", label), record_id=record_id)
    try:
        visible_contact(session, actor, record.contact_id)
    except NotFound:
        # Someone else's record is reported like a missing one, so ids reveal nothing.
        raise NotFound("accounts.id", label=Label("entity", label), record_id=record_id) from None
    return record


def assignable_owner(session: Session, actor: Actor, owner_id: int | None) -> int:
    """The owner a new or moved contact gets: ``owner_id`` if ``actor`` may hand it to them, else Forbidden."""
    if owner_id is None or owner_id == actor.user_id:
        return actor.user_id
    owner = session.get(User, owner_id)
    if owner is None or not owner.active:
        raise NotFound("accounts.active_user_id_list", owner_id=owner_id)
    owners = visible_owner_ids(session, actor)
    if owners is not None and owner_id not in owners:
        raise Forbidden("accounts.you_may_only_give", username=owner.username)
    return owner_id


# ---- users -----------------------------------------------------------------------------


def create_user(session: Session, actor: Actor, *, data: UserCreate) -> UserCreated:
    """Add a user with a fresh API token (admins only); the team is created when new."""
    if not actor.is_admin:
        raise Forbidden("auth.admin_only")
    if repository.user_by_username(session, data.username) is not None:
        raise Conflict("auth.user_taken", field="username", username=data.username)
    team = None
    if data.team:
        team = repository.team_by_name(session, data.team)
        if team is None:
            team = Team(name=data.team)
            session.add(team)
            session.flush()
    user = User(
        username=data.username, display_name=data.display_name or data.username, email=data.email,
        role=data.role, team_id=team.id if team else None, language=data.language, company=data.company,
        timezone=_checked_timezone(data.timezone),
    )  # fmt: skip
    session.add(user)
    session.flush()
    after = {"username": user.username, "role": user.role, "team": data.team}
    record_audit(session, actor, action="create", entity="user", entity_id=user.id, after=after)
    read = UserRead.model_validate(user).model_copy(update={"team": data.team})
    issued = tokens_service.issue_for_user(session, user.id, kind=TokenKind.API, name="first")
    return UserCreated(**read.model_dump(), api_token=issued.token)


def update_profile(session: Session, actor: Actor, *, data: ProfileUpdate) -> UserRead:
    """Change the acting user's display name, company, timezone or language, audited."""
    user = session.get_one(User, actor.user_id)
    changes = data.model_dump(exclude_none=True)
    if not changes:
        raise Invalid("accounts.profile_nothing")
    if "timezone" in changes:
        changes["timezone"] = _checked_timezone(changes["timezone"])
    before = {name: getattr(user, name) for name in changes}
    for name, value in changes.items():
        setattr(user, name, value)
    record_audit(session, actor, action="user.profile", entity="user", entity_id=user.id, before=before,
                 after=changes)
    session.flush()
    return UserRead.model_validate(user)


def sender_signature(session: Session, *, user_id: int | None, language: str) -> str:
    """How the user signs words to a client in ``language``: display name and company (GIFTWISE_COMPANY)."""
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        return signature("", get_settings().company, language)
    # A bare login name ("me", "li.na") is not a name to sign with; the company alone is better.
    name = "" if user.display_name in ("", user.username) else user.display_name
    return signature(name, user.company or get_settings().company, language)


def user_timezone(user: User | None) -> str:
    """The IANA timezone a user lives in: their own, else GIFTWISE_TIMEZONE."""
    return (user.timezone if user is not None else "") or get_settings().timezone


def _checked_timezone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid("accounts.timezone_unknown", field="timezone", timezone=name) from None
    return name


def find_user(session: Session, actor: Actor, *, ref: str) -> User:
    """The active user named by ``ref`` (username or id)."""
    _ = actor
    text = ref.strip()
    user = session.get(User, int(text)) if text.isdigit() else repository.user_by_username(session, text)
    if user is None or not user.active:
        raise NotFound("accounts.user_list_users_giftwise", text=text)
    return user


def list_users(session: Session, actor: Actor, *, limit: int = 50, offset: int = 0) -> Page[UserRead]:
    """The users the actor may see: everyone for an admin, the team for a manager, oneself for a rep."""
    rows, total = repository.list_users(session, visible_owner_ids(session, actor), limit=limit, offset=offset)
    return page_of(UserRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda row: UserRead.model_validate(row[0]).model_copy(update={"team": row[1]}))


def list_audit(
    session: Session,
    actor: Actor,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[AuditRead]:
    """Audit entries, newest first: all for an admin, the team's for a manager, one's own for a rep."""
    conditions: list[ColumnElement[bool]] = []
    users = visible_owner_ids(session, actor)
    if users is not None:
        conditions.append(AuditEntry.user_id.in_(users))
    if entity:
        conditions.append(AuditEntry.entity == entity)
    if entity_id is not None:
        conditions.append(AuditEntry.entity_id == entity_id)
    rows, total = repository.list_audit(session, conditions, limit=limit, offset=offset)
    return page_of(AuditRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda row: AuditRead.model_validate(row[0]).model_copy(update={"username": row[1]}))


def same_book_owner_ids(session: Session, owner_id: int) -> list[int]:
    """Owners whose contacts share one book with ``owner_id``'s: their team (or everyone in no team).

    Duplicates are looked for only there, so adding a contact never tells whether an email or
    phone is in another team's book.
    """
    owner = session.get(User, owner_id)
    return repository.team_member_ids(session, owner.team_id if owner else None)


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
