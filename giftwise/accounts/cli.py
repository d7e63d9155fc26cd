"""Terminal commands for users and the audit trail."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    parse_options,
)

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
        secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
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

    with cli_unit() as (session, actor):
        page = list_users(session, actor, limit=limit, offset=offset)
    emit(page, fmt, USER_COLUMNS)


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

    with cli_unit() as (session, actor):
        page = list_audit(session, actor, entity=entity, entity_id=entity_id, limit=limit, offset=offset)
    emit(page, fmt, AUDIT_COLUMNS)
