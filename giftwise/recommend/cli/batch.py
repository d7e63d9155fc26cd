"""``giftwise recommend --all``: rank the whole book with a progress bar, then write or print the rows."""

from __future__ import annotations

from pathlib import Path

from giftwise.core.cli_support import OutputFormat, cli_unit, console, err_console, print_json, print_table
from giftwise.core.i18n import msg


def run_all(catalog: Path | None, occasion: str, budget_max: float | None, currency: str, as_of: str | None,
            top: int, output: Path | None, fmt: OutputFormat) -> None:
    """Recommend for every visible contact; write ``output`` (CSV/XLSX/JSON) or print the rows."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from giftwise.recommend.export import COLUMNS, check_output, write_rows
    from giftwise.recommend.service import recommend_all

    if output is not None:
        check_output(output)
    columns = (TextColumn("Ranking contacts"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar, cli_unit() as (session, actor):
        task = bar.add_task("rank", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        rows = recommend_all(session, actor, occasion=occasion, budget_max=budget_max, currency=currency,
                             as_of=as_of, top=top, catalog=catalog, progress=advance)
    if output is not None:
        write_rows(output, rows)
        contacts = len({r["contact_id"] for r in rows})
        console.print(msg("recommend.batch_written", rows=len(rows), contacts=contacts, path=output))
    elif fmt is OutputFormat.json:
        print_json(rows)
    else:
        print_table(rows, list(COLUMNS), title="Recommendations for the book")
