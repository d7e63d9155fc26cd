"""Queries behind disputes (select() style, nothing else)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_given
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute, DisputeStatus
from giftwise.models.outcomes import Outcome


def disputes_query(
    scope: ColumnElement[bool], *, contact_id: int | None, status: str | None
) -> Select[Dispute]:
    """Disputes of contacts inside ``scope``, newest first."""
    query = select(Dispute).join(Contact, Contact.id == Dispute.contact_id).where(scope)
    query = where_given(query, (Dispute.contact_id, contact_id), (Dispute.status, status))
    return query.order_by(Dispute.opened_on.desc(), Dispute.id.desc())


def open_dispute_on(session: Session, shipment_id: int) -> Dispute | None:
    """The dispute still open on a parcel, if any."""
    return session.scalars(
        select(Dispute).where(Dispute.shipment_id == shipment_id, Dispute.status == DisputeStatus.OPEN)
    ).first()


def orders_since(
    session: Session, contact_id: int, since: date, *, exclude_outcome_id: int | None
) -> Sequence[Outcome]:
    """Order outcomes of a contact on or after ``since`` (a reorder after a dispute), oldest first."""
    query = select(Outcome).where(Outcome.contact_id == contact_id, Outcome.kind == "order", Outcome.on >= since)
    if exclude_outcome_id is not None:
        query = query.where(Outcome.id != exclude_outcome_id)
    return session.scalars(query.order_by(Outcome.on, Outcome.id)).all()

