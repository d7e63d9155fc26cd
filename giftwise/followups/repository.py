"""Queries over touches, custom dates, digest logs, and the contact data follow-ups read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from giftwise.core.queries import counted_page, where_given
from giftwise.models.accounts import Team, User
from giftwise.models.contacts import Contact, Note
from giftwise.models.followups import TOUCH_FINISHED, Touch, TouchStatus


def touches_of_gift(session: Session, gift_id: int) -> list[Touch]:
    """Every touch linked to a gift, in any status."""
    return list(session.scalars(select(Touch).where(Touch.gift_id == gift_id).order_by(Touch.id)))


def open_touches_until(
    session: Session, scope: ColumnElement[bool], *, owner_id: int | None, until: date
) -> list[tuple[Touch, Contact]]:
    """Open touches due on or before ``until`` for visible, non-archived contacts, with their contact."""
    query = (
        select(Touch, Contact)
        .join(Contact, Contact.id == Touch.contact_id)
        .where(scope, Touch.status == TouchStatus.OPEN, Touch.due_on <= until, Contact.archived.is_(False))
    )
    if owner_id is not None:
        query = query.where(Touch.owner_id == owner_id)
    return [(t, c) for t, c in session.execute(query.order_by(Touch.due_on, Touch.id))]


def touches_page(
    session: Session,
    scope: ColumnElement[bool],
    *,
    contact_id: int | None,
    gift_id: int | None,
    status: str | None,
    purpose: str | None,
    source: str | None,
    source_id: int | None,
    limit: int,
    offset: int,
) -> tuple[list[Touch], int]:
    """One page of touches for visible contacts, soonest first, and the total count."""
    query = select(Touch).join(Contact, Contact.id == Touch.contact_id).where(scope)
    query = where_given(
        query, (Touch.contact_id, contact_id), (Touch.gift_id, gift_id), (Touch.status, status),
        (Touch.purpose, purpose), (Touch.source, source), (Touch.source_id, source_id),
    )  # fmt: skip
    rows, total = counted_page(session, query.order_by(Touch.due_on, Touch.id), limit=limit, offset=offset)
    return list(rows), total


def open_cadence_touches(session: Session, contact_ids: Sequence[int]) -> dict[tuple[int, str], Touch]:
    """Open self-scheduled cadence touches of these contacts, by (contact id, purpose)."""
    found: dict[tuple[int, str], Touch] = {}
    for start in range(0, len(contact_ids), 5000):  # stay under the database's parameter limit
        chunk = contact_ids[start : start + 5000]
        rows = session.scalars(
            select(Touch).where(Touch.contact_id.in_(chunk), Touch.source == "cadence",
                                Touch.status == TouchStatus.OPEN)
        )
        for touch in rows:
            found.setdefault((touch.contact_id, touch.purpose), touch)
    return found


def contacts_with_cadence(
    session: Session, scope: ColumnElement[bool], *, owner_id: int | None, contact_id: int | None
) -> list[Contact]:
    """Visible, active contacts that have a keep-in-touch or visit cadence."""
    query = select(Contact).where(
        scope, Contact.archived.is_(False),
        or_(Contact.touch_cadence_days.is_not(None), Contact.visit_cadence_days.is_not(None)),
    )
    if owner_id is not None:
        query = query.where(Contact.owner_id == owner_id)
    if contact_id is not None:
        query = query.where(Contact.id == contact_id)
    return list(session.scalars(query.order_by(Contact.id)))


def done_touches(session: Session, contact_ids: Sequence[int]) -> list[tuple[int, date, str, str, str | None]]:
    """(contact id, date, channel, status, source) of touches done or skipped, for these contacts."""
    found: list[tuple[int, date, str, str, str | None]] = []
    for start in range(0, len(contact_ids), 5000):
        rows = session.execute(
            select(Touch.contact_id, Touch.done_on, Touch.channel, Touch.status, Touch.source).where(
                Touch.contact_id.in_(contact_ids[start : start + 5000]), Touch.status.in_(sorted(TOUCH_FINISHED)),
                Touch.done_on.is_not(None),
            )
        )
        found.extend((cid, on, channel, status, source) for cid, on, channel, status, source in rows if on)
    return found


def notes_dated(session: Session, contact_ids: Sequence[int]) -> list[tuple[int, date, str]]:
    """(contact id, date, channel) of every note about these contacts: each is a real interaction."""
    found: list[tuple[int, date, str]] = []
    for start in range(0, len(contact_ids), 5000):
        rows = session.execute(
            select(Note.contact_id, Note.on, Note.channel).where(Note.contact_id.in_(contact_ids[start : start + 5000]))
        )
        found.extend((cid, on, channel) for cid, on, channel in rows)
    return found


def team_half_life(session: Session, user_id: int) -> float | None:
    """The gratitude half-life set on the user's team, if any."""
    return session.scalar(
        select(Team.gratitude_half_life_days).join(User, User.team_id == Team.id).where(User.id == user_id)
    )


def team_by_name(session: Session, name: str) -> Team | None:
    """The team called ``name``, if any."""
    return session.scalars(select(Team).where(Team.name == name)).first()
