"""The rules of follow-ups: touches and their life, the touches a gift schedules, cadence, the agenda."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts import tokens_service
from giftwise.accounts.service import (
    actor_of,
    contact_scope,
    record_audit,
    sender_signature,
    visible_contact,
    visible_owner_ids,
    visible_record,
)
from giftwise.accounts.tokens import TokenKind
from giftwise.contacts.birthdays import birthday_problem
from giftwise.core import clock
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.i18n import t
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.dates import repository as dates_repository
from giftwise.dates.schemas import ImportantDate
from giftwise.dates.service import important_dates
from giftwise.followups import cadence, reciprocity, repository, rules, scripts
from giftwise.followups.calendar_feed import FEED_DAYS, build_calendar
from giftwise.followups.schemas import Agenda, AgendaTouch, CustomDateCreate, TouchCreate, TouchRead
from giftwise.models.accounts import Team, User
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.followups import CustomDate, Touch, TouchStatus
from giftwise.models.gifts import GIFT_ARRIVED, GIFT_CLOSED, Gift, GiftStatus

GIFT_PURPOSES = ("pre-send", "delivery-check", "reciprocity")
CADENCE_SOURCE = "cadence"
MAX_AGENDA_DAYS = 90


def create_touch(session: Session, actor: Actor, *, data: TouchCreate) -> Touch:
    """Put a touch on the agenda of a visible contact's owner (due today or later)."""
    contact = visible_contact(session, actor, data.contact_id)
    if data.gift_id is not None:
        gift = session.get(Gift, data.gift_id)
        if gift is None or gift.contact_id != contact.id:
            raise Invalid("followups.gift_gift_link_gift", gift_id=data.gift_id, name=contact.name,
                          field="gift_id")
    if data.due_on < clock.today():
        raise Invalid("followups.due_date_past_give", due_on=data.due_on, field="due_on")
    return _add_touch(session, contact=contact, gift_id=data.gift_id, purpose=data.purpose, channel=data.channel,
                      due_on=data.due_on, script=data.script, source=data.source, source_id=data.source_id)


def get_touch(session: Session, actor: Actor, *, touch_id: int) -> Touch:
    """The touch with ``touch_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Touch, touch_id, label="touch")


def list_touches(
    session: Session, actor: Actor, *, contact_id: int | None = None, gift_id: int | None = None,
    status: str | None = None, purpose: str | None = None, source: str | None = None, source_id: int | None = None,
    limit: int = 50, offset: int = 0,
) -> Page[TouchRead]:
    """A page of touches ``actor`` may see, soonest first, filtered by contact, status, purpose or source."""
    if status is not None and status not in tuple(TouchStatus):
        raise Invalid("followups.touch_status_open_done", status=status, field="status")
    rows, total = repository.touches_page(
        session, contact_scope(session, actor), contact_id=contact_id, gift_id=gift_id, status=status, purpose=purpose,
        source=source, source_id=source_id, limit=limit, offset=offset,
    )
    return page_of(TouchRead, rows, total=total, limit=limit, offset=offset)


def complete_touch(session: Session, actor: Actor, *, touch_id: int, result: str, minutes_spent: int = 0) -> Touch:
    """Mark an open touch done today with how it went; a cadence touch schedules the next one."""
    touch = _open_touch(session, actor, touch_id, "done")
    if not result.strip():
        raise Invalid("followups.say_how_touch_went", field="result")
    if not 0 <= minutes_spent <= 24 * 60:
        raise Invalid("followups.minutes_spent_between", field="minutes_spent")
    touch.status, touch.done_on, touch.result = TouchStatus.DONE, clock.today(), result.strip()
    touch.minutes_spent = minutes_spent
    session.flush()
    refresh_cadence(session, actor, contact_id=touch.contact_id)
    return touch


def skip_touch(session: Session, actor: Actor, *, touch_id: int, reason: str) -> Touch:
    """Mark an open touch skipped today with the reason; a skipped cadence round restarts its clock."""
    touch = _open_touch(session, actor, touch_id, "skipped")
    if not reason.strip():
        raise Invalid("followups.say_why_touch_skipped", field="reason")
    touch.status, touch.done_on, touch.result = TouchStatus.SKIPPED, clock.today(), reason.strip()
    session.flush()
    refresh_cadence(session, actor, contact_id=touch.contact_id)
    return touch


def reschedule_touch(session: Session, actor: Actor, *, touch_id: int, due_on: date) -> Touch:
    """Move an open touch to ``due_on`` (today or later; a reciprocity touch stays in its window)."""
    touch = _open_touch(session, actor, touch_id, "rescheduled")
    if due_on < clock.today():
        raise Invalid("followups.new_date_past_give", due_on=due_on, field="due_on")
    _check_reciprocity_window(session, touch, due_on)
    touch.due_on = due_on
    session.flush()
    return touch


def snooze_touch(session: Session, actor: Actor, *, touch_id: int, days: int = 1) -> Touch:
    """Push an open touch back ``days`` days from today (or from its due date if that is later)."""
    if not 1 <= days <= 365:
        raise Invalid("followups.snooze_days", field="days")
    touch = _open_touch(session, actor, touch_id, "snoozed")
    new_due = max(clock.today(), touch.due_on) + timedelta(days=days)
    _check_reciprocity_window(session, touch, new_due)
    touch.due_on = new_due
    session.flush()
    return touch


def schedule_gift_touches(session: Session, actor: Actor, *, gift_id: int) -> list[Touch]:
    """Create the touches a gift's status calls for (once each), close those it no longer needs, move the cadence."""
    gift = session.get(Gift, gift_id)
    if gift is None:
        raise NotFound("followups.gift_id", gift_id=gift_id)
    contact = visible_contact(session, actor, gift.contact_id)
    item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
    existing = {t.purpose: t for t in repository.touches_of_gift(session, gift.id)}
    plan = rules.schedule()
    sender = sender_signature(session, user_id=contact.owner_id, language=scripts.contact_language(contact))
    wanted: list[tuple[str, date, str]] = []
    step_day = gift.approved_on or gift.ordered_on
    if gift.status in (GiftStatus.APPROVED, GiftStatus.ORDERED) and step_day is not None:
        wanted.append(("pre-send", step_day + timedelta(days=plan["pre_send"]["days_after_step"]),
                       plan["pre_send"]["channel"]))
    if gift.status in GIFT_ARRIVED and gift.delivered_on is not None:
        check, recip = plan["delivery_check"], plan["reciprocity"]
        wanted.append(("delivery-check", gift.delivered_on + timedelta(days=check["days_after_delivery"]),
                       check["channel"]))
        wanted.append(("reciprocity", gift.delivered_on + timedelta(days=recip["days_after_delivery"]),
                       recip["channel"]))
    if gift.status in (GiftStatus.RETURNED, GiftStatus.REFUSED) and gift.closed_on is not None:
        repair = plan["recovery"]
        wanted.append(("recovery", max(gift.closed_on + timedelta(days=repair["days_after_close"]), clock.today()),
                       repair["channel"]))
    created = [
        _add_touch(session, contact=contact, gift_id=gift.id, purpose=purpose, channel=channel, due_on=due,
                   script=scripts.gift_script(purpose, gift=gift, contact=contact, item=item, sender=sender),
                   source="gift",
                   source_id=gift.id)
        for purpose, due, channel in wanted
        if purpose not in existing
    ]
    _close_gift_touches(gift, existing, actor.language)
    session.flush()
    refresh_cadence(session, actor, contact_id=contact.id)  # a delivery check confirmed is an interaction
    return created


def forget_cadence(session: Session, actor: Actor, *, contact_id: int) -> int:
    """Delete a contact's open self-scheduled cadence touches (a contact folded into another, whose own
    cadence ``refresh_cadence`` keeps); returns how many. Done and skipped ones stay: they are history."""
    _ = actor  # the caller holds a contact it may change
    touches = list(repository.open_cadence_touches(session, [contact_id]).values())
    for touch in touches:
        session.delete(touch)
    session.flush()
    return len(touches)


def refresh_cadence(
    session: Session, actor: Actor, *, owner_id: int | None = None, contact_id: int | None = None
) -> list[Touch]:
    """Keep one open keep-in-touch call and one visit per contact with a cadence, due when the cadence says.

    Called by the writes that change what the cadence depends on (a contact, a dated note, a touch
    finished), never by a read: the agenda and the calendar feed show what these calls stored.
    """
    try:
        with session.begin_nested():
            return _refresh_cadence(session, actor, owner_id=owner_id, contact_id=contact_id)
    except IntegrityError:
        # Another refresh created the same touches a moment ago: read them and carry on.
        with session.begin_nested():
            return _refresh_cadence(session, actor, owner_id=owner_id, contact_id=contact_id)


def _refresh_cadence(session: Session, actor: Actor, *, owner_id: int | None, contact_id: int | None) -> list[Touch]:
    contacts = repository.contacts_with_cadence(
        session, contact_scope(session, actor), owner_id=owner_id, contact_id=contact_id
    )
    ids = [c.id for c in contacts]
    history = _interactions(session, ids)
    open_touches = repository.open_cadence_touches(session, ids)
    created: list[Touch] = []
    for contact in contacts:
        since = contact.relationship_since or contact.created_at.date()
        past = history.get(contact.id, [])
        for purpose, days, channel in (("keep-in-touch", contact.touch_cadence_days, "call"),
                                       ("visit", contact.visit_cadence_days, "meeting")):
            if not days:
                continue
            due = (cadence.touch_due(past, days, since=since, weight=rules.channel_weight) if purpose == "keep-in-touch"
                   else cadence.visit_due(past, days, since=since))
            touch = open_touches.get((contact.id, purpose))
            if touch is not None:
                touch.due_on = max(touch.due_on, due)  # a newer interaction pushes it later; a snooze is kept
                continue
            sender = sender_signature(session, user_id=contact.owner_id, language=scripts.contact_language(contact))
            script = scripts.cadence_script(purpose, contact=contact, sender=sender)
            created.append(_add_touch(session, contact=contact, gift_id=None, purpose=purpose, channel=channel,
                                      due_on=due, script=script, source=CADENCE_SOURCE, source_id=contact.id,
                                      flush=False))
    session.flush()
    return created


def agenda(session: Session, actor: Actor, *, owner_id: int | None = None, days: int = 7) -> Agenda:
    """Overdue touches, today's, the next ``days`` days', and the dates to prepare for; it stores nothing.

    Cadence touches are kept current by the writes that move them (``refresh_cadence``), not here.
    """
    if not 0 <= days <= MAX_AGENDA_DAYS:
        raise Invalid("followups.show_days_ahead", max_agenda_days=MAX_AGENDA_DAYS, days=days, field="days")
    _check_owner(session, actor, owner_id)
    today = clock.today()
    horizon = today + timedelta(days=days)
    rows = repository.open_touches_until(session, contact_scope(session, actor), owner_id=owner_id, until=horizon)
    half_lives: dict[tuple[int, str], float] = {}
    entries = [_agenda_entry(session, actor, touch, contact, today, half_lives) for touch, contact in rows]
    entries.sort(key=lambda e: (e.due_on, not e.window_closing, -e.weight, e.id))
    return Agenda(
        as_of=today, days=days, owner_id=owner_id,
        overdue=[e for e in entries if e.due_on < today],
        today=[e for e in entries if e.due_on == today],
        upcoming=[e for e in entries if e.due_on > today],
        dates=important_dates(session, actor, owner_id=owner_id, start=today, horizon=horizon),
    )


def agenda_touch(session: Session, actor: Actor, *, touch_id: int) -> AgendaTouch:
    """One touch as the agenda shows it (who, how overdue, the gratitude left), whatever its status now."""
    touch = get_touch(session, actor, touch_id=touch_id)
    contact = visible_contact(session, actor, touch.contact_id)
    return _agenda_entry(session, actor, touch, contact, clock.today(), {})


def add_custom_date(session: Session, actor: Actor, *, data: CustomDateCreate) -> CustomDate:
    """Remember a yearly date that matters (for a contact, or for the actor's whole book)."""
    owner_id = actor.user_id
    if data.contact_id is not None:
        owner_id = visible_contact(session, actor, data.contact_id).owner_id
    problem = birthday_problem(data.calendar, None, data.month, data.day)
    if problem:
        raise Invalid("followups.date_does_exist", problem=problem, field="day")
    custom = CustomDate(owner_id=owner_id, **data.model_dump())
    session.add(custom)
    session.flush()
    return custom


def list_custom_dates(session: Session, actor: Actor, *, contact_id: int | None = None) -> list[CustomDate]:
    """The custom dates ``actor`` may see, by month and day."""
    if contact_id is not None:
        visible_contact(session, actor, contact_id)
    return dates_repository.custom_dates(session, owner_ids=visible_owner_ids(session, actor), contact_id=contact_id)


def delete_custom_date(session: Session, actor: Actor, *, custom_date_id: int) -> None:
    """Forget a custom date the actor may see."""
    custom = session.get(CustomDate, custom_date_id)
    owners = visible_owner_ids(session, actor)
    if custom is None or (owners is not None and custom.owner_id not in owners):
        raise NotFound("followups.custom_date_id", custom_date_id=custom_date_id)
    session.delete(custom)
    session.flush()


def calendar_token(session: Session, actor: Actor) -> str:
    """A new secret calendar-feed token for the actor, shown only now; their older feed addresses stop working."""
    for old in tokens_service.list_tokens(session, actor, kind=TokenKind.CALENDAR):
        tokens_service.revoke_token(session, actor, token_id=old.id)
    return tokens_service.issue_token(session, actor, kind=TokenKind.CALENDAR, name="feed").token


def calendar_owner(session: Session, *, token: str) -> User:
    """The active user whose live calendar feed ``token`` opens; NotFound for an unknown, expired or revoked one."""
    user = tokens_service.user_for_token(session, token, TokenKind.CALENDAR) if token else None
    if user is None:
        raise NotFound("followups.calendar_feed_address_get")
    return user


def feed_for_user(session: Session, user: User, *, days: int = FEED_DAYS) -> bytes:
    """The iCalendar feed of ``user``'s own agenda: open touches and the dates to prepare for."""
    todo = agenda(session, actor_of(user), owner_id=user.id, days=days)
    return build_calendar(todo, user=user).to_ical()


def upcoming_dates(
    session: Session, actor: Actor, *, owner_id: int | None = None, days: int = 30
) -> list[ImportantDate]:
    """Dates that matter whose preparation starts within ``days`` days, soonest first."""
    if not 0 <= days <= 366:
        raise Invalid("followups.look_days_ahead", days=days, field="days")
    _check_owner(session, actor, owner_id)
    today = clock.today()
    return important_dates(session, actor, owner_id=owner_id, start=today, horizon=today + timedelta(days=days))


def set_team_half_life(session: Session, actor: Actor, *, team: str, days: float | None) -> Team:
    """Set how fast gratitude fades for a team's clients (None: back to the default); admins and its manager."""
    found = repository.team_by_name(session, team)
    if found is None:
        raise NotFound("followups.team_named", team=team)
    if not (actor.is_admin or (actor.role is Role.MANAGER and actor.team_id == found.id)):
        raise Forbidden("followups.only_admin_team_s")
    if days is not None and not 0.5 <= days <= 90:
        raise Invalid("followups.half_life_between_days", field="days")
    before = {"gratitude_half_life_days": found.gratitude_half_life_days}
    found.gratitude_half_life_days = days
    record_audit(session, actor, action="team.half_life", entity="team", entity_id=found.id, before=before,
                 after={"gratitude_half_life_days": days})
    session.flush()
    return found


def half_life_for(session: Session, contact: Contact) -> float:
    """The gratitude half-life for a contact: their owner's team, their culture, else the setting."""
    return (
        repository.team_half_life(session, contact.owner_id)
        or rules.language_half_life(contact.language)
        or get_settings().gratitude_half_life_days
    )


def _agenda_entry(
    session: Session, actor: Actor, touch: Touch, contact: Contact, today: date,
    half_lives: dict[tuple[int, str], float],
) -> AgendaTouch:
    entry = AgendaTouch.model_validate(
        {**TouchRead.model_validate(touch).model_dump(), "contact_name": contact.name,
         "days_overdue": max((today - touch.due_on).days, 0), "weight": rules.channel_weight(touch.channel),
         "label": rules.purpose_label(touch.purpose, actor.language)}
    )
    if touch.purpose == "reciprocity" and touch.gift_id is not None:
        gift = session.get(Gift, touch.gift_id)
        if gift is not None and gift.delivered_on is not None:
            _reciprocity_window(session, actor, entry, gift.delivered_on, contact, today, half_lives)
    return entry


def _reciprocity_window(
    session: Session, actor: Actor, entry: AgendaTouch, delivered_on: date, contact: Contact, today: date,
    half_lives: dict[tuple[int, str], float],
) -> None:
    # Open with its closing date on days 1-5, closing on its last day; once closed the gratitude has
    # faded, so the touch is shown (and spoken) as an ordinary keep-in-touch call instead.
    first, last = reciprocity_window(delivered_on)
    state = reciprocity.window_state(first, last, max(today, entry.due_on))
    if state == "closed":
        entry.purpose, entry.label = "keep-in-touch", rules.purpose_label("keep-in-touch", actor.language)
        entry.script = scripts.cadence_script("keep-in-touch", contact=contact, sender=sender_signature(
            session, user_id=contact.owner_id, language=scripts.contact_language(contact)))
        return
    key = (contact.owner_id, contact.language)
    if key not in half_lives:
        half_lives[key] = half_life_for(session, contact)
    on = max(today, entry.due_on)
    entry.gratitude_left = round(reciprocity.gratitude_left(delivered_on, on, half_lives[key]), 3)
    entry.window_closes_on = last
    entry.window_closing = state == "closing"
    entry.window_note = t("followups.window_closing_today" if entry.window_closing else "followups.window_open_until",
                          actor.language, day=last)


def reciprocity_window(delivered_on: date) -> tuple[date, date]:
    """The first and last day to offer the chance to reciprocate for a gift delivered on ``delivered_on``."""
    window = rules.schedule()["reciprocity"]
    return reciprocity.prompt_window(delivered_on, window["window_first_day"], window["window_last_day"])


def _check_owner(session: Session, actor: Actor, owner_id: int | None) -> None:
    if owner_id is None:
        return
    owners = visible_owner_ids(session, actor)
    if owners is not None and owner_id not in owners:
        raise NotFound("followups.agenda_you_may_see", owner_id=owner_id)


def _add_touch(
    session: Session, *, contact: Contact, gift_id: int | None, purpose: str, channel: str, due_on: date,
    script: str, source: str | None, source_id: int | None, flush: bool = True,
) -> Touch:
    touch = Touch(contact_id=contact.id, gift_id=gift_id, purpose=purpose, channel=channel, due_on=due_on,
                  status=TouchStatus.OPEN, script=script, owner_id=contact.owner_id, source=source, source_id=source_id)
    session.add(touch)
    if flush:
        session.flush()
    return touch


def _open_touch(session: Session, actor: Actor, touch_id: int, verb: str) -> Touch:
    touch = get_touch(session, actor, touch_id=touch_id)
    if touch.status != TouchStatus.OPEN:
        raise Conflict("followups.touch_already_create_new", touch_id=touch_id, status=touch.status, verb=verb)
    return touch


def _check_reciprocity_window(session: Session, touch: Touch, due_on: date) -> None:
    if touch.purpose != "reciprocity" or touch.gift_id is None:
        return
    gift = session.get(Gift, touch.gift_id)
    if gift is None or gift.delivered_on is None:
        return
    window = rules.schedule()["reciprocity"]
    first, last = reciprocity_window(gift.delivered_on)
    # Later than the window is allowed: the touch then becomes an ordinary keep-in-touch call.
    if due_on < first:
        raise Invalid(
            "followups.reciprocity_opportunity_come_days", window_first_day=window["window_first_day"],
            window_last_day=window["window_last_day"], delivered_on=gift.delivered_on, first=first, last=last,
            field="due_on",
        )


def _close_gift_touches(gift: Gift, existing: dict[str, Touch], language: str) -> None:
    today = clock.today()
    if gift.status in GIFT_CLOSED:
        for touch in existing.values():
            if touch.status == TouchStatus.OPEN and touch.purpose in GIFT_PURPOSES:
                touch.status, touch.done_on, touch.result = TouchStatus.SKIPPED, today, f"gift {gift.status}"
    check = existing.get("delivery-check")
    if gift.status == GiftStatus.ACKNOWLEDGED and check is not None and check.status == TouchStatus.OPEN:
        check.status, check.done_on, check.result = TouchStatus.DONE, today, t("followups.confirmed_arrival", language)
    story = existing.get("pre-send")
    if gift.status in GIFT_ARRIVED and story is not None and story.status == TouchStatus.OPEN:
        story.status, story.done_on = TouchStatus.SKIPPED, today
        story.result = t("followups.arrived_before_story", language)


def _interactions(session: Session, contact_ids: list[int]) -> dict[int, list[tuple[date, str]]]:
    history: dict[int, list[tuple[date, str]]] = {}
    for contact_id, on, channel, status, source in repository.done_touches(session, contact_ids):
        # A skipped cadence round restarts its clock; other skipped touches never reached the contact.
        if status == TouchStatus.SKIPPED and source != CADENCE_SOURCE:
            continue
        history.setdefault(contact_id, []).append((on, channel))
    for contact_id, on, note_channel in repository.notes_dated(session, contact_ids):
        history.setdefault(contact_id, []).append((on, rules.note_channel(note_channel)))
    return history
