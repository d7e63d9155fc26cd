"""Plan small gestures for a stored contact, and accept a plan into planned gifts and touches.

Gathers what the pure planner (:mod:`giftwise.gifts.gestures`) needs: the contact's dates, their
known needs (facts), and the items that may be given. Accepting goes through the gift and touch
services, so compliance and auditing apply to every gesture.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import visible_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.settings import get_settings
from giftwise.followups.dates_view import contact_dates
from giftwise.gifts import gestures
from giftwise.gifts.schemas import AcceptedGesturePlan, GesturePlanRead, GestureRead
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift
from giftwise.models.understanding import Fact

# Fact kinds as the understanding domain names them (giftwise/understanding/facts.py).
NEED_KINDS = ("need", "event", "wish", "interest")
AVOID_KINDS = ("restriction", "caution", "dislike", "lapsed", "saturation")
OCCASION_OF_DATE = {"birthday": "birthday", "anniversary": "anniversary", "festival": "festival", "custom": "care"}
REPEAT_WINDOW_DAYS = 365
FREE_GESTURE = {"en": "(a call, no gift)", "zh": "（打个电话，不送礼）"}


def gesture_plan(
    session: Session, actor: Actor, *, contact_id: int, budget: Decimal, months: int = 6, currency: str | None = None
) -> GesturePlanRead:
    """A budget split into monthly small gestures for a visible contact, tied to their needs and dates."""
    from giftwise.core.errors import Invalid

    if budget <= 0:
        raise Invalid("The budget must be more than 0.", field="budget")
    if not 1 <= months <= 24:
        raise Invalid("Plan 1 to 24 months ahead.", field="months")
    contact = visible_contact(session, actor, contact_id)
    money = currency or get_settings().default_currency
    start = clock.today()
    end = gestures.add_months(start, months)
    lang = "en" if contact.language == "en" else "zh"
    anchors = [
        gestures.Anchor(on=d.on, kind=d.kind, name=d.name, occasion=OCCASION_OF_DATE.get(d.kind, "care"))
        for d in contact_dates(session, contact, start=start, end=end, language=lang)
    ]
    needs = _needs(session, contact, start)
    candidates, source, notes = _candidates(session, actor, contact, money, start)
    planned = gestures.plan(start=start, months=months, budget=budget, anchors=anchors, needs=needs,
                            candidates=candidates, language=lang)
    rows = [
        GestureRead(on=g.on, occasion=g.occasion, anchor=g.anchor, need=g.need,
                    item_id=g.item.item_id if g.item else None, sku=g.item.sku if g.item else None,
                    item_name=g.item.name if g.item else FREE_GESTURE[lang],
                    cost=g.cost, why=g.why)
        for g in planned.gestures
    ]
    return GesturePlanRead(
        contact_id=contact.id, contact_name=contact.name, budget=budget, currency=money, months=months,
        start=start, end=end, total_cost=sum((r.cost for r in rows), Decimal("0")), unspent=planned.unspent,
        source=source, gestures=rows, notes=notes,
    )


def accept_gesture_plan(
    session: Session, actor: Actor, *, contact_id: int, budget: Decimal, months: int = 6, currency: str | None = None
) -> AcceptedGesturePlan:
    """Turn the gesture plan into planned gifts and dated touches (all or nothing)."""
    from giftwise.followups.schemas import TouchCreate
    from giftwise.followups.service import create_touch
    from giftwise.gifts.schemas import GiftCreate
    from giftwise.gifts.service import plan_gift

    proposal = gesture_plan(session, actor, contact_id=contact_id, budget=budget, months=months, currency=currency)
    gift_ids: list[int] = []
    touch_ids: list[int] = []
    for gesture in proposal.gestures:
        gift_id = None
        script = gesture.why
        if gesture.item_id is not None:
            gift = plan_gift(session, actor, data=GiftCreate(
                contact_id=contact_id, item_id=gesture.item_id, occasion=gesture.occasion, cost=gesture.cost,
                currency=proposal.currency, reason=gesture.why,
            ))
            gift_id, script = gift.id, gift.story
            gift_ids.append(gift.id)
        touch = create_touch(session, actor, data=TouchCreate(
            contact_id=contact_id, gift_id=gift_id, purpose="gesture", channel="message" if gift_id else "call",
            due_on=gesture.on, script=script, source="gesture-plan", source_id=gift_id,
        ))
        touch_ids.append(touch.id)
    return AcceptedGesturePlan(plan=proposal, gift_ids=gift_ids, touch_ids=touch_ids)


def _needs(session: Session, contact: Contact, today: date) -> list[str]:
    facts = session.scalars(
        select(Fact).where(Fact.contact_id == contact.id, Fact.kind.in_(NEED_KINDS), Fact.status == "active")
        .order_by(Fact.observed_on.desc(), Fact.id.desc())
    )
    fresh = [f for f in facts if f.fades_after is None or f.fades_after >= today]
    order = {kind: rank for rank, kind in enumerate(NEED_KINDS)}
    fresh.sort(key=lambda f: order.get(f.kind, len(order)))
    return list(dict.fromkeys(f.concept.lower() for f in fresh))


def _candidates(
    session: Session, actor: Actor, contact: Contact, currency: str, today: date
) -> tuple[list[gestures.Candidate], Literal["recommender", "catalog"], list[str]]:
    avoid = {c.lower() for c in session.scalars(
        select(Fact.concept).where(Fact.contact_id == contact.id, Fact.kind.in_(AVOID_KINDS), Fact.status == "active")
    )}
    recent = set(session.scalars(
        select(Gift.item_id).where(Gift.contact_id == contact.id, Gift.item_id.is_not(None),
                                   Gift.planned_on >= today - timedelta(days=REPEAT_WINDOW_DAYS))
    ))
    lang = "en" if contact.language == "en" else "zh"
    found: list[gestures.Candidate] = []
    items = session.scalars(
        select(CatalogItem)
        .where(CatalogItem.active.is_(True), CatalogItem.currency == currency)
        .order_by(CatalogItem.id)
    )
    for item in items:
        concepts = frozenset({t.lower() for t in item.tags or []} | {item.category.lower()} - {""})
        if item.id in recent or concepts & avoid:
            continue
        name = (item.name_en or item.name_zh) if lang == "en" else (item.name_zh or item.name_en)
        found.append(gestures.Candidate(item_id=item.id, sku=item.sku, name=name or item.sku, price=Decimal(item.price),
                                        concepts=concepts, occasions=concepts))
    notes = ["items picked from the catalog by the contact's facts and price (recommender not available)"]
    return found, "catalog", notes
