"""Plan small gestures for a stored contact, and accept a plan into planned gifts and touches.

Gathers what the pure planner (:mod:`giftwise.gestures.planner`) needs: the contact's dates, their
known needs (facts), and the items that may be given. Accepting goes through the gift and touch
services, so compliance and auditing apply to every gesture.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import sender_signature, visible_contact
from giftwise.compliance.service import policy_in_force
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import N_, normalize_language, t
from giftwise.core.settings import get_settings
from giftwise.dates.service import contact_dates
from giftwise.followups import scripts
from giftwise.followups.schemas import Channel, TouchCreate
from giftwise.followups.service import create_touch
from giftwise.gestures import planner
from giftwise.gestures.schemas import AcceptedGesturePlan, GesturePlanRead, GestureRead
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.money.service import known_currency
from giftwise.recommend.engine import score_pairs
from giftwise.recommend.files import make_request
from giftwise.recommend.service import person_for, stored_catalog
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.profile import understand
from giftwise.understanding.service import fact_records_as_read, read_notes

# Fact kinds as the understanding domain names them (giftwise/understanding/facts.py).
NEED_KINDS = ("need", "event", "wish", "interest")
OCCASION_OF_DATE = {"birthday": "birthday", "anniversary": "anniversary", "festival": "festival", "custom": "care"}
# What a gesture without a catalog item is called, by kind.
FREE_GESTURE = {
    "call": N_("gestures.free.call"), "card": N_("gestures.free.card"), "article": N_("gestures.free.article"),
}
CHANNEL_OF_KIND: dict[str, Channel] = {"item": "message", "card": "message", "article": "message", "call": "call"}


def gesture_plan(
    session: Session, actor: Actor, *, contact_id: int, budget: Decimal, months: int = 6, currency: str | None = None
) -> GesturePlanRead:
    """A budget split into monthly small gestures for a visible contact, tied to their needs and dates."""
    if budget <= 0:
        raise Invalid("gestures.budget_more_than", field="budget")
    if not 1 <= months <= 24:
        raise Invalid("gestures.plan_months_ahead", field="months")
    contact = visible_contact(session, actor, contact_id)
    money = known_currency(session, currency or get_settings().default_currency)
    start = clock.today()
    end = planner.add_months(start, months)
    lang = normalize_language(contact.language)
    anchors = [
        planner.Anchor(on=d.on, kind=d.kind, name=d.name, occasion=OCCASION_OF_DATE.get(d.kind, "care"))
        for d in contact_dates(session, contact, start=start, end=end, language=lang)
    ]

    # A proposal stores nothing: notes not yet read with the current lexicon are read in memory.
    records = fact_records_as_read(session, contact_ids=[contact.id]).get(contact.id, [])
    needs = _needs(records, start)
    candidates, source, notes = _candidates(session, actor, contact, records, money, budget, start)
    planned = planner.plan(start=start, months=months, budget=budget, anchors=anchors, needs=needs,
                            candidates=candidates, language=lang, labels=_labels(needs, lang))
    rows = [
        GestureRead(on=g.on, occasion=g.occasion, anchor=g.anchor, need=g.need,
                    item_id=g.item.item_id if g.item else None, sku=g.item.sku if g.item else None,
                    item_name=g.item.name if g.item else t(FREE_GESTURE[g.kind], lang),
                    cost=g.cost, why=g.why, kind=g.kind)
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
    read_notes(session, actor, contact_ids=[contact_id])  # what the plan read in memory, stored with it
    proposal = gesture_plan(session, actor, contact_id=contact_id, budget=budget, months=months, currency=currency)
    contact = visible_contact(session, actor, contact_id)
    lang = scripts.contact_language(contact)
    sender = sender_signature(session, user_id=contact.owner_id, language=lang)
    labels = _labels([g.need for g in proposal.gestures if g.need], lang)
    gift_ids: list[int] = []
    touch_ids: list[int] = []
    for gesture in proposal.gestures:
        gift_id = None
        topic = labels.get(gesture.need, gesture.need or "") if gesture.need else ""
        script = scripts.gesture_script(gesture.kind, contact=contact, topic=topic, sender=sender)
        if gesture.item_id is not None:
            gift = plan_gift(session, actor, data=GiftCreate(
                contact_id=contact_id, item_id=gesture.item_id, occasion=gesture.occasion, cost=gesture.cost,
                currency=proposal.currency, reason=gesture.why,
            ))
            gift_id, script = gift.id, gift.story
            gift_ids.append(gift.id)
        touch = create_touch(session, actor, data=TouchCreate(
            contact_id=contact_id, gift_id=gift_id, purpose="gesture", channel=CHANNEL_OF_KIND[gesture.kind],
            due_on=gesture.on, script=script, source="gesture-plan", source_id=gift_id,
        ))
        touch_ids.append(touch.id)
    return AcceptedGesturePlan(plan=proposal, gift_ids=gift_ids, touch_ids=touch_ids)


def _labels(concepts: list[str], language: str) -> dict[str, str]:
    lexicon = load_lexicon()
    found = {}
    for concept_id in concepts:
        concept = lexicon.concept(concept_id)
        if concept is not None:
            found[concept_id] = concept.label.get(language) or concept.label.get("en") or concept_id
    return found


def _needs(records: list[FactRecord], today: date) -> list[str]:
    """The contact's own needs, events, wishes and interests that still hold on ``today``, in that order and the
    newest first within each (a relative's, a denied or an ended one is not the contact's)."""
    understood = understand(records, today, load_lexicon())
    signals = {"need": understood.needs, "event": understood.events, "wish": understood.wishes,
               "interest": understood.interests}
    ordered = []
    for kind in NEED_KINDS:
        fresh = [(concept, s) for concept, s in signals[kind].items()
                 if s.best is not None and (s.best.fades_after is None or s.best.fades_after >= today)]
        fresh.sort(key=lambda pair: pair[1].best.observed_on if pair[1].best else today, reverse=True)
        ordered += [concept.lower() for concept, _ in fresh]
    return list(dict.fromkeys(ordered))


def _candidates(
    session: Session, actor: Actor, contact: Contact, records: list[FactRecord], currency: str, budget: Decimal,
    today: date,
) -> tuple[list[planner.Candidate], Literal["recommender", "catalog"], list[str]]:
    """Items the recommender lets through for this contact (restrictions, compliance, repeats), scored."""
    lexicon, policy = load_lexicon(), policy_in_force(session)
    stored = {i.sku: i for i in session.scalars(select(CatalogItem).where(CatalogItem.active.is_(True)))}
    if not stored:
        return [], "recommender", [t("gestures.note_empty_catalog", actor.language)]
    profiles = stored_catalog(session, lexicon)
    person = person_for(session, contact, as_of=today, lexicon=lexicon, policy=policy, facts=records)
    scores: dict[str, dict[str, float]] = {}
    prices: dict[str, Decimal] = {}
    for occasion in dict.fromkeys(planner.RECOMMENDER_OCCASION.values()):
        request = make_request(occasion, budget, currency, today, len(profiles))
        for scored in score_pairs(person, profiles, request, lexicon=lexicon, policy=policy).recommendations:
            # A small gesture should never wait for a manager's approval, nor be something they
            # said they dislike or have had enough of.
            if scored.needs_approval or scored.price is None or scored.item.id not in stored:
                continue
            if scored.factors.get("saturation", 0.0) < 0 or scored.factors.get("dislike", 0.0) < 0:
                continue
            scores.setdefault(scored.item.id, {})[occasion] = scored.score
            prices[scored.item.id] = Decimal(scored.price)
    lang = normalize_language(contact.language)
    by_id = {p.id: p for p in profiles}
    found = [
        planner.Candidate(item_id=stored[sku].id, sku=sku, name=by_id[sku].display_name(lang), price=prices[sku],
                           concepts=frozenset(by_id[sku].leaf_concepts), scores=fits)
        for sku, fits in sorted(scores.items())
    ]
    return found, "recommender", [t("gestures.note_ranked", actor.language)]
