"""Terminal commands for users and the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    ask_password,
    cli_unit,
    console,
    emit,
    emit_listed,
    parse_options,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from giftwise.accounts.schemas import TokenIssued
    from giftwise.core.actor import Actor

users_app = typer.Typer(help="Users: reps, managers and admins, and their API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail: who changed what, and when.", no_args_is_help=True)

USER_COLUMNS = ["id", "username", "display_name", "role", "team", "language", "active"]
AUDIT_COLUMNS = ["id", "at", "username", "action", "entity", "entity_id"]


def register(root: typer.Typer) -> None:
    """Add the ``users`` and ``audit`` command groups to the root ``giftwise`` app."""
    root.add_typer(users_app, name="users")
    root.add_typer(audit_app, name="audit")


def _say(key: str, **values: object) -> None:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    console.print(t(key, get_settings().language, **values), highlight=False, soft_wrap=True)


@users_app.command("add")
def user_add(
    username: str = typer.Argument(..., help="Login name, e.g. li.na"),
    role: str = typer.Option("rep", help="rep (own book), manager (the team's book) or admin (everything)."),
    team: str = typer.Option(None, help="Team name; created when new."),
    display_name: str = typer.Option(None, "--name", help="Name shown to others."),
    email: str = typer.Option(None, help="Email address for the daily digest."),
    language: str = typer.Option("zh", help="zh or en."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add a user and print their API token (shown only this once)."""
    from giftwise.accounts.schemas import UserCreate
    from giftwise.accounts.service import create_user

    values = {"username": username, "role": role, "team": team, "display_name": display_name}
    values |= {"email": email, "language": language}
    with cli_unit() as (session, actor):
        data = parse_options(UserCreate, **values)
        user = create_user(session, actor, data=data)
    if fmt is OutputFormat.json:
        emit(user, fmt)
    else:
        _say("accounts.user_added", username=user.username, role=user.role, token=user.api_token)


@users_app.command("password")
def user_password(
    username: str = typer.Argument(None, help="Whose password (default: yourself); admins may set anyone's."),
    password: str = typer.Option(None, "--password", help="The new password (asked for when omitted)."),
) -> None:
    """Set a password for signing in to the web app."""
    from giftwise.accounts.service import set_password

    with cli_unit() as (session, actor):
        secret = password or ask_password()
        user = set_password(session, actor, ref=username or actor.username, password=secret)
    _say("auth.password_set", username=user.username)


@users_app.command("me")
def user_me(
    display_name: str = typer.Option(None, "--name", help="The name you sign with, e.g. '张伟 (Zhang Wei)'."),
    company: str = typer.Option(None, help="The company you sign for, e.g. '宏远贸易 (Hongyuan Trading)'."),
    timezone: str = typer.Option(None, help="Your timezone, e.g. Asia/Shanghai: your today, agenda and digest hour."),
    language: str = typer.Option(None, help="zh or en."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Change how you sign to clients, your timezone or your language."""
    from giftwise.accounts.schemas import ProfileUpdate
    from giftwise.accounts.service import update_profile

    values = {"display_name": display_name, "company": company, "timezone": timezone, "language": language}
    with cli_unit() as (session, actor):
        user = update_profile(session, actor, data=parse_options(ProfileUpdate, **values))
    emit(user, fmt, [*USER_COLUMNS, "company", "timezone"])


@users_app.command("list")
def user_list(
    limit: int = typer.Option(50, min=1, max=500, help="How many to show."),
    offset: int = typer.Option(0, min=0, help="How many to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the users you may see."""
    from giftwise.accounts.service import list_users

    emit_listed(fmt, USER_COLUMNS, list_users, limit=limit, offset=offset)


@audit_app.command("list")
def audit_list(
    entity: str = typer.Option(None, help="Only this kind of thing, e.g. contact or user."),
    entity_id: int = typer.Option(None, "--id", help="Only this thing's id."),
    limit: int = typer.Option(50, min=1, max=500, help="How many to show."),
    offset: int = typer.Option(0, min=0, help="How many to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the audit trail, newest first."""
    from giftwise.accounts.service import list_audit

    emit_listed(fmt, AUDIT_COLUMNS, list_audit, entity=entity, entity_id=entity_id, limit=limit, offset=offset)


tokens_app = typer.Typer(help="Your API and calendar tokens: list, create, revoke, rotate.", no_args_is_help=True)
users_app.add_typer(tokens_app, name="tokens")
TOKEN_COLUMNS = ["id", "kind", "name", "prefix", "created_at", "expires_at", "revoked_at"]


def _user_id(session: Session, actor: Actor, user: str | None) -> int | None:
    from giftwise.accounts.service import find_user

    return find_user(session, actor, ref=user).id if user else None


@tokens_app.command("list")
def tokens_list(
    user: str = typer.Option(None, "--user", help="Whose tokens (admins); default yourself."),
    ended: bool = typer.Option(False, "--all", help="Also expired and revoked ones."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List tokens by prefix (never their secrets), newest first."""
    from giftwise.accounts.tokens_service import list_tokens

    with cli_unit() as (session, actor):
        found = list_tokens(session, actor, user_id=_user_id(session, actor, user), include_ended=ended)
    emit(found, fmt, TOKEN_COLUMNS)


@tokens_app.command("create")
def tokens_create(
    kind: str = typer.Option("api", "--kind", help="api (the REST API) or calendar (a calendar feed address)."),
    name: str = typer.Option("", "--name", help="A name to recognise it by, e.g. 'laptop script'."),
    days: int = typer.Option(None, "--days", help="Lifetime in days (default 90 for api, 365 for calendar)."),
    user: str = typer.Option(None, "--user", help="For whom (admins); default yourself."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Create a token and print its secret (shown only this once)."""
    from giftwise.accounts.schemas import TokenCreate
    from giftwise.accounts.tokens import TokenKind
    from giftwise.accounts.tokens_service import issue_token

    with cli_unit() as (session, actor):
        data = parse_options(TokenCreate, kind=kind, name=name, days=days)
        issued = issue_token(session, actor, kind=TokenKind(data.kind), user_id=_user_id(session, actor, user),
                             name=data.name, days=data.days)
    _show_issued(issued, fmt)


@tokens_app.command("revoke")
def tokens_revoke(token_id: int = typer.Argument(..., help="The token's id (see 'tokens list').")) -> None:
    """Revoke a token: it stops working at once."""
    from giftwise.accounts.tokens_service import revoke_token

    with cli_unit() as (session, actor):
        gone = revoke_token(session, actor, token_id=token_id)
    _say("auth.token_revoked", id=gone.id, prefix=gone.prefix)


@tokens_app.command("rotate")
def tokens_rotate(
    token_id: int = typer.Argument(..., help="The token's id (see 'tokens list')."),
    days: int = typer.Option(None, "--days", help="Lifetime of the new token in days."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Replace a token by a new secret; the old one stops working."""
    from giftwise.accounts.tokens_service import rotate_token

    with cli_unit() as (session, actor):
        issued = rotate_token(session, actor, token_id=token_id, days=days)
    _show_issued(issued, fmt)


def _show_issued(issued: TokenIssued, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        emit(issued, fmt)
        return
    _say("auth.token_issued", kind=issued.kind, prefix=issued.prefix, expires=f"{issued.expires_at:%Y-%m-%d}",
         token=issued.token)


@users_app.command("sign-in-link")
def user_sign_in_link(
    username: str = typer.Argument(None, help="For whom (admins); default yourself."),
) -> None:
    """Print a one-time link that signs in to the web app (for a person without a password yet)."""
    from giftwise.accounts.service import find_user
    from giftwise.accounts.tokens_service import sign_in_link

    with cli_unit() as (session, actor):
        target = find_user(session, actor, ref=username) if username else None
        url, minutes = sign_in_link(session, actor, user_id=target.id if target else None)
    _say("auth.sign_in_link", url=url, minutes=minutes)
