"""Terminal commands for the ledger's questions (services are imported inside commands, so the CLI starts fast)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit
from giftwise.core.i18n import Label, msg
from giftwise.ledger.cli import write_file

ledger_app = typer.Typer(help="What each relationship and campaign costs and returns; when to stop.")

BOOK_COLUMNS = ["field", "value"]
DRAIN_COLUMNS = ["contact_id", "name", "action", "pattern", "suggestion"]
ROI_COLUMNS = ["value", "gifts", "spent", "attributed_value", "roi", "return_rate", "refusal_rate"]


@ledger_app.command("show")
def ledger_show(
    contact_id: int = typer.Option(None, "--contact", help="One contact's books."),
    campaign_id: int = typer.Option(None, "--campaign", help="One campaign's books."),
    since: datetime = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="First day."),
    until: datetime = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Last day (default today)."),
    window: int = typer.Option(None, "--window", help="Attribution window in days (default from the rule file)."),
    share: float = typer.Option(None, "--share", help="Attributed share of each order, 0..1 (default 0.5)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Money, time and friction against replies, meetings, orders and referrals, with ROI and its rule."""
    from giftwise.analytics.service import campaign_books, contact_books
    from giftwise.core.errors import Invalid

    with cli_unit() as (session, actor):
        rule = _rule(window, share)
        period = {"since": since.date() if since else None, "until": until.date() if until else None}
        if (contact_id is None) == (campaign_id is None):
            raise Invalid("analytics.give_either_contact_campaign")
        if contact_id is not None:
            books = contact_books(session, actor, contact_id=contact_id, rule=rule, **period)
        else:
            books = campaign_books(session, actor, campaign_id=campaign_id, rule=rule, **period)
    emit(books if fmt is OutputFormat.json else _priced(books.model_dump(), books.currency), fmt, title=books.subject)


@ledger_app.command("drains")
def ledger_drains(
    months: int = typer.Option(None, "--months", help="Look at the last N months (default 6)."),
    touches: int = typer.Option(None, "--touches", help="Look at the last N touches instead."),
    contact_id: int = typer.Option(None, "--contact", help="Only this contact."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Relationships that drain: investment rising while nothing comes back, or gifts coming back."""
    from giftwise.analytics.service import draining_relationships

    with cli_unit() as (session, actor):
        drains = draining_relationships(session, actor, months=months, touches=touches, contact_id=contact_id)
    emit(drains, fmt, DRAIN_COLUMNS, title="draining relationships")


@ledger_app.command("roi")
def ledger_roi(
    by: str = typer.Option("kind", "--by", help="kind (care vs token), category, occasion or campaign."),
    since: datetime = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="First day."),
    until: datetime = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Last day."),
    window: int = typer.Option(None, "--window", help="Attribution window in days."),
    share: float = typer.Option(None, "--share", help="Attributed share of each order, 0..1."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """ROI and return/refusal rates by gift kind, item category, occasion or campaign."""
    from giftwise.analytics.service import roi_report

    with cli_unit() as (session, actor):
        report = roi_report(session, actor, by=by, since=since.date() if since else None,
                            until=until.date() if until else None, rule=_rule(window, share))
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    from giftwise.money.service import base_currency

    rows = [_priced(row.model_dump(), base_currency()) for row in report.rows]
    emit(rows, fmt, ROI_COLUMNS, title=msg("analytics.roi_title", by=Label("column", report.by)))
    console.print(report.attribution_rule, highlight=False, markup=False)


def _priced(row: dict[str, Any], currency: str) -> dict[str, Any]:
    # A table shows every amount with its currency (JSON keeps numbers and a currency field).
    from giftwise.core.amounts import money

    return {key: money(value, currency) if isinstance(value, Decimal) else value for key, value in row.items()}


@ledger_app.command("chart")
def ledger_chart(
    kind: str = typer.Argument("spend", help="spend (spend vs returns by month) or roi (ROI by gift kind)."),
    contact_id: int = typer.Option(None, "--contact", help="Only this contact (spend chart)."),
    campaign_id: int = typer.Option(None, "--campaign", help="Only this campaign (spend chart)."),
    months: int = typer.Option(12, "--months", help="How many months back (spend chart)."),
    out: Path = typer.Option(None, "--out", help="File to write (.png or .svg); default ledger-KIND.png."),
) -> None:
    """Draw spend vs returns over time, or ROI by gift kind, as PNG or SVG."""
    from giftwise.analytics.service import ledger_chart as draw

    target = out or Path(f"ledger-{kind}.png")
    with cli_unit() as (session, actor):
        data = draw(session, actor, kind=kind, fmt=target.suffix or "png", contact_id=contact_id,
                    campaign_id=campaign_id, months=months)
    write_file(target, data)


@ledger_app.command("export")
def ledger_export(
    sheet: str = typer.Argument(..., help="strategy (who, what, why, when), budget or followups."),
    campaign_id: int = typer.Option(None, "--campaign", help="One campaign (required for budget)."),
    out: Path = typer.Option(None, "--out", help="File to write; default SHEET.xlsx."),
) -> None:
    """Export the gift strategy list, the budget sheet or the follow-up tracking sheet as XLSX."""
    from giftwise.analytics.sheets_service import export_sheet

    target = out or Path(f"{sheet}.xlsx")
    with cli_unit() as (session, actor):
        data = export_sheet(session, actor, sheet=sheet, campaign_id=campaign_id)
    write_file(target, data)


def _rule(window: int | None, share: float | None) -> Any:
    from giftwise.core.errors import Invalid
    from giftwise.ledger.attribution import load_rule, with_overrides

    if window is not None and not 1 <= window <= 730:
        raise Invalid("analytics.window_between_days", field="window")
    if share is not None and not 0 <= share <= 1:
        raise Invalid("analytics.share_between", field="share")
    return with_overrides(load_rule(), window_days=window, share=share)


def register(root: typer.Typer) -> None:
    """Add the ``ledger`` command group to the root ``giftwise`` app."""
    root.add_typer(ledger_app, name="ledger")
