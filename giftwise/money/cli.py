"""Terminal commands for the money domain (services are imported inside commands).

giftwise rates set USD 7.12 [--quote CNY --from 2026-12-01] | list | convert 100 USD [--to CNY --on DAY]
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, emit, parse_options

rates_app = typer.Typer(help="Exchange rates by day: every total converts into the base currency.",
                        no_args_is_help=True)
RATE_COLUMNS = ["currency", "quote", "rate", "valid_from", "source"]


def register(root: typer.Typer) -> None:
    """Add the ``rates`` command group to the root ``giftwise`` app."""
    root.add_typer(rates_app, name="rates")


@rates_app.command("set")
def rate_set(
    currency: str = typer.Argument(..., help="The currency priced, e.g. USD."),
    rate: Decimal = typer.Argument(..., help="How many units of the quote currency one unit buys, e.g. 7.12."),
    quote: str = typer.Option(None, "--quote", help="In what currency (default: the base currency)."),
    valid_from: datetime = typer.Option(None, "--from", formats=["%Y-%m-%d"], help="From this day on (default today)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Set an exchange rate from a day on (managers and admins)."""
    from giftwise.money.schemas import RateSet
    from giftwise.money.service import set_rate

    values = {"currency": currency.upper(), "quote": quote.upper() if quote else None, "rate": rate,
              "valid_from": valid_from.date() if valid_from else None}
    with cli_unit() as (session, actor):
        saved = set_rate(session, actor, data=parse_options(RateSet, **values))
    emit([saved], fmt, RATE_COLUMNS)


@rates_app.command("list")
def rate_list(
    shipped: bool = typer.Option(True, "--shipped/--own", help="Include the shipped indicative rates."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the rates in force: the ones set (every dated step), then the shipped ones."""
    from giftwise.money.service import list_rates

    with cli_unit() as (session, _actor):
        rows = list_rates(session, shipped=shipped)
    emit(rows, fmt, RATE_COLUMNS)


@rates_app.command("convert")
def rate_convert(
    amount: Decimal = typer.Argument(..., help="The amount, e.g. 100."),
    currency: str = typer.Argument(..., help="Its currency, e.g. USD."),
    to: str = typer.Option(None, "--to", help="Into this currency (default: the base currency)."),
    on: datetime = typer.Option(None, "--on", formats=["%Y-%m-%d"], help="With the rate of this day (default today)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Convert an amount with the rate of a day."""
    from giftwise.money.service import convert

    with cli_unit() as (session, _actor):
        result = convert(session, amount=amount, currency=currency, to=to, on=on.date() if on else None)
    emit([result], fmt, ["amount", "currency", "converted", "to", "on", "rate"])
