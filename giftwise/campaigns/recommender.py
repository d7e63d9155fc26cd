"""The recommender's fit for stored contacts and catalog items, through its pure factor vector API.

``giftwise.recommend.engine.score_pairs(person, items, request)`` scores one person against a
catalog (hard constraints excluded, factor vector and 0..1 score for the rest). This module
builds its ``Person`` from a stored contact (understood facts, gifts we gave) and its items from
the stored catalog, so campaigns get the same scores as ``giftwise recommend``. When the
recommender grows its own database mode, ``scoring.score_matrix`` prefers that.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from giftwise.campaigns import repository
from giftwise.campaigns.scoring import PairScores
from giftwise.core.errors import Invalid
from giftwise.ledger.history import History, given_on
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact, Organization
from giftwise.models.understanding import Fact

DEFAULT_OCCASION = "care"


def pair_scores(
    session: Session,
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    history: History,
    occasion: str,
    currency: str,
    today: date,
) -> PairScores:
    """Score every (contact, item) pair with the recommender's engine."""
    from giftwise.catalog.service import portable_item
    from giftwise.recommend.engine import Request, score_pairs
    from giftwise.understanding.items import analyze_item
    from giftwise.understanding.lexicon import load_lexicon

    lexicon = load_lexicon()
    profiles = [analyze_item(portable_item(item), lexicon) for item in items]
    column = {item.sku: j for j, item in enumerate(items)}
    request = Request(occasion=_known_occasion(occasion), budget_max=None, currency=currency, as_of=today)
    facts = repository.facts_of(session, [c.id for c in contacts])
    organizations = repository.organizations_of(session, [c.organization_id for c in contacts if c.organization_id])
    scores = np.zeros((len(contacts), len(items)))
    factors: list[list[dict[str, float] | None]] = [[None] * len(items) for _ in contacts]
    for i, contact in enumerate(contacts):
        person = person_of(contact, facts.get(contact.id, []), history.for_contact(contact.id), items,
                           organizations.get(contact.organization_id or 0))
        for scored in score_pairs(person, profiles, request, lexicon=lexicon).recommendations:
            j = column[scored.item.id]
            scores[i, j] = scored.score
            factors[i][j] = dict(scored.factors)
    return PairScores(scores, factors)


def person_of(
    contact: Contact, facts: Sequence[Fact], history: History, items: Sequence[CatalogItem],
    organization: Organization | None,
) -> Any:
    """The engine's ``Person`` for a stored contact: its organization's flags, understood facts, gifts we gave."""
    from giftwise.recommend.engine import Person
    from giftwise.recommend.factors import GivenGift
    from giftwise.understanding.facts import FactRecord

    skus = {item.id: item.sku for item in items} | {i.id: i.sku for i in history.items.values()}
    return Person(
        id=str(contact.id), name=contact.name, language=contact.language, relationship=contact.relationship,
        role=contact.role, public_official=contact.public_official,
        state_owned=bool(organization and (organization.state_owned or organization.public_sector)),
        tender_open=bool(organization and organization.tender_open),
        organization=organization.name if organization else None,
        facts=[
            FactRecord(kind=f.kind, concept=f.concept, observed_on=f.observed_on, confidence=f.confidence,
                       source_text=f.source_text, source=f.source_note_id, origin=f.origin,
                       half_life=_half_life(f.observed_on, f.fades_after), fact_id=f.id)
            for f in facts
        ],
        gifts=[
            GivenGift(on=given_on(g), item_id=skus.get(g.item_id) if g.item_id else None, description=g.description,
                      value=g.cost, from_us=True)
            for g in history.gifts if g.status != "cancelled"
        ],
    )


def _half_life(observed: date, fades_after: date | None) -> float | None:
    from giftwise.understanding.facts import FADE_HALF_LIVES

    if fades_after is None:
        return None
    return max((fades_after - observed).days, 1) / FADE_HALF_LIVES


def _known_occasion(occasion: str) -> str:
    from giftwise.recommend.rules import occasion_rule

    try:
        occasion_rule(occasion)
    except Invalid:
        return DEFAULT_OCCASION
    return occasion
