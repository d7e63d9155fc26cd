"""The rules of gifts: plan one (kind, free will, compliance, drafted words) and move it through its life.

What a step sets off in other domains (a campaign's say on who may get a campaign gift, the
follow-up touches of each status) is :mod:`giftwise.workflows.gift_steps`, which the edges call.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import (
    contact_scope,
    record_audit,
    sender_signature,
    visible_contact,
    visible_record,
)
from giftwise.catalog.service import portable_item
from giftwise.catalog.wording import item_name, usage_tip
from giftwise.compliance.service import check_gift, policy_in_force
from giftwise.core import clock
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.core.i18n import Choices, t
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.gifts import drafts, lifecycle, repository
from giftwise.gifts.compliance_gate import Verdict
from giftwise.gifts.guard_gate import GuardRefused
from giftwise.gifts.learning import lesson_concepts
from giftwise.gifts.schemas import Drafts, GiftCreate, GiftRead, GiftUpdate
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import ITEM_KINDS, Gift, GiftEvent, GiftStatus
from giftwise.models.understanding import Fact
from giftwise.recommend.service import guard_gift
from giftwise.understanding.service import add_fact


class GiftRefused(Forbidden):
    """The compliance policy forbids this gift; the detail gives the policy's reasons."""

    title = "Gift not allowed"


class GiftStepRefused(Forbidden):
    """The acting user may not take this step (a rep approving a gift that needs a manager)."""


def plan_gift(session: Session, actor: Actor, *, data: GiftCreate) -> Gift:
    """Plan a gift for a visible contact: derive kind and free will, check compliance, draft story and card.

    A campaign gift is checked against its campaign by ``giftwise.workflows.gift_steps.plan``.
    """
    contact = visible_contact(session, actor, data.contact_id)
    if contact.archived:
        raise Invalid("gifts.archived_restore_contact_before", name=contact.name, field="contact_id")
    item = _resolve_item(session, data)
    rule = drafts.occasion_rule(data.occasion)
    cost = _cost_of(session, data, item)
    if item is None and data.item_kind is None:
        raise Invalid("gifts.say_what_kind_described", field="item_kind", kinds=item_kinds())
    currency = data.currency or (item.currency if item else get_settings().default_currency)
    verdict, cautions = clear_choice(session, actor, contact=contact, item=item, description=data.description,
                                     item_kind=data.item_kind, cost=cost, currency=currency, occasion=data.occasion,
                                     override_reason=data.override_reason)
    kind = data.kind or derive_kind(session, contact=contact, item=item, occasion_kind=rule.kind)
    derived_free_will = rule.free_will and kind != "obligation"
    gift = Gift(
        contact_id=contact.id, item_id=item.id if item else None, description=data.description,
        item_kind=data.item_kind, campaign_id=data.campaign_id, occasion=data.occasion, kind=kind,
        free_will=derived_free_will if data.free_will is None else data.free_will,
        free_will_overridden=data.free_will is not None and data.free_will != derived_free_will,
        cost=cost, shipping_cost=data.shipping_cost, currency=currency, reason=data.reason,
        status=GiftStatus.PLANNED, planned_on=data.planned_on or clock.today(),
        needs_approval=verdict.needs_approval, compliance_notes=[*verdict.reasons, *cautions],
        owner_id=contact.owner_id,
    )
    if gift.planned_on > clock.today():
        raise Invalid("gifts.gift_planned_future_date",
                      field="planned_on")
    words = _draft_words(session, actor, gift=gift, contact=contact, item=item)
    gift.story, gift.card_text = words.story, words.card_text
    session.add(gift)
    session.flush()
    session.add(GiftEvent(gift_id=gift.id, from_status=None, to_status=GiftStatus.PLANNED, on=gift.planned_on,
                          reason=data.reason or None, actor_id=actor.user_id))
    record_audit(session, actor, action="gift.plan", entity="gift", entity_id=gift.id, after=_snapshot(gift))
    session.flush()
    return gift


def clear_choice(
    session: Session, actor: Actor, *, contact: Contact, item: CatalogItem | None, description: str = "",
    cost: Decimal, currency: str, occasion: str, override_reason: str = "", item_kind: str | None = None,
) -> tuple[Verdict, list[str]]:
    """The one check every chosen gift passes (planning, a recipient's swap): the compliance policy, then the
    fail-safe guard. Returns the verdict and the guard's cautions; GiftRefused or GuardRefused when it must not go."""
    verdict = consult_compliance(
        session, actor, contact=contact, item=item, description=description, cost=cost, currency=currency,
        occasion=occasion, item_kind=item_kind,
    )
    if not verdict.allowed:
        reasons = "; ".join(r.rstrip("。.") for r in verdict.reasons) or t("gifts.policy_forbids", actor.language)
        raise GiftRefused(t("gifts.refused", actor.language, reasons=reasons))
    cautions = consult_guard(session, actor, contact=contact, item=item, description=description, cost=cost,
                             currency=currency, occasion=occasion, override_reason=override_reason)
    return verdict, cautions


def consult_compliance(
    session: Session,
    actor: Actor,
    *,
    contact: Contact,
    item: CatalogItem | None,
    description: str,
    cost: Decimal,
    currency: str,
    occasion: str,
    item_kind: str | None = None,
) -> Verdict:
    """The compliance verdict on a gift about to be planned (the compliance domain judges it with what the
    database knows: public official, state-owned employer, open tender, what we gave in 12 months); a described
    gift's ``item_kind`` says whether it is cash or a voucher whatever its words."""
    answer = check_gift(session, actor, contact_id=contact.id, item_id=item.id if item else None,
                        description=description, cost=cost, currency=currency, occasion=occasion,
                        item_kind=item_kind)
    return Verdict(allowed=answer.allowed, needs_approval=answer.needs_approval, reasons=list(answer.reasons))


def consult_guard(
    session: Session, actor: Actor, *, contact: Contact, item: CatalogItem | None, description: str,
    cost: Decimal, currency: str, occasion: str = "thank-you", override_reason: str = "",
) -> list[str]:
    """The fail-safe guard's cautions for a gift about to be planned; GuardRefused when it must not be given.

    The recommend domain's guard re-reads the gift against everything known about the contact (restrictions,
    the compliance policy). An overridable block with an ``override_reason`` lets the gift through and leaves
    an audit entry; compliance is never overridable."""
    found = guard_gift(session, actor, contact=contact, item=portable_item(item) if item else None,
                       description=description, cost=cost, currency=currency, occasion=occasion)
    cautions = [f.reason for f in found.cautions]
    if found.allowed:
        return cautions
    reasons = "; ".join(r.rstrip("。.") for r in found.reasons())
    if not found.overridable:
        raise GuardRefused(t("guard.override_compliance", actor.language, reasons=reasons))
    if not override_reason.strip():
        raise GuardRefused(t("guard.override_needs_reason", actor.language, reasons=reasons))
    record_audit(session, actor, action="gift.guard_override", entity="contact", entity_id=contact.id,
                 after={"item": item.sku if item else description, "blocked": found.reasons(),
                        "override_reason": override_reason.strip()})
    return [*cautions, t("guard.overridden", actor.language, reasons=reasons, reason=override_reason.strip())]


def swap_item(session: Session, actor: Actor, *, gift: Gift, item: CatalogItem) -> Gift:
    """Give ``item`` instead (a recipient's choice): cleared like any choice, costed at its price, story and card
    drafted again; the gift keeps its occasion, status and history."""
    contact = session.get_one(Contact, gift.contact_id)
    verdict, cautions = clear_choice(session, actor, contact=contact, item=item, cost=Decimal(item.price),
                                     currency=item.currency, occasion=gift.occasion)
    before = _snapshot(gift)
    gift.item_id, gift.description, gift.cost, gift.currency = item.id, "", Decimal(item.price), item.currency
    gift.needs_approval, gift.compliance_notes = verdict.needs_approval, [*verdict.reasons, *cautions]
    words = _draft_words(session, actor, gift=gift, contact=contact, item=item)
    gift.story, gift.card_text = words.story, words.card_text
    session.flush()
    record_audit(session, actor, action="gift.swap", entity="gift", entity_id=gift.id, before=before,
                 after=_snapshot(gift))
    return gift


def transition(
    session: Session, actor: Actor, *, gift_id: int, to_status: str, on: date | None = None, reason: str | None = None
) -> Gift:
    """Move a gift to ``to_status`` on ``on`` (default today), validated and audited (touches: gift_steps.move)."""
    gift = get_gift(session, actor, gift_id=gift_id)
    previous = gift.status
    lifecycle.check_step(previous, to_status, needs_approval=gift.needs_approval)
    if to_status == GiftStatus.APPROVED and gift.needs_approval and actor.role is Role.REP:
        raise GiftStepRefused("gifts.gift_needs_manager_s")
    category, text = lifecycle.parse_reason(to_status, reason)
    day = on or clock.today()
    lifecycle.check_date(to_status, day, latest_step=_latest_step(gift), today=clock.today())
    before = _snapshot(gift)
    gift.status = to_status
    setattr(gift, lifecycle.DATE_FIELD[to_status], day)
    if category is not None:
        gift.status_reason = category
    event_reason = f"{category}: {text}" if category and text else category or text
    session.add(GiftEvent(gift_id=gift.id, from_status=previous, to_status=to_status, on=day,
                          reason=event_reason, actor_id=actor.user_id))
    record_audit(session, actor, action="gift.transition", entity="gift", entity_id=gift.id,
                 before=before, after=_snapshot(gift))
    if category is not None:
        learn_from_return(session, actor, gift=gift, category=category, text=text or "", on=day)
    session.flush()
    return gift


def learn_from_return(session: Session, actor: Actor, *, gift: Gift, category: str, text: str, on: date) -> list[Fact]:
    """Record what a returned/refused gift says about its contact as facts with origin "outcome" (what each
    reason teaches is mapped in ``giftwise/data/gifts/return_reasons.json``; see ``gifts.learning``)."""
    rule = drafts.return_reasons()[category]
    item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
    source_text = f"gift #{gift.id} {gift.status} ({rule.get('en', category)})" + (f": {text}" if text else "")
    return [
        add_fact(session, actor, contact_id=gift.contact_id, kind=rule["kind"], concept=concept,
                 source_text=source_text, observed_on=on, confidence=float(rule.get("confidence", 0.5)),
                 origin="outcome")
        for concept in lesson_concepts(item, rule.get("concept"), gift.description)
    ]


def get_gift(session: Session, actor: Actor, *, gift_id: int) -> Gift:
    """The gift with ``gift_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Gift, gift_id, label="gift")


def list_gifts(
    session: Session,
    actor: Actor,
    *,
    contact_id: int | None = None,
    status: str | None = None,
    campaign_id: int | None = None,
    needs_approval: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[GiftRead]:
    """A page of the gifts ``actor`` may see, newest first, optionally for one contact, status, campaign, or
    only those that do (or do not) need a manager's approval."""
    if status is not None and status not in lifecycle.STATUSES:
        raise Invalid("gifts.gift_status_one", status=status, items=', '.join(lifecycle.STATUSES), field="status")
    if contact_id is not None:
        visible_contact(session, actor, contact_id)
    rows, total = repository.gifts_page(
        session, contact_scope(session, actor), contact_id=contact_id, status=status,
        campaign_id=campaign_id, needs_approval=needs_approval, limit=limit, offset=offset,
    )
    return page_of(GiftRead, rows, total=total, limit=limit, offset=offset)


def gift_events(session: Session, actor: Actor, *, gift_id: int) -> list[GiftEvent]:
    """The dated history of a visible gift, oldest first."""
    get_gift(session, actor, gift_id=gift_id)
    return repository.events_of(session, gift_id)


def update_gift(session: Session, actor: Actor, *, gift_id: int, data: GiftUpdate) -> Gift:
    """Edit a gift's story, card or reason (the user's own words win over the drafts), audited."""
    gift = get_gift(session, actor, gift_id=gift_id)
    changes = data.model_dump(exclude_none=True)
    if not changes:
        raise Invalid("gifts.nothing_change_give_story")
    before = _snapshot(gift)
    for name, value in changes.items():
        setattr(gift, name, value)
    record_audit(session, actor, action="gift.update", entity="gift", entity_id=gift.id,
                 before=before, after=_snapshot(gift))
    session.flush()
    return gift


def redraft(session: Session, actor: Actor, *, gift_id: int, situation: str | None = None,
            language: str | None = None, save: bool = False) -> Drafts:
    """Draft the story and card again (optionally for another card situation or language); save if asked."""
    gift = get_gift(session, actor, gift_id=gift_id)
    contact = session.get_one(Contact, gift.contact_id)
    item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
    words = _draft_words(session, actor, gift=gift, contact=contact, item=item, situation=situation, language=language)
    if save:
        update_gift(session, actor, gift_id=gift.id, data=GiftUpdate(story=words.story, card_text=words.card_text))
    return words


def derive_kind(session: Session, *, contact: Contact, item: CatalogItem | None, occasion_kind: str) -> str:
    """care when the item answers one of the contact's known needs, else what the occasion implies."""
    if occasion_kind != "token" or item is None:
        return occasion_kind
    needs = repository.active_fact_concepts(session, contact.id, ("need", "event", "wish"))
    served = {tag.lower() for tag in item.tags or []} | ({item.category.lower()} if item.category else set())
    return "care" if needs & served else occasion_kind


def _draft_words(
    session: Session, actor: Actor, *, gift: Gift, contact: Contact, item: CatalogItem | None,
    situation: str | None = None, language: str | None = None,
) -> Drafts:
    lang = "en" if (language or contact.language or "zh").startswith("en") else "zh"
    rule = drafts.occasion_rule(gift.occasion)
    # The rep who keeps the relationship signs, even when a manager or a campaign planned the gift.
    sender_name = sender_signature(session, user_id=contact.owner_id or actor.user_id, language=lang)
    card_situation = situation or rule.card
    prompt = item.story_prompt if item else None
    story = drafts.draft_story(
        lang, contact_name=contact.name, item_name=item_name(item, gift.description, lang),
        story_prompt=prompt, reason=gift.reason, usage_tip=usage_tip(item, lang), sender=sender_name,
    )
    card = drafts.draft_card(
        lang, situation=card_situation, contact_name=contact.name, sender_name=sender_name,
        reason=gift.reason, festival=_festival_name(rule, lang),
    )
    return Drafts(gift_id=gift.id or 0, language=lang, situation=card_situation, story=story, card_text=card,
                  story_hint=drafts.story_hint(prompt, lang))


def _festival_name(rule: drafts.OccasionRule, lang: str) -> str:
    # The plain "festival" occasion names no festival: its card wishes for "the holidays" / "佳节" instead.
    return rule.label(lang) if rule.card == "festival" and rule.name != "festival" else ""


def _resolve_item(session: Session, data: GiftCreate) -> CatalogItem | None:
    item: CatalogItem | None = None
    if data.item_id is not None:
        item = session.get(CatalogItem, data.item_id)
        if item is None:
            raise NotFound("gifts.catalog_item_id", item_id=data.item_id)
    elif data.sku is not None:
        item = repository.item_by_sku(session, data.sku)
        if item is None:
            raise NotFound("gifts.catalog_item_sku_check", sku=data.sku)
    if item is not None and not item.active:
        raise Invalid("gifts.item_longer_active_catalog", sku=item.sku, field="item_id")
    return item


def _cost_of(session: Session, data: GiftCreate, item: CatalogItem | None) -> Decimal:
    if data.cost is None:
        if item is None:
            raise Invalid("gifts.give_cost_gift_described", field="cost")
        return Decimal(item.price)
    if item is not None:
        _not_below_price(session, data.cost, data.currency or item.currency, item)
    return data.cost


def _not_below_price(session: Session, cost: Decimal, currency: str, item: CatalogItem) -> None:
    # A catalog item is worth its price: a lower --cost would slip a gift under a cap or threshold.
    price = Decimal(item.price)
    if currency != item.currency:
        converted = policy_in_force(session).convert_between(price, item.currency, currency)
        if converted is None:
            return  # no rate: compliance refuses the gift itself with its own reason
        price = converted.quantize(Decimal("0.01"))
    if cost < price:
        raise Invalid("gifts.cost_below_catalog_price", field="cost", sku=item.sku,
                      price=f"{price:.2f} {currency}", cost=f"{cost:.2f} {currency}")


def item_kinds() -> Choices:
    """The kinds a described gift may be, worded in the reader's language when the error is shown."""
    return Choices("item_kind", tuple(ITEM_KINDS))


def _latest_step(gift: Gift) -> date:
    dated = [getattr(gift, name) for name in ("planned_on", *dict.fromkeys(lifecycle.DATE_FIELD.values()))]
    return max(d for d in dated if d is not None)


def _snapshot(gift: Gift) -> dict[str, Any]:
    return {
        "status": gift.status, "status_reason": gift.status_reason, "kind": gift.kind, "free_will": gift.free_will,
        "cost": str(gift.cost), "currency": gift.currency, "item_id": gift.item_id, "occasion": gift.occasion,
        "needs_approval": gift.needs_approval,
    }
