"""Terminal commands for the recommend domain (services are imported inside commands).

``giftwise recommend --profile P.json --catalog C.json ...`` ranks a catalog for a portable
profile without a database (the eval's interface); ``giftwise recommend CONTACT`` does the same
for a stored contact; ``giftwise recommend --all --output FILE`` for the whole book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_errors
from giftwise.core.i18n import label, msg
from giftwise.core.settings import get_settings


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command(name="recommend")(recommend)


def recommend(
    contact: str = typer.Argument(None, help="Contact id, email or name (database mode); not with --profile or --all."),
    profile: Path = typer.Option(None, "--profile", help="A portable profile JSON file (file mode)."),
    catalog: Path = typer.Option(None, "--catalog", help="A portable catalog JSON file (default: the stored catalog)."),
    occasion: str = typer.Option("thank-you", "--occasion", help="thank-you, care, festival, congratulations, "
                                                                  "empathy or apology."),
    budget_max: float = typer.Option(None, "--budget-max", help="Highest price allowed, in --currency."),
    currency: str = typer.Option("CNY", "--currency", help="Currency of the budget (3 letters)."),
    as_of: str = typer.Option(None, "--as-of", help="Judge recency as of this date (YYYY-MM-DD; default today)."),
    top: int = typer.Option(10, "--top", min=1, help="How many recommendations to return."),
    all_contacts: bool = typer.Option(False, "--all", help="Rank the top N for every contact in the book."),
    output: Path = typer.Option(None, "--output", help="With --all: write CSV, XLSX or JSON (by extension)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Recommend gifts, best first, each with its reasons; excluded items say why."""
    with cli_errors():
        if profile is not None:
            _file_mode(profile, catalog, occasion, budget_max, currency, as_of, top, fmt)
            return
        from giftwise.recommend.cli.stored import recommend_all, recommend_contact

        if all_contacts:
            recommend_all(catalog, occasion, budget_max, currency, as_of, top, output, fmt)
        elif contact is not None:
            recommend_contact(contact, catalog, occasion, budget_max, currency, as_of, top, fmt)
        else:
            from giftwise.core.cli_support import fail

            raise fail(msg("recommend.name_contact_id_give"), 2)


def _file_mode(
    profile: Path, catalog: Path | None, occasion: str, budget_max: float | None, currency: str, as_of: str | None,
    top: int, fmt: OutputFormat,
) -> None:
    from giftwise.core.errors import Invalid
    from giftwise.recommend.files import recommend_from_files

    if catalog is None:
        raise Invalid("recommend.file_mode_needs_catalog", field="catalog")
    result = recommend_from_files(profile=profile, catalog=catalog, occasion=occasion, budget_max=budget_max,
                                  currency=currency, as_of=as_of, top=top)
    show(result, fmt, currency.upper())


def show(result: dict[str, Any], fmt: OutputFormat, currency: str) -> None:
    """Print a result as JSON, or as a readable table of recommendations and exclusions (prices in ``currency``)."""
    from giftwise.core.amounts import money
    from giftwise.core.cli_support import print_json

    if fmt is OutputFormat.json:
        print_json(result)
        return
    from rich.table import Table

    from giftwise.core.cli_support import console

    table = Table(title=result.get("title") or msg("cli.recommend.heading"), show_lines=True)
    language = get_settings().language
    for column in ("#", "item", "price", "score", "why"):
        table.add_column(label("column", column, language), overflow="fold")
    for rank, rec in enumerate(result["recommendations"], 1):
        flag = " ⚠" if rec.get("needs_approval") else ""
        table.add_row(str(rank), f"{rec['name']}\n[dim]{rec['item_id']}[/]{flag}",
                      money(rec.get("price"), currency), f"{rec['score']:.2f}",
                      "\n".join(f"• {r}" for r in rec["reasons"]))
    console.print(table)
    if result["excluded"]:
        excluded = Table(title=msg("cli.recommend.excluded"), show_lines=False)
        excluded.add_column(label("column", "item", language), overflow="fold")
        excluded.add_column(label("column", "reason", language), overflow="fold")
        for ex in result["excluded"]:
            excluded.add_row(ex["name"], ex["reason"])
        console.print(excluded)
