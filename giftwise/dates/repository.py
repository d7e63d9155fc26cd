"""Queries behind the dates that matter: contacts with a birthday or a relationship start, custom dates."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_among, where_given
from giftwise.dates.schemas import DatedContact
from giftwise.models.contacts import Contact
from giftwise.models.followups import CustomDate


def contacts_with_dates(
    session: Session, scope: ColumnElement[bool], *, owner_id: int | None
) -> list[DatedContact]:
    """Visible, active contacts with a known birthday month and day or a relationship start (their dates' columns)."""
    query = select(Contact.id, Contact.name, Contact.owner_id, Contact.birthday_calendar, Contact.birthday_year,
                   Contact.birthday_month, Contact.birthday_day, Contact.relationship_since).where(
        scope, Contact.archived.is_(False),
        or_(Contact.birthday_day.is_not(None), Contact.relationship_since.is_not(None)),
    )
    if owner_id is not None:
        query = query.where(Contact.owner_id == owner_id)
    return [DatedContact(*row) for row in session.execute(query.order_by(Contact.id))]


def custom_dates(
    session: Session, *, owner_ids: Sequence[int] | None, contact_id: int | None = None
) -> list[CustomDate]:
    """Custom dates of these owners (all when ``None``), optionally of one contact."""
    query = where_given(where_among(select(CustomDate), (CustomDate.owner_id, owner_ids)),
                        (CustomDate.contact_id, contact_id))
    return list(session.scalars(query.order_by(CustomDate.month, CustomDate.day, CustomDate.id)))
