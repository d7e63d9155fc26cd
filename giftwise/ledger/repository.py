"""Queries behind the ledger: outcomes, and the gifts, touches and campaigns they point at."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_among, where_given
from giftwise.ledger.history import DoneTouch
from giftwise.models.campaigns import CampaignTarget, GiftFactorSnapshot
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch, TouchStatus
from giftwise.models.gifts import GIFT_SPENT, Gift
from giftwise.models.orders import Order
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
    query = where_given(
        query, (Outcome.contact_id, contact_id), (Outcome.campaign_id, campaign_id), (Outcome.kind, kind)
    )
    if since is not None:
        query = query.where(Outcome.on >= since)
    if until is not None:
        query = query.where(Outcome.on <= until)
    return query.order_by(Outcome.on.desc(), Outcome.id.desc())



def contacts_in(
    session: Session, scope: ColumnElement[bool], contact_ids: Iterable[int] | None = None
) -> list[Contact]:
    """Visible, non-archived contacts (optionally only ``contact_ids``), by name."""
    query = where_among(select(Contact).where(scope, Contact.archived.is_(False)), (Contact.id, contact_ids))
    return list(session.scalars(query.order_by(Contact.name, Contact.id)))


def contacts_by_spend(
    session: Session, scope: ColumnElement[bool], *, since: date | None, until: date, limit: int, offset: int,
) -> tuple[list[Contact], int]:
    """One page of the visible, non-archived contacts, biggest spender in the period first (then by name), and
    how many there are. Ordered in SQL over the whole book; amounts are summed as stored (the page's books
    convert each through the rate table)."""
    day = func.coalesce(Gift.delivered_on, Gift.shipped_on, Gift.ordered_on, Gift.planned_on)
    in_period = [Gift.status.in_([s.value for s in GIFT_SPENT]), day <= until]
    if since is not None:
        in_period.append(day >= since)
    spent = (select(Gift.contact_id, func.sum(Gift.cost + Gift.shipping_cost).label("spent"))
             .where(*in_period).group_by(Gift.contact_id).subquery())
    visible = select(Contact).where(scope, Contact.archived.is_(False))
    total = session.scalar(select(func.count()).select_from(visible.subquery())) or 0
    query = (visible.outerjoin(spent, spent.c.contact_id == Contact.id)
             .order_by(func.coalesce(spent.c.spent, 0).desc(), Contact.name, Contact.id).limit(limit).offset(offset))
    return list(session.scalars(query)), total


def gifts_of(
    session: Session, scope: ColumnElement[bool], *, contact_ids: Iterable[int] | None = None,
    campaign_id: int | None = None,
) -> list[Gift]:
    """Gifts to visible contacts, optionally only some contacts' or one campaign's, oldest first."""
    query = select(Gift).join(Contact, Contact.id == Gift.contact_id).where(scope)
    query = where_given(where_among(query, (Gift.contact_id, contact_ids)), (Gift.campaign_id, campaign_id))
    return list(session.scalars(query.order_by(Gift.planned_on, Gift.id)))


def touches_of(
    session: Session, scope: ColumnElement[bool], *, contact_ids: Iterable[int] | None = None,
    gift_ids: Iterable[int] | None = None, status: str | None = None,
) -> list[Touch]:
    """Touches of visible contacts, optionally only some contacts', linked to some gifts or in one status, by
    due date."""
    query = where_among(select(Touch).join(Contact, Contact.id == Touch.contact_id).where(scope),
                        (Touch.contact_id, contact_ids), (Touch.gift_id, gift_ids))
    query = where_given(query, (Touch.status, status))
    return list(session.scalars(query.order_by(Touch.due_on, Touch.id)))


def done_touches_of(
    session: Session, scope: ColumnElement[bool], *, contact_ids: Iterable[int] | None = None
) -> list[DoneTouch]:
    """Done touches of visible contacts (optionally only some), by due date: only the columns the ledger reads."""
    query = (select(Touch.id, Touch.contact_id, Touch.gift_id, Touch.status, Touch.done_on, Touch.minutes_spent)
             .join(Contact, Contact.id == Touch.contact_id).where(scope, Touch.status == TouchStatus.DONE))
    if contact_ids is not None:
        query = query.where(Touch.contact_id.in_(list(contact_ids)))
    return [DoneTouch(*row) for row in session.execute(query.order_by(Touch.due_on, Touch.id))]


def contact_names_in(
    session: Session, scope: ColumnElement[bool], contact_ids: Iterable[int] | None = None
) -> list[tuple[int, str]]:
    """(id, name) of visible, non-archived contacts (optionally only ``contact_ids``), by name: what a list of
    a whole book's relationships needs, without building each contact."""
    query = select(Contact.id, Contact.name).where(scope, Contact.archived.is_(False))
    if contact_ids is not None:
        query = query.where(Contact.id.in_(list(contact_ids)))
    return [(contact_id, name) for contact_id, name in session.execute(query.order_by(Contact.name, Contact.id))]


def outcomes_of(
    session: Session, scope: ColumnElement[bool], *, contact_ids: Iterable[int] | None = None
) -> list[Outcome]:
    """Outcomes of visible contacts (optionally only some), oldest first."""
    query = where_among(select(Outcome).join(Contact, Contact.id == Outcome.contact_id).where(scope),
                        (Outcome.contact_id, contact_ids))
    return list(session.scalars(query.order_by(Outcome.on, Outcome.id)))


def items_by_id(session: Session, item_ids: Iterable[int]) -> dict[int, CatalogItem]:
    """Catalog items keyed by id."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    return {item.id: item for item in session.scalars(select(CatalogItem).where(CatalogItem.id.in_(ids)))}


def disputes_of(session: Session, contact_ids: Iterable[int]) -> list[Dispute]:
    """Every dispute with these contacts (read for friction, cost and hours), oldest first."""
    ids = list(contact_ids)
    if not ids:
        return []
    return list(session.scalars(select(Dispute).where(Dispute.contact_id.in_(ids)).order_by(Dispute.opened_on)))


def disputes_in(session: Session, scope: ColumnElement[bool]) -> list[Dispute]:
    """Every dispute with a visible contact, oldest first (a whole book's, without listing its contacts)."""
    query = select(Dispute).join(Contact, Contact.id == Dispute.contact_id).where(scope)
    return list(session.scalars(query.order_by(Dispute.opened_on)))


def order_currencies(session: Session, disputes: Iterable[Dispute]) -> dict[int, str]:
    """The currency of each dispute's order (a dispute's costs are in it), by dispute id."""
    order_ids = {d.order_id: d.id for d in disputes}
    if not order_ids:
        return {}
    rows = session.execute(select(Order.id, Order.currency).where(Order.id.in_(order_ids)))
    return {order_ids[order_id]: currency for order_id, currency in rows}


def factor_snapshot(session: Session, gift_id: int) -> GiftFactorSnapshot | None:
    """The frozen scoring factors of a gift, if recorded."""
    return session.scalars(select(GiftFactorSnapshot).where(GiftFactorSnapshot.gift_id == gift_id)).first()


def is_campaign_target(session: Session, campaign_id: int, contact_id: int) -> bool:
    """Whether ``contact_id`` is a target of ``campaign_id`` (an outcome may only count for such a campaign)."""
    found = session.scalar(select(CampaignTarget.id).where(
        CampaignTarget.campaign_id == campaign_id, CampaignTarget.contact_id == contact_id).limit(1))
    return found is not None
