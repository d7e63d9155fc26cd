"""Outcomes: the one place that records what came back from a relationship."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, record_audit, visible_contact, visible_owner_ids
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.ledger import repository
from giftwise.ledger.history import History
from giftwise.ledger.schemas import OutcomeCreate, OutcomeRead
from giftwise.models.campaigns import Campaign, GiftFactorSnapshot
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.outcomes import Outcome
from giftwise.money.service import rate_table, to_base

VALUED_KINDS = frozenset({"order", "referral"})


def record_outcome(session: Session, actor: Actor, *, data: OutcomeCreate) -> Outcome:
    """Record one outcome for a visible contact, checked against the gift, touch and campaign it names."""
    contact = visible_contact(session, actor, data.contact_id)
    on = data.on or clock.today()
    if on > clock.today():
        raise Invalid("ledger.outcome_date_future_record", on=on, field="on")
    _check_value(data.kind, data.value)
    touch = _touch_of(session, contact.id, data.touch_id)
    gift_id = data.gift_id if data.gift_id is not None else (touch.gift_id if touch else None)
    if touch is not None and touch.gift_id is not None and gift_id != touch.gift_id:
        raise Invalid(
            "ledger.touch_belongs_gift_gift", id=touch.id, gift_id=touch.gift_id, gift_id2=gift_id,
            field="gift_id",
        )
    gift = _gift_of(session, contact.id, gift_id, on)
    campaign_id = data.campaign_id if data.campaign_id is not None else (gift.campaign_id if gift else None)
    if gift is not None and gift.campaign_id is not None and campaign_id != gift.campaign_id:
        raise Invalid(
            "ledger.gift_sent_campaign_drop", id=gift.id, campaign_id=gift.campaign_id, campaign_id2=campaign_id,
            field="campaign_id",
        )
    campaign = _campaign_of(session, actor, contact.id, campaign_id)
    currency = data.currency or (gift.currency if gift else None) or (campaign.currency if campaign else None)
    outcome = Outcome(
        contact_id=contact.id,
        on=on,
        kind=data.kind,
        value=data.value,
        currency=currency or get_settings().default_currency,
        gift_id=gift.id if gift else None,
        touch_id=touch.id if touch else None,
        campaign_id=campaign.id if campaign else None,
        note=data.note,
    )
    session.add(outcome)
    session.flush()
    record_audit(
        session, actor, action="outcome.record", entity="outcome", entity_id=outcome.id,
        after={"contact_id": contact.id, "kind": outcome.kind, "value": str(outcome.value), "on": on.isoformat()},
    )
    return outcome


def list_outcomes(
    session: Session,
    actor: Actor,
    *,
    contact_id: int | None = None,
    campaign_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[OutcomeRead]:
    """The outcomes of contacts the actor may see, newest first, filtered and paginated."""
    if contact_id is not None:
        visible_contact(session, actor, contact_id)
    query = repository.outcomes_query(
        contact_scope(session, actor), contact_id=contact_id, campaign_id=campaign_id, kind=kind,
        since=since, until=until,
    )
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return page_of(OutcomeRead, rows, total=total, limit=limit, offset=offset)


def _check_value(kind: str, value: Decimal) -> None:
    if kind in VALUED_KINDS:
        if kind == "order" and value <= 0:
            raise Invalid("ledger.order_needs_value_greater", field="value")
        return
    if value != 0:
        raise Invalid("ledger.only_orders_referrals_carry", kind=kind, field="value")


def _touch_of(session: Session, contact_id: int, touch_id: int | None) -> Touch | None:
    if touch_id is None:
        return None
    touch = session.get(Touch, touch_id)
    if touch is None or touch.contact_id != contact_id:
        raise Invalid("ledger.touch_touch_contact_check", touch_id=touch_id, contact_id=contact_id, field="touch_id")
    return touch


def _gift_of(session: Session, contact_id: int, gift_id: int | None, on: date) -> Gift | None:
    if gift_id is None:
        return None
    gift = session.get(Gift, gift_id)
    if gift is None or gift.contact_id != contact_id:
        raise Invalid("ledger.gift_gift_contact_check", gift_id=gift_id, contact_id=contact_id, field="gift_id")
    if on < gift.planned_on:
        raise Invalid(
            "ledger.outcome_date_before_gift", on=on, gift_id=gift_id, planned_on=gift.planned_on,
            field="on",
        )
    return gift


def _campaign_of(session: Session, actor: Actor, contact_id: int, campaign_id: int | None) -> Campaign | None:
    if campaign_id is None:
        return None
    campaign = session.get(Campaign, campaign_id)
    owners = visible_owner_ids(session, actor)
    if campaign is None or (owners is not None and campaign.owner_id not in owners):
        raise NotFound("ledger.campaign_id", campaign_id=campaign_id)
    if not repository.is_campaign_target(session, campaign_id, contact_id):
        raise Invalid(
            "ledger.contact_target_campaign_add", contact_id=contact_id, campaign_id=campaign_id,
            field="campaign_id",
        )
    return campaign


def record_gift_factors(session: Session, actor: Actor, *, gift_id: int, factors: dict[str, float]) -> None:
    """Freeze a visible gift's scoring factors (once, when planned) so ``giftwise calibrate`` can learn from them."""
    gift = session.get(Gift, gift_id)
    if gift is None:
        raise NotFound("ledger.gift_id", gift_id=gift_id)
    visible_contact(session, actor, gift.contact_id)
    if not factors or not all(isinstance(v, int | float) for v in factors.values()):
        raise Invalid("ledger.factors_non_empty_mapping", field="factors")
    if repository.factor_snapshot(session, gift_id) is not None:
        raise Conflict("ledger.gift_already_factors_recorded", gift_id=gift_id)
    session.add(GiftFactorSnapshot(gift_id=gift_id, factors={k: float(v) for k, v in factors.items()},
                                   recorded_on=clock.today()))
    session.flush()


def load_history(
    session: Session,
    actor: Actor,
    *,
    contact_ids: Iterable[int] | None = None,
    campaign_id: int | None = None,
) -> History:
    """The history of the visible contacts (or ``contact_ids``); with a campaign, only its gifts and their touches.

    Only done touches are kept: open and skipped ones cost nothing and brought nothing back yet, and a book's
    open cadence touches would otherwise be most of what is read.
    """
    scope = contact_scope(session, actor)
    ids = None if contact_ids is None else sorted(set(contact_ids))
    gifts = repository.gifts_of(session, scope, contact_ids=ids, campaign_id=campaign_id)
    touches = repository.done_touches_of(session, scope, contact_ids=ids)
    if campaign_id is not None:
        gift_ids = {g.id for g in gifts}
        touches = [t for t in touches if t.gift_id in gift_ids or t.gift_id is None]
    outcomes = repository.outcomes_of(session, scope, contact_ids=ids)
    disputes = repository.disputes_in(session, scope) if ids is None else repository.disputes_of(session, ids)
    table = rate_table(session)
    return History(
        gifts=gifts,
        touches=touches,
        outcomes=outcomes,
        disputes=disputes,
        items=repository.items_by_id(session, (g.item_id for g in gifts if g.item_id)),
        to_base=lambda amount, currency, on: to_base(table, amount, currency, on),
        dispute_currency=repository.order_currencies(session, disputes),
    )
