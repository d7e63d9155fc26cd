"""The database side of the cadence (``cadence.py``): one open keep-in-touch call and one visit per contact
with a cadence, kept current by the writes that move them (a contact, a dated note, a touch finished)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, sender_signature
from giftwise.core.actor import Actor
from giftwise.followups import cadence, repository, rules, scripts
from giftwise.followups.touches import new_touch
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch, TouchStatus

CADENCE_SOURCE = "cadence"
CADENCE_TOUCHES = (("keep-in-touch", "call"), ("visit", "meeting"))


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
        for purpose, channel in CADENCE_TOUCHES:
            days = contact.touch_cadence_days if purpose == "keep-in-touch" else contact.visit_cadence_days
            if not days:
                continue
            due = _due(contact, purpose, days, history.get(contact.id, []))
            touch = open_touches.get((contact.id, purpose))
            if touch is not None:
                touch.due_on = max(touch.due_on, due)  # a newer interaction pushes it later; a snooze is kept
                continue
            created.append(_add_cadence_touch(session, contact, purpose, channel, due))
    session.flush()
    return created


def _due(contact: Contact, purpose: str, days: int, past: list[tuple[date, str]]) -> date:
    since = contact.relationship_since or contact.created_at.date()
    if purpose == "keep-in-touch":
        return cadence.touch_due(past, days, since=since, weight=rules.channel_weight)
    return cadence.visit_due(past, days, since=since)


def _add_cadence_touch(session: Session, contact: Contact, purpose: str, channel: str, due: date) -> Touch:
    sender = sender_signature(session, user_id=contact.owner_id, language=scripts.contact_language(contact))
    touch = new_touch(contact=contact, gift_id=None, purpose=purpose, channel=channel, due_on=due,
                      script=scripts.cadence_script(purpose, contact=contact, sender=sender), source=CADENCE_SOURCE,
                      source_id=contact.id)
    session.add(touch)
    return touch


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
