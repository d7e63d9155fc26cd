"""Terminal commands for the ledger domain (services are imported inside commands)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    emit_listed,
    fail,
    parse_options,
)
from giftwise.core.i18n import msg

outcomes_app = typer.Typer(help="Record and list what came back: replies, meetings, orders, returns...")

OUTCOME_COLUMNS = ["id", "on", "contact_id", "kind", "value", "currency", "gift_id", "campaign_id", "note"]


@outcomes_app.command("add")
def outcomes_add(
    contact_id: int = typer.Argument(..., help="The contact it came from."),
    kind: str = typer.Argument(..., help="reply, meeting, order, referral, complaint, return, refusal or silence."),
    value: str = typer.Option("0", "--value", help="Order or referral value (e.g. 12000)."),
    currency: str = typer.Option(None, "--currency", help="3-letter currency code (default: the gift's, or CNY)."),
    on: datetime = typer.Option(None, "--on", formats=["%Y-%m-%d"], help="Date (default today)."),
    gift_id: int = typer.Option(None, "--gift", help="The gift it answers."),
    touch_id: int = typer.Option(None, "--touch", help="The touch it came from."),
    campaign_id: int = typer.Option(None, "--campaign", help="The campaign it counts for."),
    note: str = typer.Option("", "--note", help="Free text."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record an outcome for a contact."""
    from giftwise.core.cli_support import cli_errors
    from giftwise.ledger.schemas import OutcomeCreate, OutcomeRead
    from giftwise.ledger.service import record_outcome

    with cli_errors():
        data = parse_options(
            OutcomeCreate,
            contact_id=contact_id, kind=kind, value=value, currency=currency, on=on.date() if on else None,
            gift_id=gift_id, touch_id=touch_id, campaign_id=campaign_id, note=note,
        )
    with cli_unit() as (session, actor):
        outcome = OutcomeRead.model_validate(record_outcome(session, actor, data=data))
    emit(outcome, fmt)


@outcomes_app.command("list")
def outcomes_list(
    contact_id: int = typer.Option(None, "--contact", help="Only this contact."),
    campaign_id: int = typer.Option(None, "--campaign", help="Only this campaign."),
    kind: str = typer.Option(None, "--kind", help="Only this kind."),
    since: datetime = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="First day."),
    until: datetime = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Last day."),
    limit: int = typer.Option(50, "--limit", help="How many."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List outcomes, newest first."""
    from giftwise.ledger.service import list_outcomes

    emit_listed(fmt, OUTCOME_COLUMNS, list_outcomes, contact_id=contact_id, campaign_id=campaign_id, kind=kind,
                since=since.date() if since else None, until=until.date() if until else None, limit=limit)


def write_file(path: Path, data: bytes) -> None:
    """Write a chart or export, with one clear line on failure."""
    try:
        path.write_bytes(data)
    except OSError as error:
        raise fail(msg("ledger.could_write_choose_another", path=path, strerror=error.strerror)) from None
    console.print(msg("ledger.wrote_file", path=path), highlight=False)


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.add_typer(outcomes_app, name="outcomes")
