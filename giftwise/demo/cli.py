"""Terminal commands for the demo domain (services are imported inside commands)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, console, emit, err_console


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command("demo")(demo)


def _progress_label() -> str:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    return t("demo.progress", get_settings().language)


def demo(
    seed: int = typer.Option(None, "--seed", help="Seed of the generated book (default: the standard demo)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Load the bilingual demo book: catalog, a team, 30+ organizations, 150+ contacts, notes and a year of history.

    Running it again adds nothing that is already there.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from giftwise.core.cli_support import cli_unit
    from giftwise.demo.book import DEMO_SEED
    from giftwise.demo.service import load_demo

    chosen = DEMO_SEED if seed is None else seed
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with cli_unit() as (session, actor), Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(_progress_label(), total=None)
        summary = load_demo(
            session, actor, seed=chosen,
            progress=lambda done, total, what: bar.update(task, completed=done, total=total, description=what[:40]),
        )
    if fmt is OutputFormat.json:
        emit(summary, fmt)
        return
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    language = get_settings().language
    console.print(
        t("demo.loaded", language, seed=summary.seed, contacts=summary.contacts_created, notes=summary.notes_created,
          existing=summary.contacts_already_there, organizations=summary.organizations_created,
          items=summary.catalog_items, new_items=summary.catalog_created),
        highlight=False,
    )
    if summary.history:
        counts = summary.history
        console.print(
            t("demo.history", language, gifts=counts.get("gifts", 0), touches=counts.get("touches_done", 0),
              outcomes=counts.get("outcomes", 0), campaigns=counts.get("campaigns", 0),
              disputes=counts.get("disputes", 0), promises=counts.get("promises", 0)),
            highlight=False,
        )
    for colleague in summary.colleagues_created:
        message = t("demo.colleague", language, username=colleague.username, role=colleague.role,
                    token=colleague.api_token)
        console.print(message, highlight=False, markup=False)
