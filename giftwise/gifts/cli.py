"""Terminal commands for the gifts domain (services are imported inside commands)."""

from __future__ import annotations

from typing import Any

import typer

from giftwise.contacts.cli import emit_listed_for_contact
from giftwise.core.cli_support import (
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    item_ref,
    parse_options,
)

gifts_app = typer.Typer(help="Plan gifts and follow them through their life: approve, order, ship, deliver...",
                        no_args_is_help=True)

GIFT_COLUMNS = ["id", "contact_id", "description", "item_id", "occasion", "kind", "free_will", "cost", "currency",
                "status", "needs_approval", "planned_on"]


def _show(session: Any, actor: Any, gift: Any, fmt: OutputFormat) -> None:
    from giftwise.gifts.routes import gift_detail

    detail = gift_detail(session, actor, gift)
    if fmt is OutputFormat.json:
        emit(detail, fmt)
        return
    emit(detail.model_dump(exclude={"events", "story", "card_text", "compliance_notes"}), fmt)
    for note in detail.compliance_notes:
        console.print(f"[yellow]compliance:[/] {note}", highlight=False)
    console.print(f"[bold]story[/]\n{detail.story}\n\n[bold]card[/]\n{detail.card_text}", highlight=False)
    emit([e.model_dump() for e in detail.events], fmt, ["on", "from_status", "to_status", "reason"], title="history")


@gifts_app.command("plan")
def plan(
    contact: str = typer.Argument(..., help="The contact: id, e-mail or unique name."),
    item: str = typer.Option(None, "--item", help="Catalog item sku (or numeric id)."),
    description: str = typer.Option(None, "--description", "-d", help="Free description when not from the catalog."),
    item_kind: str = typer.Option(None, "--item-kind", help="What a described gift is (needed with -d): goods, food, "
                                                               "drink, voucher, cash or experience."),
    occasion: str = typer.Option("thank-you", "--occasion", help="thank-you, get-well, empathy, festival, ..."),
    cost: str = typer.Option(None, "--cost", help="Cost (default: the item's price)."),
    currency: str = typer.Option(None, "--currency", help="3-letter code (default: the item's, or CNY)."),
    kind: str = typer.Option(None, "--kind", help="care, token or obligation (default: derived)."),
    free_will: bool = typer.Option(None, "--free-will/--not-free-will", help="Override the derived free-will flag."),
    campaign: int = typer.Option(None, "--campaign", help="Campaign id this gift belongs to."),
    reason: str = typer.Option(None, "--reason", help="Why this gift, in words the contact would recognise."),
    override_reason: str = typer.Option(None, "--override-reason",
                                        help="Why to give it although it goes against what we know (audited; "
                                             "compliance cannot be overridden)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Plan a gift for a contact, with its drafted story and card; compliance may refuse it or ask approval."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.gifts.schemas import GiftCreate
    from giftwise.workflows.gift_steps import plan

    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        data = parse_options(GiftCreate, contact_id=target.id, description=description, item_kind=item_kind,
                             occasion=occasion, cost=cost,
                             currency=currency, kind=kind, free_will=free_will, campaign_id=campaign, reason=reason,
                             override_reason=override_reason, **item_ref(item))
        _show(session, actor, plan(session, actor, data=data), fmt)


@gifts_app.command("list")
def list_(
    contact: str = typer.Option(None, "--contact", help="Only this contact (id, e-mail or name)."),
    status: str = typer.Option(None, "--status", help="Only gifts in this status."),
    campaign: int = typer.Option(None, "--campaign", help="Only this campaign."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List gifts, newest first."""
    from giftwise.gifts.service import list_gifts

    emit_listed_for_contact(fmt, GIFT_COLUMNS, list_gifts, contact, status=status, campaign_id=campaign,
                            limit=limit, offset=offset)


@gifts_app.command("show")
def show(gift_id: int = typer.Argument(..., help="Gift id."), fmt: OutputFormat = FormatOption) -> None:
    """Show a gift with its story, card and dated history."""
    from giftwise.gifts.service import get_gift

    with cli_unit() as (session, actor):
        _show(session, actor, get_gift(session, actor, gift_id=gift_id), fmt)


@gifts_app.command("mark")
def mark(
    gift_id: int = typer.Argument(..., help="Gift id."),
    status: str = typer.Argument(..., help="approved, ordered, shipped, delivered, acknowledged, returned, refused, "
                                           "lost or cancelled."),
    on: str = typer.Option(None, "--on", help="Date it happened, YYYY-MM-DD (default today)."),
    reason: str = typer.Option(None, "--reason", help="For returned/refused: budget, timing, compliance, "
                                                      "misread_need or unknown, then ': details'."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Move a gift to its next status; follow-up touches schedule themselves."""
    from giftwise.gifts.schemas import TransitionIn
    from giftwise.workflows.gift_steps import move

    if status.strip().lower() in ("cancel", "cancelled"):
        cancel(gift_id=gift_id, on=on, reason=reason, fmt=fmt)
        return
    with cli_unit() as (session, actor):
        data = parse_options(TransitionIn, to_status=status.strip().lower(), on=on, reason=reason)
        gift = move(session, actor, gift_id=gift_id, to_status=data.to_status, on=data.on, reason=data.reason)
        _show(session, actor, gift, fmt)


@gifts_app.command("cancel")
def cancel(
    gift_id: int = typer.Argument(..., help="Gift id."),
    on: str = typer.Option(None, "--on", help="Date, YYYY-MM-DD (default today)."),
    reason: str = typer.Option(None, "--reason", help="Why the gift is dropped."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Drop a gift that has not left yet (planned, approved or ordered); its open touches close."""
    from giftwise.gifts.schemas import CancelIn
    from giftwise.workflows.gift_steps import cancel as drop

    with cli_unit() as (session, actor):
        data = parse_options(CancelIn, on=on, reason=reason)
        _show(session, actor, drop(session, actor, gift_id=gift_id, on=data.on, reason=data.reason), fmt)


@gifts_app.command("edit")
def edit(
    gift_id: int = typer.Argument(..., help="Gift id."),
    story: str = typer.Option(None, "--story", help="The story to tell before sending."),
    card: str = typer.Option(None, "--card", help="The card text."),
    reason: str = typer.Option(None, "--reason", help="Why this gift."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Replace a gift's story, card or reason with your own words."""
    from giftwise.gifts.schemas import GiftUpdate
    from giftwise.gifts.service import update_gift

    with cli_unit() as (session, actor):
        data = parse_options(GiftUpdate, story=story, card_text=card, reason=reason)
        _show(session, actor, update_gift(session, actor, gift_id=gift_id, data=data), fmt)


@gifts_app.command("drafts")
def drafts(
    gift_id: int = typer.Argument(..., help="Gift id."),
    situation: str = typer.Option(
        None, "--situation",
        help="Card situation: empathy, get-well, congratulations, new-baby, wedding, thank-you, festival, apology, "
             "birthday.",
    ),
    language: str = typer.Option(None, "--language", help="zh or en (default: the contact's)."),
    save: bool = typer.Option(False, "--save", help="Keep the new drafts on the gift."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Draft the pre-send story and the card again from the templates."""
    from giftwise.gifts.schemas import RedraftIn
    from giftwise.gifts.service import redraft

    with cli_unit() as (session, actor):
        data = parse_options(RedraftIn, situation=situation, language=language)
        words = redraft(session, actor, gift_id=gift_id, situation=data.situation, language=data.language, save=save)
    if fmt is OutputFormat.json:
        emit(words, fmt)
    else:
        console.print(f"[bold]story[/] ({words.language})\n{words.story}\n\n[bold]card[/] ({words.situation})\n"
                      f"{words.card_text}", highlight=False)


STEP_COMMANDS = {
    "approve": "approved", "order": "ordered", "ship": "shipped", "deliver": "delivered",
    "acknowledge": "acknowledged", "return": "returned", "refuse": "refused", "lose": "lost",
}


def _step_command(status: str) -> Any:
    def step(
        gift_id: int = typer.Argument(..., help="Gift id."),
        on: str = typer.Option(None, "--on", help="Date it happened, YYYY-MM-DD (default today)."),
        reason: str = typer.Option(None, "--reason", help="Why; for returned/refused start with budget, timing, "
                                                          "compliance, misread_need or unknown."),
        fmt: OutputFormat = FormatOption,
    ) -> None:
        mark(gift_id=gift_id, status=status, on=on, reason=reason, fmt=fmt)

    step.__doc__ = f"Mark a gift {status} (same as 'giftwise gifts mark ID {status}')."
    return step


for _verb, _status in STEP_COMMANDS.items():
    gifts_app.command(_verb)(_step_command(_status))


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.add_typer(gifts_app, name="gifts")
