"""Terminal commands for disputes: open, advice, draft, resolve, close, list (services imported inside)."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape

from giftwise.contacts.cli import emit_listed_for_contact
from giftwise.core.cli_support import (
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    parse_options,
)
from giftwise.core.i18n import msg

disputes_app = typer.Typer(help="Settle a client's claim by value, not by argument.", no_args_is_help=True)

DISPUTE_COLUMNS = ["id", "shipment_id", "contact_id", "claim_kind", "claim_quantity", "status", "recommended",
                   "resolution", "cost_total", "opened_on", "outcome", "reorder_value"]
ROUTE_HELP = "Resend route: express, air-mail, sea, domestic, next-order (shipping_routes.json)."


def _options(
    route: str | None, shipping_cost: str | None, surprise: str | None, surprise_quantity: int | None,
    surprise_cost: str | None, lifetime_value: str | None,
) -> dict[str, Any]:
    values: dict[str, Any] = {"route": route, "shipping_cost": shipping_cost, "surprise_quantity": surprise_quantity,
                              "surprise_unit_cost": surprise_cost, "lifetime_value": lifetime_value}
    if surprise is not None:
        values["surprise_item_id" if surprise.isdigit() else "surprise_sku"] = surprise
    return {k: v for k, v in values.items() if v is not None}


RouteOption = typer.Option(None, "--route", help=ROUTE_HELP)
ShippingOption = typer.Option(None, "--shipping-cost", help="The resend's shipping, if you know it exactly.")
SurpriseOption = typer.Option(None, "--surprise", help="Catalog sku (or id) of the samples to add as a surprise.")
SurpriseQtyOption = typer.Option(None, "--surprise-quantity", help="How many samples (default 3).")
SurpriseCostOption = typer.Option(None, "--surprise-cost", help="What one sample costs us (default: its price).")
LifetimeOption = typer.Option(None, "--lifetime-value",
                              help="The client's expected lifetime value, if you'd rather enter it.")


def _show(session: Any, dispute: Any, fmt: OutputFormat) -> None:
    from giftwise.disputes.service import dispute_read

    emit(dispute_read(session, dispute), fmt)


@disputes_app.command("open")
def open_(
    shipment_id: int = typer.Argument(..., help="The parcel the claim is about."),
    claim: str = typer.Option(..., "--claim", help="short, damaged, wrong-colour, wrong-item or other."),
    quantity: int = typer.Option(..., "--quantity", "-q", help="How many units the claim concerns."),
    line: int = typer.Option(None, "--line", help="The parcel line concerned (default: its largest line)."),
    words: str = typer.Option(None, "--words", help="The client's own words."),
    text: str = typer.Option(None, "--text", help="Your summary of the claim."),
    hours: str = typer.Option(None, "--hours", help="Hours already spent on it."),
    route: str = RouteOption, shipping_cost: str = ShippingOption, surprise: str = SurpriseOption,
    surprise_quantity: int = SurpriseQtyOption, surprise_cost: str = SurpriseCostOption,
    lifetime_value: str = LifetimeOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Open a dispute on a shipped parcel; the complaint is logged in the ledger."""
    from giftwise.disputes.schemas import DisputeOpen
    from giftwise.disputes.service import open_dispute

    with cli_unit() as (session, actor):
        data = parse_options(DisputeOpen, shipment_id=shipment_id, claim=claim.strip().lower(), quantity=quantity,
                             line_id=line, client_words=words, claim_text=text, hours_spent=hours,
                             **_options(route, shipping_cost, surprise, surprise_quantity, surprise_cost,
                                        lifetime_value))
        _show(session, open_dispute(session, actor, data=data), fmt)


@disputes_app.command("advice")
def advice(
    dispute_id: int = typer.Argument(..., help="Dispute id."),
    route: str = RouteOption, shipping_cost: str = ShippingOption, surprise: str = SurpriseOption,
    surprise_quantity: int = SurpriseQtyOption, surprise_cost: str = SurpriseCostOption,
    lifetime_value: str = LifetimeOption,
    language: str = typer.Option(None, "--language", help="zh or en (default: your language)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """What settling costs (resend, surprise, credit, arguing) against profit and lifetime value, and what to do."""
    from giftwise.core.i18n import normalize_language
    from giftwise.disputes.schemas import DisputeOptions
    from giftwise.disputes.service import advise, choose_options

    with cli_unit() as (session, actor):
        options = parse_options(DisputeOptions, **_options(route, shipping_cost, surprise, surprise_quantity,
                                surprise_cost, lifetime_value))
        if options.model_fields_set:
            reading = choose_options(session, actor, dispute_id=dispute_id, options=options)
        else:
            reading = advise(session, actor, dispute_id=dispute_id)
        lang = normalize_language(language or actor.language)
    if fmt is OutputFormat.json:
        emit(reading, fmt)
        return
    console.print(f"[bold]{reading.recommended_label[lang]}[/]", highlight=False)
    for sentence in reading.explanation[lang]:
        console.print(f"• {sentence}", highlight=False)
    from giftwise.core.amounts import money

    options_shown = [{**o.model_dump(), "cost": money(o.cost, reading.currency)} for o in reading.options]
    emit(options_shown, fmt, ["resolution", f"label_{lang}", "cost"])


@disputes_app.command("draft")
def draft(
    dispute_id: int = typer.Argument(..., help="Dispute id."),
    resolution: str = typer.Option(None, "--resolution", help="resend, resend_surprise, partial_credit or hold_firm "
                                                               "(default: the chosen or recommended one)."),
    language: str = typer.Option(None, "--language", help="zh or en (default: the client's language)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Draft a calm reply in the client's language: our checks, the resolution, the surprise."""
    from giftwise.disputes.service import draft_reply

    with cli_unit() as (session, actor):
        reply = draft_reply(session, actor, dispute_id=dispute_id, resolution=resolution, language=language)
    if fmt is OutputFormat.json:
        emit(reply, fmt)
        return
    console.print(reply.text, highlight=False)
    if not reply.calm:
        console.print(f"[yellow]{escape(msg('disputes.words_argue', words=', '.join(reply.flagged_words)))}[/]")


@disputes_app.command("resolve")
def resolve(
    dispute_id: int = typer.Argument(..., help="Dispute id."),
    resolution: str = typer.Option(None, "--resolution", help="resend, resend_surprise, partial_credit or hold_firm "
                                                               "(default: the recommended one)."),
    credit: str = typer.Option(None, "--credit", help="Credit amount for partial_credit (default: the advice's)."),
    note: str = typer.Option(None, "--note", help="Why this resolution."),
    route: str = RouteOption, shipping_cost: str = ShippingOption, surprise: str = SurpriseOption,
    surprise_quantity: int = SurpriseQtyOption, surprise_cost: str = SurpriseCostOption,
    lifetime_value: str = LifetimeOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Carry out the resolution: resend parcel, surprise gift, credit, follow-up touches."""
    from giftwise.disputes.schemas import ResolveIn
    from giftwise.workflows.dispute_steps import resolve as resolve_dispute

    with cli_unit() as (session, actor):
        data = parse_options(ResolveIn, resolution=resolution, credit_amount=credit, note=note,
                             **_options(route, shipping_cost, surprise, surprise_quantity, surprise_cost,
                                        lifetime_value))
        result = resolve_dispute(session, actor, dispute_id=dispute_id, data=data)
    if fmt is OutputFormat.json:
        emit(result, fmt)
        return
    emit(result.dispute.model_dump(), fmt)
    console.print(msg("disputes.resolved_summary", parcel=result.resend_shipment_id or "-", gift=result.gift_id or "-",
                      touches=", ".join(map(str, result.touch_ids))), highlight=False)


@disputes_app.command("close")
def close(
    dispute_id: int = typer.Argument(..., help="Dispute id."),
    outcome: str = typer.Option(None, "--outcome", help="reordered, lost or quiet (default: reordered if an order "
                                                         "came in since the resolution, else quiet)."),
    note: str = typer.Option(None, "--note", help="What came of it."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Close a resolved dispute with what came of it."""
    from giftwise.disputes.schemas import CloseIn
    from giftwise.workflows.dispute_steps import close as close_dispute

    with cli_unit() as (session, actor):
        data = parse_options(CloseIn, outcome=outcome, note=note)
        _show(session, close_dispute(session, actor, dispute_id=dispute_id, data=data), fmt)


@disputes_app.command("show")
def show(dispute_id: int = typer.Argument(..., help="Dispute id."), fmt: OutputFormat = FormatOption) -> None:
    """Show a dispute with the evidence held and any reorder since."""
    from giftwise.disputes.service import get_dispute

    with cli_unit() as (session, actor):
        _show(session, get_dispute(session, actor, dispute_id=dispute_id), fmt)


@disputes_app.command("list")
def list_(
    status: str = typer.Option(None, "--status", help="open, resolved or closed."),
    contact: str = typer.Option(None, "--contact", help="Only this client (id, e-mail or name)."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List disputes, newest first, with their cost and later outcome."""
    from giftwise.disputes import service

    emit_listed_for_contact(fmt, DISPUTE_COLUMNS, service.list_disputes, contact, status=status, limit=limit,
                            offset=offset)


def register(root: typer.Typer) -> None:
    """Add ``disputes`` to the root ``giftwise`` app."""
    root.add_typer(disputes_app, name="disputes")
