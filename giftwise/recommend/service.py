"""Database mode: recommend for a stored contact from its notes, facts, gift history and organization.

The same pure engine as the file mode: this module only turns stored rows into a ``Person`` and
the stored catalog (``giftwise.catalog.service.portable_catalog``) into analysed items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, visible_contact
from giftwise.catalog.service import portable_catalog, portable_item
from giftwise.compliance import repository as compliance_repository
from giftwise.compliance.policy import Policy
from giftwise.compliance.service import policy_in_force, recipient_for
from giftwise.compliance.stated import stated_limits
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import normalize_language
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact, Organization
from giftwise.models.gifts import GIFT_CLOSED, Gift, gift_day
from giftwise.money.service import known_currency
from giftwise.recommend.batch import prepare, rank_batch
from giftwise.recommend.engine import Person, Request, Result, etiquette_context, recommend, score_pairs
from giftwise.recommend.explain import gender_of
from giftwise.recommend.factors import GivenGift
from giftwise.recommend.files import cached_catalog, cached_items, make_request
from giftwise.recommend.guard import Review, Subject, review
from giftwise.recommend.rules import occasion_rule
from giftwise.recommend.schemas import ExclusionRead, RecommendationRead, RecommendationsRead
from giftwise.recommend.taboos import cultures_of, is_elder, moments_of
from giftwise.understanding import repository as understanding_repository
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import ItemProfile, analyze_item
from giftwise.understanding.lexicon import Lexicon, load_lexicon
from giftwise.understanding.service import (
    contact_understanding,
    fact_records,
    fact_records_as_read,
    role_facts,
)


def stored_catalog(session: Session, lexicon: Lexicon, catalog: Path | None = None) -> list[ItemProfile]:
    """The analysed stored catalog (or the file ``catalog`` when given)."""
    if catalog is not None:
        return cached_catalog(catalog, lexicon)

    items = portable_catalog(session)
    if not items:
        raise Invalid("recommend.catalog_empty_import_one",
                      field="catalog")
    return cached_items(items, lexicon)


def given_gifts(gifts: Sequence[Gift], skus: dict[int, str], policy: Policy) -> list[GivenGift]:
    """Our gifts to a contact as the engine sees them (value in the policy currency)."""
    out = []
    for gift in gifts:
        value = (None if gift.status in GIFT_CLOSED
                 else policy.convert(Decimal(gift.cost or 0), gift.currency, gift_day(gift)))
        out.append(GivenGift(on=gift_day(gift), item_id=skus.get(gift.item_id or 0), description=gift.description,
                             value=value or Decimal("0"), from_us=True))
    return out


def person_for(
    session: Session, contact: Contact, *, as_of: date, lexicon: Lexicon, policy: Policy,
    facts: list[FactRecord] | None = None, organization: Organization | None = None,
) -> Person:
    """A stored contact as the engine's Person (its notes must already be read into facts)."""
    records = facts if facts is not None else fact_records(session, contact_ids=[contact.id]).get(contact.id, [])
    gifts = compliance_repository.gifts_to(session, [contact.id])
    skus = compliance_repository.skus(session, [g.item_id for g in gifts if g.item_id])
    org = organization or compliance_repository.organizations(session, [contact.organization_id or 0]).get(
        contact.organization_id or 0)
    notes = understanding_repository.notes_of(session, contact.id)
    return Person(
        id=str(contact.id), name=contact.name, language="en" if contact.language.startswith("en") else "zh",
        relationship=contact.relationship, role=contact.role,
        public_official=contact.public_official or bool(org and org.public_sector),
        state_owned=bool(org and org.state_owned), tender_open=bool(org and org.tender_open),
        organization=org.name if org else None, facts=records + role_facts(contact, as_of, lexicon),
        gifts=given_gifts(gifts, skus, policy), gender=gender_of(n.text for n in notes),
        cultures=cultures_of(contact.name, contact.language[:2], [n.text for n in notes], contact.role),
        elder=is_elder(n.text for n in notes), moments=moments_of(n.text for n in notes),
        limits=stated_limits(n.text for n in notes),
    )


def recommend_for_contact(
    session: Session, actor: Actor, *, contact_id: int, occasion: str = "thank-you",
    budget_max: Decimal | float | None = None, currency: str = "CNY", as_of: date | str | None = None, top: int = 10,
    catalog: Path | None = None,
) -> RecommendationsRead:
    """Ranked, explained recommendations for a visible contact, and every excluded item with its reason."""
    contact = visible_contact(session, actor, contact_id)
    request = make_request(occasion, budget_max, known_currency(session, currency), as_of, top)
    lexicon = load_lexicon()
    policy = policy_in_force(session)
    items = stored_catalog(session, lexicon, catalog)
    facts = fact_records_as_read(session, contact_ids=[contact.id]).get(contact.id, [])
    person = person_for(session, contact, as_of=request.as_of, lexicon=lexicon, policy=policy, facts=facts)
    return to_read(recommend(person, items, request, lexicon=lexicon, policy=policy), request, contact.id)


def to_read(result: Result, request: Request, contact_id: int | None) -> RecommendationsRead:
    """The API/CLI shape of an engine result."""
    language = result.language
    return RecommendationsRead(
        contact_id=contact_id, occasion=request.occasion, as_of=request.as_of, currency=request.currency,
        budget_max=float(request.budget_max) if request.budget_max is not None else None,
        recommendations=[
            RecommendationRead(item_id=s.item.id, name=s.item.display_name(language), score=s.score, raw=s.raw,
                               price=float(s.price) if s.price is not None else None, reasons=s.reasons,
                               needs_approval=s.needs_approval, factors=s.factors, contributions=s.contributions)
            for s in result.recommendations
        ],
        excluded=[ExclusionRead(item_id=e.item.id, name=e.item.display_name(language), reason=e.reason, codes=e.codes)
                  for e in result.excluded],
    )


def visible_contact_ids(session: Session, actor: Actor) -> list[int]:
    """Ids of the non-archived contacts ``actor`` may see, in id order."""
    from sqlalchemy import select


    query = select(Contact.id).where(contact_scope(session, actor), Contact.archived.is_(False)).order_by(Contact.id)
    return list(session.scalars(query))


def persons_for(session: Session, actor: Actor, contact_ids: Sequence[int], *, as_of: date, lexicon: Lexicon,
                policy: Policy) -> list[Person]:
    """Stored contacts as the engine's Persons, loaded with a few queries for the whole group."""
    from sqlalchemy import select

    _ = actor  # the caller chose visible contacts; notes not yet read are read in memory, nothing is stored
    contacts = list(session.scalars(select(Contact).where(Contact.id.in_(list(contact_ids))).order_by(Contact.id)))
    records = fact_records_as_read(session, contact_ids=contact_ids)
    gifts: dict[int, list[Gift]] = {}
    for gift in compliance_repository.gifts_to(session, contact_ids):
        gifts.setdefault(gift.contact_id, []).append(gift)
    skus = compliance_repository.skus(session, [g.item_id for gs in gifts.values() for g in gs if g.item_id])
    orgs = compliance_repository.organizations(session, [c.organization_id for c in contacts if c.organization_id])
    texts = understanding_repository.note_texts(session, contact_ids)
    out = []
    for contact in contacts:
        org = orgs.get(contact.organization_id or 0)
        out.append(Person(
            id=str(contact.id), name=contact.name, language="en" if contact.language.startswith("en") else "zh",
            relationship=contact.relationship, role=contact.role,
            public_official=contact.public_official or bool(org and org.public_sector),
            state_owned=bool(org and org.state_owned), tender_open=bool(org and org.tender_open),
            organization=org.name if org else None,
            facts=records.get(contact.id, []) + role_facts(contact, as_of, lexicon),
            gifts=given_gifts(gifts.get(contact.id, []), skus, policy), gender=gender_of(texts.get(contact.id, [])),
            cultures=cultures_of(contact.name, contact.language[:2], texts.get(contact.id, []), contact.role),
            elder=is_elder(texts.get(contact.id, [])), moments=moments_of(texts.get(contact.id, [])),
            limits=stated_limits(texts.get(contact.id, [])),
        ))
    return out


def recommend_all(
    session: Session, actor: Actor, *, occasion: str = "thank-you", budget_max: Decimal | float | None = None,
    currency: str = "CNY", as_of: date | str | None = None, top: int = 10, catalog: Path | None = None,
    chunk: int = 1000, progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, object]]:
    """The top ``top`` items for every visible contact (vectorised), as rows: contact, rank, item, score, price."""
    request = make_request(occasion, budget_max, known_currency(session, currency), as_of, top)
    lexicon = load_lexicon()
    policy = policy_in_force(session)
    items = stored_catalog(session, lexicon, catalog)
    prepared = prepare(items, request, policy=policy, lexicon=lexicon)
    names = {i.id: i for i in items}
    ids = visible_contact_ids(session, actor)
    rows: list[dict[str, object]] = []
    done = 0
    for start in range(0, len(ids), chunk):
        persons = persons_for(session, actor, ids[start:start + chunk], as_of=request.as_of, lexicon=lexicon,
                              policy=policy)
        for person, result in zip(persons, rank_batch(persons, items, request, chunk=chunk, prepared=prepared),
                                  strict=True):
            for rank, pick in enumerate(result.picks, 1):
                item = names[pick.item_id]
                rows.append({"contact_id": int(person.id), "contact": person.name, "rank": rank,
                             "item_id": pick.item_id, "item": item.display_name(person.language),
                             "score": pick.score, "price": float(item.price), "currency": item.currency})
        done += len(persons)
        if progress is not None:
            progress(done, len(ids))
    return rows


def factor_vectors(session: Session, actor: Actor, *, gift_ids: Sequence[int]) -> dict[int, dict[str, float]]:
    """The factor vector of each visible gift's catalog item for its contact as of the gift's planned date.

    The contact is seen as the planner saw them: only facts noted by then and gifts given before count.
    Gifts without a catalog item, and gifts whose item the engine would now exclude outright (a hard
    constraint, outside what the weights score), are left out.
    """
    from sqlalchemy import select

    visible = set(visible_contact_ids(session, actor))
    gifts = [g for g in session.scalars(select(Gift).where(Gift.id.in_(list(gift_ids)), Gift.item_id.is_not(None)))
             if g.contact_id in visible]
    if not gifts:
        return {}
    lexicon = load_lexicon()
    policy = policy_in_force(session)
    stored = {i.id: i for i in session.scalars(select(CatalogItem).where(
        CatalogItem.id.in_({g.item_id for g in gifts if g.item_id})))}
    profiles = dict(zip(stored, cached_items([portable_item(i) for i in stored.values()], lexicon), strict=True))
    persons = {int(p.id): p for p in persons_for(session, actor, sorted({g.contact_id for g in gifts}),
                                                 as_of=min(g.planned_on for g in gifts), lexicon=lexicon,
                                                 policy=policy)}
    out: dict[int, dict[str, float]] = {}
    for gift in gifts:
        day = gift.planned_on
        known = persons[gift.contact_id]
        person = replace(known, facts=[f for f in known.facts if f.observed_on <= day or f.source == "profile"],
                         gifts=[g for g in known.gifts if g.on < day])
        request = Request(occasion=_occasion_or_default(gift.occasion), budget_max=None,
                          currency=gift.currency or policy.currency, as_of=day)
        scored = score_pairs(person, [profiles[gift.item_id or 0]], request, lexicon=lexicon, policy=policy)
        if scored.recommendations:
            out[gift.id] = {name: float(value) for name, value in scored.recommendations[0].factors.items()}
    return out


def _occasion_or_default(occasion: str) -> str:
    """The gift's occasion when the recommender knows it, else thank-you (the gifts' own default)."""
    try:
        occasion_rule(occasion)
    except Invalid:
        return "thank-you"
    return occasion


def guard_gift(
    session: Session, actor: Actor, *, contact: Contact, item: dict[str, object] | None, description: str = "",
    cost: Decimal | None = None, currency: str | None = None, occasion: str = "thank-you",
) -> Review:
    """The fail-safe guard on one gift about to be chosen for a stored contact: a portable catalog ``item``,
    or a free ``description`` ("a case of Moutai"), read against the contact's restrictions, the etiquette of
    their culture for ``occasion``, and the policy."""
    lexicon = load_lexicon()
    policy = policy_in_force(session)
    today = clock.today()
    understanding = contact_understanding(session, actor, contact, as_of=today)
    recipient = recipient_for(session, contact, understanding, as_of=today, policy=policy)
    code = (currency or (str(item.get("currency")) if item else "") or policy.currency).upper()
    value = cost if cost is not None else None
    portable = dict(item) if item is not None else {
        "id": "", "name": {"en": description, "zh": description}, "price": value if value is not None else 0,
        "currency": code}
    analysed = cached_items([portable], lexicon)[0] if item is not None else analyze_item(portable, lexicon)
    person = person_for(session, contact, as_of=today, lexicon=lexicon, policy=policy)
    recipient = replace(recipient, stated_cap=person.limits.cap_in(policy), stated_banned=person.limits.banned)
    manners = etiquette_context(person, understanding, occasion)
    subject = Subject(understanding, recipient, normalize_language(actor.language), manners)
    return review(analysed, subject, policy=policy, lexicon=lexicon, currency=code,
                  value=value if value is not None else analysed.price)
