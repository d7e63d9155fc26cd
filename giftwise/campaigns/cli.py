"""Terminal commands for the campaigns domain (services are imported inside commands)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    cli_errors,
    cli_unit,
    console,
    emit,
    emit_listed,
    parse_options,
)
from giftwise.core.i18n import Label, msg

app = typer.Typer(help="Gifting campaigns with a measurable goal, a budget, checkpoints and a control group.")
targets_app = typer.Typer(help="The contacts a campaign aims at.")
app.add_typer(targets_app, name="targets")

DATE = ["%Y-%m-%d"]
CAMPAIGN_COLUMNS = ["id", "name", "metric", "target_count", "window_days", "starts_on", "ends_on", "total_budget",
                    "status"]


@app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="What the campaign is called."),
    metric: str = typer.Option(..., "--metric", help="What counts as success: reply, meeting, order or referral."),
    target_count: int = typer.Option(..., "--target-count", help="How many contacts must reach the metric."),
    window_days: int = typer.Option(..., "--window-days", help="Within how many days of the start."),
    budget: str = typer.Option(..., "--budget", help="Total budget (e.g. 6000)."),
    cap: str = typer.Option(..., "--cap", help="Most to spend on one contact."),
    goal: str = typer.Option("", "--goal", help="The goal in words."),
    start: datetime = typer.Option(None, "--start", formats=DATE, help="First day (default today)."),
    currency: str = typer.Option(None, "--currency", help="3-letter currency (default GIFTWISE_DEFAULT_CURRENCY)."),
    control_share: float = typer.Option(0.1, "--control-share", help="Share of targets held back without a gift."),
    seed: int = typer.Option(None, "--seed", help="Seed of the control draw (default: the campaign id)."),
    phases: list[str] = typer.Option([], "--phase", help="A spending phase as BUDGET or NAME=BUDGET; repeat."),
    checkpoints: list[str] = typer.Option([], "--checkpoint", help="A checkpoint as DATE or DATE:EXPECTED; repeat."),
    contacts: str = typer.Option("", "--contacts", help="Comma-separated contact ids to target."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Create a campaign: "a meeting with 5 of these 8 contacts within 21 days, under 6000"."""
    from giftwise.campaigns.schemas import CampaignCreate, CampaignRead
    from giftwise.campaigns.service import create_campaign

    with cli_errors():
        data = parse_options(
            CampaignCreate, name=name, goal=goal, metric=metric, target_count=target_count, window_days=window_days,
            total_budget=budget, per_contact_cap=cap, starts_on=start.date() if start else None, currency=currency,
            control_share=control_share, control_seed=seed, phases=[_phase(p) for p in phases],
            checkpoints=[_checkpoint(c) for c in checkpoints], target_ids=_ids(contacts),
        )
    with cli_unit() as (session, actor):
        campaign = CampaignRead.model_validate(create_campaign(session, actor, data=data))
    emit(campaign, fmt)


@app.command("list")
def list_(
    status: str = typer.Option(None, "--status", help="Only active, stopped or done campaigns."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the campaigns you may see, newest first."""
    from giftwise.campaigns.service import list_campaigns

    emit_listed(fmt, CAMPAIGN_COLUMNS, list_campaigns, status=status, limit=500)


@app.command("show")
def show(campaign_id: int = typer.Argument(..., help="Campaign id."), fmt: OutputFormat = FormatOption) -> None:
    """Show a campaign: phases, checkpoints, targets, money and corrections."""
    from giftwise.campaigns.report_service import campaign_detail

    with cli_unit() as (session, actor):
        detail = campaign_detail(session, actor, campaign_id=campaign_id)
    if fmt is OutputFormat.json:
        emit(detail, fmt)
        return
    head = detail.model_dump(exclude={"phases", "checkpoints", "targets", "corrections"})
    emit(head, fmt, title=detail.name)
    emit([p.model_dump() for p in detail.phases], fmt, title="phases")
    emit([c.model_dump() for c in detail.checkpoints], fmt, title="checkpoints")
    emit([t.model_dump() for t in detail.targets], fmt, title="targets")
    if detail.corrections:
        emit([c.model_dump() for c in detail.corrections], fmt, ["id", "action", "contact_id", "status", "reason"],
             title="corrections")


@targets_app.command("add")
def targets_add(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    contact_ids: list[int] = typer.Argument(..., help="Contact ids to add."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add contacts as targets (contacts already targeted are left alone)."""
    from giftwise.campaigns.service import add_targets

    with cli_unit() as (session, actor):
        added = add_targets(session, actor, campaign_id=campaign_id, contact_ids=contact_ids)
        rows = [{"contact_id": t.contact_id, "arm": t.arm, "potential": t.potential} for t in added]
    emit(rows, fmt, ["contact_id", "arm", "potential"], title=msg("campaigns.targets_added", count=len(rows)))


@targets_app.command("pause")
def targets_pause(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    contact_id: int = typer.Argument(..., help="Contact id."),
    resume: bool = typer.Option(False, "--resume", help="Make the target active again."),
) -> None:
    """Pause a target (no gifts, no corrections), or resume it with --resume."""
    from giftwise.campaigns.service import set_target_status

    with cli_unit() as (session, actor):
        target = set_target_status(session, actor, campaign_id=campaign_id, contact_id=contact_id,
                                   status="active" if resume else "paused")
    console.print(msg("campaigns.target_now", contact_id=target.contact_id, status=Label("status", target.status)))


@app.command("suggest")
def suggest(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    limit: int = typer.Option(8, "--limit", help="How many (5 to 10 is a good campaign)."),
    add: bool = typer.Option(False, "--add", help="Add the suggested contacts as targets."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Suggest the contacts with the most potential: orders, recent replies, recommender fit."""
    from giftwise.campaigns.report_service import suggest_targets
    from giftwise.campaigns.service import add_targets

    with cli_unit() as (session, actor):
        suggestions = suggest_targets(session, actor, campaign_id=campaign_id, limit=limit)
        if add and suggestions:
            add_targets(session, actor, campaign_id=campaign_id, contact_ids=[s.contact_id for s in suggestions])
    rows = [{**s.model_dump(), "reasons": "; ".join(s.reasons)} for s in suggestions]
    emit(suggestions if fmt is OutputFormat.json else rows, fmt, ["contact_id", "name", "score", "reasons"])


@app.command("allocate")
def allocate(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    apply: bool = typer.Option(False, "--apply", help="Plan the chosen gifts (otherwise only show the plan)."),
    time_limit: float = typer.Option(10.0, "--time-limit", help="Seconds for the exact solver before greedy."),
    occasion: str = typer.Option("care", "--occasion", help="Occasion of the planned gifts."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Choose the gift (or none) for each target: most expected value under budget, caps, policy and stock."""
    from giftwise.campaigns.allocation_service import allocate_campaign

    with cli_unit() as (session, actor):
        report = allocate_campaign(session, actor, campaign_id=campaign_id, apply=apply, time_limit=time_limit,
                                   occasion=occasion)
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    columns = ["name", "item", "cost", "expected_value", "gift_id", "reason"]
    emit([line.model_dump() for line in report.lines], fmt, columns,
         title=msg("campaigns.phase_title", phase=report.phase))
    from giftwise.core.amounts import money

    console.print(
        msg("campaigns.allocation_summary", method=report.method, objective=f"{report.objective:.4f}",
            milp=_num(report.milp_objective), status=report.milp_status, bound=_num(report.milp_bound),
            gap=_pct(report.milp_gap), greedy=f"{report.greedy_objective:.4f}", greedy_gap=_pct(report.greedy_gap),
            cost=money(report.cost, report.currency), budget=money(report.budget_available, report.currency))
        + msg("campaigns.allocation_applied" if report.applied else "campaigns.allocation_apply_hint"),
        highlight=False, markup=False,
    )


@app.command("checkpoint")
def checkpoint(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    on: datetime = typer.Option(None, "--on", formats=DATE, help="Evaluate as of this date (default today)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Score the due checkpoint: progress vs target, phase release, corrections when behind."""
    from giftwise.campaigns.progress_service import evaluate_checkpoint

    with cli_unit() as (session, actor):
        report = evaluate_checkpoint(session, actor, campaign_id=campaign_id, on=on.date() if on else None)
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    console.print(report.summary, highlight=False, markup=False)
    if report.corrections:
        emit([c.model_dump() for c in report.corrections], fmt, ["id", "action", "contact_id", "reason"],
             title="corrections")


@app.command("correction")
def correction(
    correction_id: int = typer.Argument(..., help="Correction id (from 'campaigns checkpoint' or 'show')."),
    decision: str = typer.Argument(..., help="accept or dismiss."),
) -> None:
    """Accept (pause the contact, stop the campaign, book a call) or dismiss a proposed correction."""
    from giftwise.campaigns.progress_service import decide_correction

    decided = {"accept": "accepted", "dismiss": "dismissed"}.get(decision, decision)
    with cli_unit() as (session, actor):
        result = decide_correction(session, actor, correction_id=correction_id, decision=decided)
    console.print(msg("campaigns.correction_now", id=result.id, action=result.action,
                      status=Label("status", result.status)))


@app.command("stop")
def stop(campaign_id: int = typer.Argument(..., help="Campaign id.")) -> None:
    """Stop a campaign: no more allocations; its books stay."""
    from giftwise.campaigns.service import stop_campaign

    with cli_unit() as (session, actor):
        campaign = stop_campaign(session, actor, campaign_id=campaign_id)
    console.print(msg("campaigns.campaign_now", id=campaign.id, status=Label("status", campaign.status)))


@app.command("report")
def report(campaign_id: int = typer.Argument(..., help="Campaign id."), fmt: OutputFormat = FormatOption) -> None:
    """The scoreboard: progress, funnel, money, ROI with its attribution rule, and gifted-vs-control lift."""
    from giftwise.campaigns.report_service import campaign_report

    with cli_unit() as (session, actor):
        result = campaign_report(session, actor, campaign_id=campaign_id)
    if fmt is OutputFormat.json:
        emit(result, fmt)
        return
    emit(result.model_dump(exclude={"funnel", "lift", "checkpoints"}), fmt, title=result.name)
    emit(result.funnel, fmt, title="funnel")
    console.print(result.currency_note, highlight=False, markup=False)
    console.print(result.lift.note, highlight=False, markup=False)


@app.command("chart")
def chart(
    campaign_id: int = typer.Argument(..., help="Campaign id."),
    kind: str = typer.Option("funnel", "--kind", help="funnel or progress."),
    out: Path = typer.Option(None, "--out", help="File to write (.png or .svg); default campaign-ID-KIND.png."),
) -> None:
    """Draw the campaign funnel or its checkpoint progress as PNG or SVG."""
    from giftwise.campaigns.report_service import campaign_chart
    from giftwise.ledger.cli import write_file

    target = out or Path(f"campaign-{campaign_id}-{kind}.png")
    with cli_unit() as (session, actor):
        data = campaign_chart(session, actor, campaign_id=campaign_id, kind=kind, fmt=target.suffix or "png")
    write_file(target, data)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def _ids(text: str) -> list[int]:
    from giftwise.core.errors import Invalid

    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise Invalid("campaigns.list_contact_ids_write", text=text, field="contacts") from None


def _phase(text: str) -> dict[str, str]:
    name, _, budget = text.rpartition("=")
    return {"name": name, "budget": budget}


def _checkpoint(text: str) -> dict[str, object]:
    day, _, expected = text.partition(":")
    return {"on": day, **({"expected_count": expected} if expected else {})}


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.add_typer(app, name="campaigns")
