"""The agenda: the open touches that are due (overdue, today, the next days) and the dates to prepare for.

A read: it stores nothing. Cadence touches are kept current by the writes that move them
(``cadence_service.refresh_cadence``); a reciprocity touch shows what is left of the gratitude.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, sender_signature, visible_contact, visible_owner_ids
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.i18n import t
from giftwise.dates.schemas import ImportantDate
from giftwise.dates.service import important_dates
from giftwise.followups import reciprocity, repository, rules, scripts
from giftwise.followups.reciprocity_service import half_life_for, reciprocity_window
from giftwise.followups.schemas import Agenda, AgendaTouch, TouchRead
from giftwise.followups.service import get_touch
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift

MAX_AGENDA_DAYS = 90


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


def upcoming_dates(
    session: Session, actor: Actor, *, owner_id: int | None = None, days: int = 30
) -> list[ImportantDate]:
    """Dates that matter whose preparation starts within ``days`` days, soonest first."""
    if not 0 <= days <= 366:
        raise Invalid("followups.look_days_ahead", days=days, field="days")
    _check_owner(session, actor, owner_id)
    today = clock.today()
    return important_dates(session, actor, owner_id=owner_id, start=today, horizon=today + timedelta(days=days))


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


def _check_owner(session: Session, actor: Actor, owner_id: int | None) -> None:
    if owner_id is None:
        return
    owners = visible_owner_ids(session, actor)
    if owners is not None and owner_id not in owners:
        raise NotFound("followups.agenda_you_may_see", owner_id=owner_id)
