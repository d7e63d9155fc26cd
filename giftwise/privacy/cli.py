"""Terminal commands for a person's data: export it, or erase it (services are imported inside the commands, so
the CLI starts fast)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit, fail, print_json
from giftwise.core.i18n import msg

privacy_app = typer.Typer(help="A person's data: export everything held about them, or erase it.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add the ``privacy`` command group to the root ``giftwise`` app."""
    root.add_typer(privacy_app, name="privacy")


@privacy_app.command("export")
def privacy_export(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    output: str = typer.Option(None, "--output", "-o", help="Write the JSON to this file instead of the screen."),
) -> None:
    """Print everything held about a person as JSON: contact, notes, facts, gifts, touches, outcomes..."""
    import json
    from pathlib import Path

    from giftwise.contacts.service import resolve_contact
    from giftwise.privacy.service import privacy_export as export_data

    with cli_unit() as (session, actor):
        data = export_data(session, actor, contact_id=resolve_contact(session, actor, ref=contact).id)
    if output is None:
        print_json(data)
        return
    target = Path(output)
    if not target.parent.exists():
        raise fail(msg("privacy.folder_does_exist_create", parent=target.parent), 2)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    _say("accounts.privacy_exported", path=str(target))


@privacy_app.command("erase")
def privacy_erase(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    yes: bool = typer.Option(False, "--yes", help="Confirm: erasing cannot be undone."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Erase a person: the contact and all personal data about them; the audit keeps only that it happened."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.privacy.service import erase_contact

    if not yes:
        raise fail(msg("privacy.erasing_deletes_contact_everything"), 2)
    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        report = erase_contact(session, actor, contact_id=target.id)
    if fmt is OutputFormat.json:
        emit(report, fmt)
    else:
        _say("accounts.erased", id=report.contact_id, rows=sum(report.deleted.values()))


def _say(key: str, **values: object) -> None:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    console.print(t(key, get_settings().language, **values), highlight=False, soft_wrap=True)
