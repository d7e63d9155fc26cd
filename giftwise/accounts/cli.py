"""Terminal commands for users, the audit trail and privacy (export, erasure)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    fail,
    parse_options,
    print_json,
)

users_app = typer.Typer(help="Users: reps, managers and admins, and their API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail: who changed what, and when.", no_args_is_help=True)
privacy_app = typer.Typer(help="A person's data: export everything held about them, or erase it.", no_args_is_help=True)

USER_COLUMNS = ["id", "username", "display_name", "role", "team", "language", "active"]
AUDIT_COLUMNS = ["id", "at", "username", "action", "entity", "entity_id"]


def register(root: typer.Typer) -> None:
    """Add the ``users``, ``audit`` and ``privacy`` command groups to the root ``giftwise`` app."""
    root.add_typer(users_app, name="users")
    root.add_typer(audit_app, name="audit")
    root.add_typer(privacy_app, name="privacy")


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


@privacy_app.command("export")
def privacy_export(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    output: str = typer.Option(None, "--output", "-o", help="Write the JSON to this file instead of the screen."),
) -> None:
    """Print everything held about a person as JSON: contact, notes, facts, gifts, touches, outcomes..."""
    import json
    from pathlib import Path

    from giftwise.accounts.privacy import privacy_export as export_data
    from giftwise.contacts.service import resolve_contact

    with cli_unit() as (session, actor):
        data = export_data(session, actor, contact_id=resolve_contact(session, actor, ref=contact).id)
    if output is None:
        print_json(data)
        return
    target = Path(output)
    if not target.parent.exists():
        raise fail(f"The folder {target.parent} does not exist; create it or choose another path.", 2)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    _say("accounts.privacy_exported", path=str(target))


@privacy_app.command("erase")
def privacy_erase(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    yes: bool = typer.Option(False, "--yes", help="Confirm: erasing cannot be undone."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Erase a person: the contact and all personal data about them; the audit keeps only that it happened."""
    from giftwise.accounts.privacy import erase_contact
    from giftwise.contacts.service import resolve_contact

    if not yes:
        raise fail("Erasing deletes the contact and everything about them for good; add --yes to confirm.", 2)
    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        report = erase_contact(session, actor, contact_id=target.id)
    if fmt is OutputFormat.json:
        emit(report, fmt)
    else:
        _say("accounts.erased", id=report.contact_id, rows=sum(report.deleted.values()))
