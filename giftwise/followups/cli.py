"""Terminal commands for the followups domain (services are imported inside commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from giftwise.contacts.cli import emit_listed_for_contact, named_contact_id
from giftwise.core.cli_support import (
    FormatOption,
    LimitOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    fail,
    parse_options,
)
from giftwise.core.i18n import msg

touches_app = typer.Typer(help="Touches: the calls, messages and meetings on your agenda.", no_args_is_help=True)
dates_app = typer.Typer(help="Dates that matter: birthdays, anniversaries, festivals, your own.", no_args_is_help=True)
calendar_app = typer.Typer(help="Your agenda in Outlook, Google or Apple Calendar.", no_args_is_help=True)

TOUCH_COLUMNS = ["id", "due_on", "contact_id", "purpose", "channel", "status", "gift_id", "result"]
AGENDA_COLUMNS = ["id", "due_on", "contact_name", "label", "channel", "days_overdue", "flag"]
DATE_COLUMNS = ["on", "name", "kind", "prepare_from", "days_until", "contact_name"]
AGENDA_DATE_COLUMNS = ["on", "name", "prepare_from", "days_until"]


def _owner_id(session: Any, owner: str | None) -> int | None:
    from giftwise.accounts.repository import user_by_username
    from giftwise.core.errors import NotFound

    if owner is None:
        return None
    if owner.isdigit():
        return int(owner)
    user = user_by_username(session, owner)
    if user is None:
        raise NotFound("followups.user_named", owner=owner)
    return user.id


def agenda(
    owner: str = typer.Option(None, "--owner", help="Only this owner's agenda (username or id)."),
    days: int = typer.Option(7, "--days", help="How many days ahead (0-90)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show what needs doing: overdue touches, today's, the next days', and the dates to prepare for."""
    from giftwise.followups.agenda_service import agenda as build_agenda
    from giftwise.followups.rules import text_label

    with cli_unit() as (session, actor):
        todo = build_agenda(session, actor, owner_id=_owner_id(session, owner), days=days)
    if fmt is OutputFormat.json:
        emit(todo, fmt)
        return
    lang = actor.language
    for key, rows in (("overdue", todo.overdue), ("today", todo.today), ("upcoming", todo.upcoming)):
        title = text_label(key, lang, n=len(rows), days=todo.days)
        if not rows:
            console.print(f"[bold]{title}[/] —", highlight=False)
            continue
        plain = [{**r.model_dump(), "flag": r.window_note} for r in rows]
        emit(plain, fmt, AGENDA_COLUMNS, title=title)
    dates = [d.model_dump() for d in todo.dates]
    emit(dates, fmt, AGENDA_DATE_COLUMNS, title=text_label("dates", lang, n=len(dates)))


@touches_app.command("add")
def touches_add(
    contact: str = typer.Argument(..., help="The contact: id, e-mail or unique name."),
    due: str = typer.Option(..., "--due", help="Due date, YYYY-MM-DD."),
    purpose: str = typer.Option("keep-in-touch", "--purpose", help="keep-in-touch, visit, meeting, ..."),
    channel: str = typer.Option("message", "--channel", help="meeting, call, message or email."),
    script: str = typer.Option("", "--script", help="What to say."),
    gift: int = typer.Option(None, "--gift", help="The gift it is about."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Put a touch on the agenda."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.followups.schemas import TouchCreate, TouchRead
    from giftwise.followups.service import create_touch

    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        data = parse_options(TouchCreate, contact_id=target.id, due_on=due, purpose=purpose, channel=channel,
                             script=script, gift_id=gift)
        emit(TouchRead.model_validate(create_touch(session, actor, data=data)), fmt)


@touches_app.command("list")
def touches_list(
    contact: str = typer.Option(None, "--contact", help="Only this contact (id, e-mail or name)."),
    gift: int = typer.Option(None, "--gift", help="Only this gift's touches."),
    status: str = typer.Option(None, "--status", help="open, done or skipped."),
    purpose: str = typer.Option(None, "--purpose", help="Only this purpose."),
    limit: int = LimitOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List touches, soonest first."""
    from giftwise.followups.service import list_touches

    emit_listed_for_contact(fmt, TOUCH_COLUMNS, list_touches, contact, gift_id=gift, status=status, purpose=purpose,
                            limit=limit)


@touches_app.command("show")
def touches_show(touch_id: int = typer.Argument(..., help="Touch id."), fmt: OutputFormat = FormatOption) -> None:
    """Show one touch with its script."""
    from giftwise.followups.schemas import TouchRead
    from giftwise.followups.service import get_touch

    with cli_unit() as (session, actor):
        emit(TouchRead.model_validate(get_touch(session, actor, touch_id=touch_id)), fmt)


@touches_app.command("done")
def touches_done(
    touch_id: int = typer.Argument(..., help="Touch id."),
    result: str = typer.Option(..., "--result", "-r", help="How it went."),
    minutes: int = typer.Option(0, "--minutes", help="Minutes it took (feeds the ledger's time cost)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Mark a touch done."""
    from giftwise.followups.schemas import TouchRead
    from giftwise.followups.service import complete_touch

    with cli_unit() as (session, actor):
        touch = complete_touch(session, actor, touch_id=touch_id, result=result, minutes_spent=minutes)
        emit(TouchRead.model_validate(touch), fmt)


@touches_app.command("skip")
def touches_skip(
    touch_id: int = typer.Argument(..., help="Touch id."),
    reason: str = typer.Option(..., "--reason", help="Why it is skipped."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Skip a touch."""
    from giftwise.followups.schemas import TouchRead
    from giftwise.followups.service import skip_touch

    with cli_unit() as (session, actor):
        emit(TouchRead.model_validate(skip_touch(session, actor, touch_id=touch_id, reason=reason)), fmt)


@touches_app.command("reschedule")
def touches_reschedule(
    touch_id: int = typer.Argument(..., help="Touch id."),
    due: str = typer.Argument(..., help="New due date, YYYY-MM-DD."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Move a touch to another day."""
    from giftwise.followups.schemas import TouchRead, TouchReschedule
    from giftwise.followups.service import reschedule_touch

    with cli_unit() as (session, actor):
        data = parse_options(TouchReschedule, due_on=due)
        emit(TouchRead.model_validate(reschedule_touch(session, actor, touch_id=touch_id, due_on=data.due_on)), fmt)


@touches_app.command("snooze")
def touches_snooze(
    touch_id: int = typer.Argument(..., help="Touch id."),
    days: int = typer.Option(1, "--days", help="How many days (1-365)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Push a touch back some days."""
    from giftwise.followups.schemas import TouchRead
    from giftwise.followups.service import snooze_touch

    with cli_unit() as (session, actor):
        emit(TouchRead.model_validate(snooze_touch(session, actor, touch_id=touch_id, days=days)), fmt)


@touches_app.command("half-life")
def touches_half_life(
    team: str = typer.Argument(..., help="Team name."),
    days: float = typer.Argument(None, help="Days for gratitude to halve (0.5-90); leave out to use the default."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Set how fast gratitude fades for a team's clients (the reciprocity window follows)."""
    from giftwise.followups.reciprocity_service import set_team_half_life

    with cli_unit() as (session, actor):
        found = set_team_half_life(session, actor, team=team, days=days)
        emit({"team": found.name, "gratitude_half_life_days": found.gratitude_half_life_days}, fmt)


@dates_app.command("list")
def dates_list(
    days: int = typer.Option(30, "--days", help="Dates whose preparation starts within this many days (0-366)."),
    owner: str = typer.Option(None, "--owner", help="Only this owner's contacts (username or id)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Upcoming birthdays, anniversaries, festivals and custom dates, with lead time."""
    from giftwise.followups.agenda_service import upcoming_dates

    with cli_unit() as (session, actor):
        found = upcoming_dates(session, actor, owner_id=_owner_id(session, owner), days=days)
    emit([d.model_dump() for d in found], fmt, DATE_COLUMNS)


@dates_app.command("add")
def dates_add(
    name: str = typer.Argument(..., help="What the date is, e.g. 'company founding day'."),
    month_day: str = typer.Argument(..., help="MM-DD, e.g. 03-15."),
    lunar: bool = typer.Option(False, "--lunar", help="A lunar-calendar date."),
    contact: str = typer.Option(None, "--contact", help="The contact it belongs to (id, e-mail or name)."),
    lead: int = typer.Option(7, "--lead", help="Days ahead to start preparing."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Remember a yearly date that matters."""
    from giftwise.core.errors import Invalid
    from giftwise.followups.custom_dates_service import add_custom_date
    from giftwise.followups.schemas import CustomDateCreate, CustomDateRead

    with cli_unit() as (session, actor):
        month, _, day = month_day.partition("-")
        if not (month.isdigit() and day.isdigit()):
            raise Invalid("followups.month_day_write_mm", month_day=month_day)
        contact_id = named_contact_id(session, actor, contact)
        data = parse_options(CustomDateCreate, name=name, month=int(month), day=int(day), contact_id=contact_id,
                             calendar="lunar" if lunar else "solar", lead_days=lead)
        emit(CustomDateRead.model_validate(add_custom_date(session, actor, data=data)), fmt)


@dates_app.command("remove")
def dates_remove(custom_date_id: int = typer.Argument(..., help="Custom date id.")) -> None:
    """Forget a custom date."""
    from giftwise.followups.custom_dates_service import delete_custom_date

    with cli_unit() as (session, actor):
        delete_custom_date(session, actor, custom_date_id=custom_date_id)
    console.print(msg("followups.custom_date_removed", id=custom_date_id))


@calendar_app.command("token")
def calendar_token(fmt: OutputFormat = FormatOption) -> None:
    """Make a new calendar feed address to subscribe to (shown only now); your older one stops working."""
    from giftwise.core.settings import get_settings
    from giftwise.followups.calendar_feed_service import calendar_token as token_of

    with cli_unit() as (session, actor):
        token = token_of(session, actor)
    settings = get_settings()
    url = f"http://{settings.host}:{settings.port}/calendar/{token}.ics"
    emit({"token": token, "url": url}, fmt)


@calendar_app.command("export")
def calendar_export(
    path: Path = typer.Argument(..., help="The .ics file to write."),
    days: int = typer.Option(90, "--days", help="How many days ahead (0-90)."),
) -> None:
    """Write your agenda to an iCalendar (.ics) file to import into any calendar."""
    from giftwise.followups.calendar_feed_service import feed_for_user
    from giftwise.models.accounts import User

    if path.suffix.lower() != ".ics":
        raise fail(msg("followups.does_end_ics_calendar", path=path), 2)
    if not path.parent.exists():
        raise fail(msg("followups.folder_does_exist_create", parent=path.parent), 2)
    with cli_unit() as (session, actor):
        data = feed_for_user(session, session.get_one(User, actor.user_id), days=days)
    path.write_bytes(data)
    console.print(msg("followups.calendar_written", count=data.count(b"BEGIN:VEVENT"), path=path))


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command("agenda")(agenda)
    root.add_typer(touches_app, name="touches")
    root.add_typer(dates_app, name="dates")
    root.add_typer(calendar_app, name="calendar")
