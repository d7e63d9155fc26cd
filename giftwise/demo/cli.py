"""Terminal commands for the demo domain (services are imported inside commands)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, console, emit, err_console


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command("demo")(demo)


def demo(
    seed: int = typer.Option(None, "--seed", help="Seed of the generated book (default: the standard demo)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Load the bilingual demo book: catalog, a team of colleagues, 30+ organizations, 150+ contacts, notes.

    Running it again adds nothing that is already there.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from giftwise.core.cli_support import cli_unit
    from giftwise.demo.book import DEMO_SEED
    from giftwise.demo.service import load_demo

    chosen = DEMO_SEED if seed is None else seed
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with cli_unit() as (session, actor), Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("Loading the demo book", total=None)
        summary = load_demo(
            session, actor, seed=chosen,
            progress=lambda done, total, what: bar.update(task, completed=done, total=total, description=what[:40]),
        )
    if fmt is OutputFormat.json:
        emit(summary, fmt)
        return
    console.print(
        f"Demo book (seed {summary.seed}): {summary.contacts_created} contacts and {summary.notes_created} notes "
        f"added ({summary.contacts_already_there} already there), {summary.organizations_created} organizations, "
        f"catalog of {summary.catalog_items} items ({summary.catalog_created} new)."
    )
    for colleague in summary.colleagues_created:
        console.print(
            f"Colleague [bold]{colleague.username}[/] ({colleague.role}) added; act as them with "
            f"GIFTWISE_LOCAL_USER={colleague.username} or the API header 'Authorization: Bearer {colleague.api_token}'."
        )
