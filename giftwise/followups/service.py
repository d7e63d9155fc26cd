"""The rules of touches: put one on the agenda, find, finish or move it, and the touches a gift's status
calls for. The only module that creates touches on request; beside it, each idea's database side:
``cadence_service`` (the cadence's own touches, moved by every write they depend on, a touch finished here
included), ``reciprocity_service`` (the window to reciprocate, how fast gratitude fades),
``agenda_service`` (what is due and the dates to prepare for), ``calendar_feed_service`` (the feed) and
``custom_dates_service``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, sender_signature, visible_contact, visible_record
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import t
from giftwise.core.schemas import Page, page_of
from giftwise.followups import repository, rules, scripts
from giftwise.followups.cadence_service import refresh_cadence
from giftwise.followups.reciprocity_service import check_reciprocity_window
from giftwise.followups.schemas import TouchCreate, TouchRead
from giftwise.followups.touches import new_touch
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch, TouchStatus
from giftwise.models.gifts import GIFT_ARRIVED, GIFT_CLOSED, Gift, GiftStatus

GIFT_PURPOSES = ("pre-send", "delivery-check", "reciprocity")


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
    check_reciprocity_window(session, touch, due_on)
    touch.due_on = due_on
    session.flush()
    return touch


def snooze_touch(session: Session, actor: Actor, *, touch_id: int, days: int = 1) -> Touch:
    """Push an open touch back ``days`` days from today (or from its due date if that is later)."""
    if not 1 <= days <= 365:
        raise Invalid("followups.snooze_days", field="days")
    touch = _open_touch(session, actor, touch_id, "snoozed")
    new_due = max(clock.today(), touch.due_on) + timedelta(days=days)
    check_reciprocity_window(session, touch, new_due)
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
    sender = sender_signature(session, user_id=contact.owner_id, language=scripts.contact_language(contact))
    created = [
        _add_touch(session, contact=contact, gift_id=gift.id, purpose=purpose, channel=channel, due_on=due,
                   script=scripts.gift_script(purpose, gift=gift, contact=contact, item=item, sender=sender),
                   source="gift",
                   source_id=gift.id)
        for purpose, due, channel in _wanted_touches(gift)
        if purpose not in existing
    ]
    _close_gift_touches(gift, existing, actor.language)
    session.flush()
    refresh_cadence(session, actor, contact_id=contact.id)  # a delivery check confirmed is an interaction
    return created


def _wanted_touches(gift: Gift) -> list[tuple[str, date, str]]:
    plan = rules.schedule()
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
    return wanted


def _add_touch(
    session: Session, *, contact: Contact, gift_id: int | None, purpose: str, channel: str, due_on: date,
    script: str, source: str | None, source_id: int | None,
) -> Touch:
    touch = new_touch(contact=contact, gift_id=gift_id, purpose=purpose, channel=channel, due_on=due_on,
                      script=script, source=source, source_id=source_id)
    session.add(touch)
    session.flush()
    return touch


def _open_touch(session: Session, actor: Actor, touch_id: int, verb: str) -> Touch:
    touch = get_touch(session, actor, touch_id=touch_id)
    if touch.status != TouchStatus.OPEN:
        raise Conflict("followups.touch_already_create_new", touch_id=touch_id, status=touch.status, verb=verb)
    return touch


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

