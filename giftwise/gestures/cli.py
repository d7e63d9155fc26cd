"""The ``giftwise plan-gestures`` command (services are imported inside the command, so the CLI starts fast)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit, parse_options
from giftwise.core.i18n import msg

GESTURE_COLUMNS = ["on", "occasion", "item_name", "cost", "why"]


def plan_gestures(
    contact: str = typer.Argument(..., help="The contact: id, e-mail or unique name."),
    budget: str = typer.Option(..., "--budget", help="Total to spend, e.g. 2000."),
    months: int = typer.Option(6, "--months", help="Over how many months (1-24)."),
    currency: str = typer.Option(None, "--currency", help="3-letter code (default CNY)."),
    accept: bool = typer.Option(False, "--accept", help="Turn the plan into planned gifts and touches."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Split a budget into a cadence of small caring gestures instead of one expensive present."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.gestures.schemas import GesturePlanIn
    from giftwise.gestures.service import accept_gesture_plan, gesture_plan

    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        data = parse_options(GesturePlanIn, budget=budget, months=months, currency=currency or None)
        if accept:
            accepted = accept_gesture_plan(session, actor, contact_id=target.id, budget=data.budget,
                                           months=data.months, currency=data.currency)
            proposal = accepted.plan
        else:
            proposal = gesture_plan(session, actor, contact_id=target.id, budget=data.budget, months=data.months,
                                    currency=data.currency)
    if fmt is OutputFormat.json:
        emit(accepted if accept else proposal, fmt)
        return
    from giftwise.core.amounts import money

    cur = proposal.currency
    title = msg("gestures.plan_title", name=proposal.contact_name, budget=money(proposal.budget, cur),
                months=proposal.months, start=proposal.start, end=proposal.end)
    rows = [{**g.model_dump(), "cost": money(g.cost, cur)} for g in proposal.gestures]
    emit(rows, fmt, GESTURE_COLUMNS, title=title)
    totals = msg("gestures.plan_totals", total=money(proposal.total_cost, cur), unspent=money(proposal.unspent, cur))
    console.print(totals, highlight=False)
    for note in proposal.notes:
        console.print(f"[dim]{note}[/]", highlight=False)
    if accept:
        console.print(msg("gestures.accepted", gifts=len(accepted.gift_ids), touches=len(accepted.touch_ids)))
    else:
        console.print(msg("gestures.accept_hint"))


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command("plan-gestures")(plan_gestures)
