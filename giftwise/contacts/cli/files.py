"""``giftwise contacts import`` and ``export``: files in and out, with a progress bar on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_errors, console, emit, err_console, fail
from giftwise.core.i18n import msg


def register(contacts_app: typer.Typer) -> None:
    """Add ``import`` and ``export`` to the ``contacts`` group."""
    contacts_app.command("import")(contacts_import)
    contacts_app.command("export")(contacts_export)


def _say(key: str, **values: Any) -> None:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    console.print(t(key, get_settings().language, **values), highlight=False, soft_wrap=True)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise fail(msg("contacts.file_does_exist_check", path=path), 2)
    if path.is_dir():
        raise fail(msg("contacts.folder_give_contact_file", path=path), 2)
    return path.read_bytes()


def contacts_import(
    path: Path = typer.Argument(..., help="A .csv (UTF-8 or GBK), .xlsx or .vcf (vCard 3/4) file."),
    file_type: str = typer.Option(None, "--type", help="csv, xlsx or vcf when the extension does not say."),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid", help="Import the valid rows and report the rejected ones (default: import nothing)."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Import contacts from a file, all or nothing; re-importing the same file changes nothing.

    New rows are added; known people (same email, phone, or name in the organization) are updated.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from giftwise.accounts.service import actor_for_cli
    from giftwise.core.db import unit_of_work
    from giftwise.workflows.contact_steps import import_file

    content = _read(path)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with cli_errors(), Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(path.name, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        with unit_of_work() as session:
            report = import_file(
                session, actor_for_cli(session), content=content, filename=path.name, file_format=file_type,
                skip_invalid=skip_invalid, progress=advance,
            )  # fmt: skip
    if fmt is OutputFormat.json:
        emit(report, fmt)
    else:
        for row in report.rejected:
            err_console.print(f"[yellow]line {row.line}:[/] {row.reason}", highlight=False, soft_wrap=True)
        if report.applied:
            _say(
                "contacts.imported", file=path.name, created=report.created, updated=report.updated,
                unchanged=report.unchanged, organizations=report.organizations_created,
                rejected=len(report.rejected),
            )  # fmt: skip
    if not report.applied:
        raise fail(
            msg("contacts.rows_rejected_nothing_imported", count=len(report.rejected), rows=report.rows),
            2,
        )


def contacts_export(
    path: Path = typer.Argument(..., help="File to write: .csv, .xlsx or .vcf."),
    file_type: str = typer.Option(None, "--type", help="csv, xlsx or vcf when the extension does not say."),
    vcard_version: str = typer.Option("4.0", "--vcard-version", help="3.0 or 4.0 for .vcf files."),
    search: str = typer.Option(None, "--search", "-s", help="Only contacts matching this text."),
    org: str = typer.Option(None, "--org", "-o", help="Only this organization (id or exact name)."),
    show_all: bool = typer.Option(False, "--all", help="Archived contacts too."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Export the contacts you may see as CSV (UTF-8, opens in Excel), XLSX or vCard."""
    from giftwise.contacts.files import detect_format
    from giftwise.contacts.files_service import export_contacts
    from giftwise.contacts.schemas import ContactFilter
    from giftwise.contacts.service import find_organization
    from giftwise.core.cli_support import cli_unit

    if not path.parent.exists():
        raise fail(msg("contacts.folder_does_exist_create", parent=path.parent), 2)
    with cli_unit() as (session, actor):
        file_format = detect_format(path.name, file_type)
        organization_id = find_organization(session, actor, ref=org).id if org else None
        filters = ContactFilter(q=search, organization_id=organization_id, archived=None if show_all else False)
        exported = export_contacts(
            session, actor, file_format=file_format, filters=filters, vcard_version=vcard_version
        )
    path.write_bytes(exported.content)
    if fmt is OutputFormat.json:
        emit({"path": str(path), "format": file_format, "contacts": exported.count}, fmt)
    else:
        _say("contacts.exported", count=exported.count, path=str(path))
