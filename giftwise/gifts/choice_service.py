"""The recipient's gift-choice link: the rep creates it for a planned gift, the recipient opens and answers it.

The link stores only its token's hash. Every alternative is cleared when the rep offers it and again when the
recipient picks it, by the same check every chosen gift passes (``service.clear_choice``). What follows an
answer in other domains (the gift's status, the touch, the profile fact) is ``giftwise.workflows.gift_choice``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_of, record_audit
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.gifts import choice
from giftwise.gifts import service as gifts
from giftwise.gifts.choice import Answer, LinkState
from giftwise.models.accounts import User
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift, GiftChoiceLink, GiftStatus
from giftwise.recommend import service as recommend

# Gifts a recipient may still choose about: not ordered yet.
CHOOSABLE = frozenset({GiftStatus.PLANNED, GiftStatus.APPROVED})


class LinkUnusable(NotFound):
    """The link was answered already, has expired, or never existed; ``state`` says which (and nothing else)."""

    def __init__(self, state: LinkState, language: str | None = None) -> None:
        super().__init__(f"choice.link_{state.value}")
        self.state = state
        self.language = language  # the recipient's, when the link is real: the page speaks to them


@dataclass(frozen=True, slots=True)
class OpenedLink:
    """What the recipient's page may show: the gift, the rep's note, the alternatives, the contact's language."""

    link: GiftChoiceLink
    gift: Gift
    contact: Contact
    item: CatalogItem | None
    alternatives: list[CatalogItem]
    owner: Actor


def create_link(
    session: Session, actor: Actor, *, gift_id: int, alternative_skus: list[str], note: str = "",
    days: int = choice.DEFAULT_DAYS,
) -> tuple[GiftChoiceLink, str]:
    """A new link for a planned gift with up to three cleared alternatives; returns it and the token (shown once)."""
    gift = gifts.get_gift(session, actor, gift_id=gift_id)
    if gift.status not in CHOOSABLE:
        raise Conflict("choice.gift_not_choosable", status=gift.status)
    skus = list(dict.fromkeys(s.strip() for s in alternative_skus if s.strip()))
    if len(skus) > choice.MAX_ALTERNATIVES:
        raise Invalid("choice.too_many_alternatives", most=choice.MAX_ALTERNATIVES, field="alternatives")
    if not 1 <= days <= choice.MAX_DAYS:
        raise Invalid("choice.days_out_of_range", most=choice.MAX_DAYS, field="days")
    contact = session.get_one(Contact, gift.contact_id)
    items = [_alternative(session, actor, gift, contact, sku) for sku in skus]
    token, hashed = choice.new_token()
    link = GiftChoiceLink(gift_id=gift.id, token_hash=hashed, expires_at=clock.now() + timedelta(days=days),
                          alternative_ids=[item.id for item in items], note=note.strip(), created_by=actor.user_id)
    session.add(link)
    session.flush()
    record_audit(session, actor, action="gift.choice_link", entity="gift", entity_id=gift.id,
                 after={"link": link.id, "alternatives": skus, "expires_at": link.expires_at.isoformat()})
    return link, token


def _alternative(session: Session, actor: Actor, gift: Gift, contact: Contact, sku: str) -> CatalogItem:
    item = session.scalars(select(CatalogItem).where(CatalogItem.sku == sku)).one_or_none()
    if item is None or not item.active:
        raise NotFound("gifts.catalog_item_sku_check", sku=sku)
    if Decimal(item.price) > gift.cost:
        raise Invalid("choice.alternative_over_budget", sku=sku, field="alternatives")
    gifts.clear_choice(session, actor, contact=contact, item=item, cost=Decimal(item.price), currency=item.currency,
                       occasion=gift.occasion)
    return item


def open_link(session: Session, *, token: str) -> OpenedLink:
    """The link behind ``token`` if it can still be answered; LinkUnusable (used, expired, unknown) otherwise."""
    link = session.scalars(select(GiftChoiceLink).where(
        GiftChoiceLink.token_hash == choice.token_hash(token))).one_or_none()
    if link is None:
        raise LinkUnusable(LinkState.UNKNOWN)
    state = choice.state_of(answered_at=link.answered_at, expires_at=link.expires_at, now=clock.now())
    gift = session.get_one(Gift, link.gift_id)
    if state is LinkState.OPEN and gift.status not in CHOOSABLE:
        state = LinkState.USED  # the rep moved on (ordered or cancelled it): the question is closed
    contact = session.get_one(Contact, gift.contact_id)
    if state is not LinkState.OPEN:
        raise LinkUnusable(state, contact.language)
    owner = session.get_one(User, contact.owner_id)
    alternatives = [session.get_one(CatalogItem, item_id) for item_id in link.alternative_ids]
    item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
    return OpenedLink(link=link, gift=gift, contact=contact, item=item, alternatives=alternatives,
                      owner=actor_of(owner))


def record_answer(
    session: Session, *, token: str, answer: Answer, sku: str = "", reason: str = "", address: str = "",
) -> OpenedLink:
    """Keep the recipient's answer (once): a swap changes the gift to the chosen alternative, cleared again;
    a confirmed address is kept for the rep. The gift's status and touches follow in the workflow."""
    opened = open_link(session, token=token)
    link, gift = opened.link, opened.gift
    if answer is Answer.SWAP:
        chosen = next((i for i in opened.alternatives if i.sku == sku), None)
        if chosen is None:
            raise Invalid("choice.not_an_alternative", field="sku")
        gifts.swap_item(session, opened.owner, gift=gift, item=chosen)
        link.chosen_item_id = chosen.id
    link.answer, link.answered_at, link.reason = answer.value, clock.now(), reason.strip()[:2000]
    if address.strip() and answer in (Answer.ACCEPT, Answer.SWAP):
        link.address, link.address_confirmed_at = address.strip()[:1000], clock.now()
    session.flush()
    record_audit(session, opened.owner, action="gift.choice_answer", entity="gift", entity_id=gift.id,
                 after={"answer": answer.value, "link": link.id})
    return opened


def offer_candidates(session: Session, actor: Actor, *, gift_id: int, top: int = 6) -> list[CatalogItem]:
    """Items the rep might offer instead: the contact's suggestions for the gift's occasion within its budget,
    not the gift itself (``create_link`` clears the ones chosen)."""
    gift = gifts.get_gift(session, actor, gift_id=gift_id)
    if gift.status not in CHOOSABLE:
        return []
    ranked = recommend.recommend_for_contact(session, actor, contact_id=gift.contact_id, occasion=gift.occasion,
                                             budget_max=gift.cost, currency=gift.currency, top=top + 1)
    skus = [r.item_id for r in ranked.recommendations]
    items = {i.sku: i for i in session.scalars(select(CatalogItem).where(CatalogItem.sku.in_(skus)))}
    return [items[s] for s in skus if s in items and items[s].id != gift.item_id][:top]


def latest_link(session: Session, actor: Actor, *, gift_id: int) -> GiftChoiceLink | None:
    """The gift's most recent link, for the rep's gift page (the address shows only once confirmed)."""
    gifts.get_gift(session, actor, gift_id=gift_id)
    return session.scalars(select(GiftChoiceLink).where(GiftChoiceLink.gift_id == gift_id)
                           .order_by(GiftChoiceLink.id.desc()).limit(1)).one_or_none()
