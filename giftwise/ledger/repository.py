"""Queries behind the ledger: outcomes, and the gifts, touches and campaigns they point at."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from giftwise.models.contacts import Contact
from giftwise.models.outcomes import Outcome


def outcomes_query(
    scope: ColumnElement[bool],
    *,
    contact_id: int | None = None,
    campaign_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Select[Outcome]:
    """Outcomes of contacts inside ``scope``, filtered, newest first."""
    query = select(Outcome).join(Contact, Contact.id == Outcome.contact_id).where(scope)
    if contact_id is not None:
        query = query.where(Outcome.contact_id == contact_id)
    if campaign_id is not None:
        query = query.where(Outcome.campaign_id == campaign_id)
    if kind is not None:
        query = query.where(Outcome.kind == kind)
    if since is not None:
        query = query.where(Outcome.on >= since)
    if until is not None:
        query = query.where(Outcome.on <= until)
    return query.order_by(Outcome.on.desc(), Outcome.id.desc())


def page_of_outcomes(
    session: Session, query: Select[Outcome], *, limit: int, offset: int
) -> tuple[Sequence[Outcome], int]:
    """One page of ``query`` and the total number of rows it matches."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return session.scalars(query.limit(limit).offset(offset)).all(), total
