"""How well catalog items fit a campaign's contacts, read from the database (read only): the recommender's
fit for every (contact, item) pair, each contact's best fit, and the allocation problem with the policy's
verdicts.

Notes not read yet are read in memory (``fact_records_as_read``), so scoring writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import numpy as np
from sqlalchemy.orm import Session

from giftwise.campaigns import repository
from giftwise.campaigns.options import CampaignProblem, item_label, problem_of
from giftwise.campaigns.recommender import PairScores, known_occasion
from giftwise.catalog.service import portable_item
from giftwise.compliance.service import policy_in_force
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.gifts.service import consult_compliance
from giftwise.ledger.history import History
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.recommend.engine import Request, score_pairs
from giftwise.recommend.files import cached_items
from giftwise.recommend.service import person_for
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.service import fact_records_as_read


def fit_scores(
    session: Session,
    actor: Actor,
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    history: History,
    occasion: str = "care",
    currency: str = "CNY",
) -> PairScores:
    """Fit scores (0..1) of every item for every contact, with factor vectors when the engine made them."""
    _ = history  # the engine reads the gift history itself
    if not contacts or not items:
        blank: list[list[dict[str, float] | None]] = [[None] * len(items) for _ in contacts]
        return PairScores(np.zeros((len(contacts), len(items))), blank)
    return _pair_scores(session, contacts=contacts, items=items, occasion=occasion, currency=currency,
                        today=clock.today())


def _pair_scores(
    session: Session,
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    occasion: str,
    currency: str,
    today: date,
) -> PairScores:
    """Score every (contact, item) pair with the recommender's engine, as it would for each contact.

    Notes not read yet are read in memory, as a recommendation page reads them: scoring stores nothing."""
    lexicon = load_lexicon()
    policy = policy_in_force(session)
    profiles = cached_items([portable_item(item) for item in items], lexicon)
    column = {item.sku: j for j, item in enumerate(items)}
    request = Request(occasion=known_occasion(occasion), budget_max=None, currency=currency, as_of=today)
    facts = fact_records_as_read(session, contact_ids=[c.id for c in contacts])
    scores = np.zeros((len(contacts), len(items)))
    factors: list[list[dict[str, float] | None]] = [[None] * len(items) for _ in contacts]
    for i, contact in enumerate(contacts):
        person = person_for(session, contact, as_of=today, lexicon=lexicon, policy=policy,
                            facts=facts.get(contact.id, []))
        for scored in score_pairs(person, profiles, request, policy=policy, lexicon=lexicon).recommendations:
            j = column[scored.item.id]
            scores[i, j] = scored.score
            factors[i][j] = dict(scored.factors)
    return PairScores(scores, factors)


def build_problem(
    session: Session,
    actor: Actor,
    *,
    contacts: Sequence[Contact],
    potentials: Sequence[float],
    cap_left: Sequence[Decimal],
    budget: Decimal,
    currency: str,
    occasion: str,
    history: History,
) -> CampaignProblem:
    """The (contact x item) problem: fit x potential as value, item price as cost, policy and stock as limits."""
    items = repository.candidate_items(session, currency=currency, cap=max(cap_left, default=Decimal(0)))
    fits = fit_scores(session, actor, contacts=contacts, items=items, history=history, occasion=occasion,
                      currency=currency)
    allowed, notes = _policy(session, actor, contacts=contacts, items=items, scores=fits.scores, currency=currency,
                             occasion=occasion, cap_left=cap_left)
    return problem_of(contacts=contacts, items=items, fits=fits, potentials=potentials, cap_left=cap_left,
                      budget=budget, allowed=allowed, notes=notes)


def best_fits(
    session: Session, actor: Actor, *, contacts: Sequence[Contact], history: History, currency: str, cap: Decimal
) -> dict[int, tuple[str, float]]:
    """For each contact, the best-fitting candidate item's name (in the actor's language) and its score."""
    items = repository.candidate_items(session, currency=currency, cap=cap)
    if not items or not contacts:
        return {}
    scores = fit_scores(session, actor, contacts=contacts, items=items, history=history, currency=currency).scores
    best = scores.argmax(axis=1)
    return {
        c.id: (item_label(items[int(best[i])], actor.language), float(scores[i, best[i]]))
        for i, c in enumerate(contacts)
    }


def _policy(
    session: Session,
    actor: Actor,
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    scores: np.ndarray,
    currency: str,
    occasion: str,
    cap_left: Sequence[Decimal],
) -> tuple[np.ndarray, dict[tuple[int, int], list[str]]]:
    """Ask compliance about every pair worth considering; False where the policy forbids it."""
    allowed = np.zeros((len(contacts), len(items)), dtype=bool)
    notes: dict[tuple[int, int], list[str]] = {}
    for i, contact in enumerate(contacts):
        for j, item in enumerate(items):
            if scores[i, j] <= 0 or item.price > cap_left[i]:
                continue
            verdict = consult_compliance(session, actor, contact=contact, item=item, description="",
                                         cost=item.price, currency=currency, occasion=occasion)
            allowed[i, j] = verdict.allowed
            if verdict.reasons and verdict.checked:
                notes[(i, j)] = verdict.reasons
    return allowed, notes
