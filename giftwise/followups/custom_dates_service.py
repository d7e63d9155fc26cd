"""Custom dates: the yearly dates a rep adds (for a contact, or for their whole book), shown on the agenda
with birthdays, anniversaries and festivals (``dates.service.important_dates``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.accounts.service import visible_contact, visible_owner_ids
from giftwise.contacts.birthdays import birthday_problem
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid, NotFound
from giftwise.dates import repository as dates_repository
from giftwise.followups.schemas import CustomDateCreate
from giftwise.models.followups import CustomDate


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
