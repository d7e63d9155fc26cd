"""The allocation's matrices for a campaign (read only): candidate items, values, costs, caps, policy, stock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.campaigns.allocation import AllocationProblem, expected_values
from giftwise.campaigns.schemas import AllocationLine
from giftwise.campaigns.scoring import fit_scores
from giftwise.core.actor import Actor
from giftwise.core.i18n import bilingual, t
from giftwise.gifts.service import consult_compliance
from giftwise.ledger.history import History
from giftwise.models.campaigns import Campaign
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact


@dataclass(slots=True)
class CampaignProblem:
    """An allocation problem plus what it was built from, to explain the answer line by line."""

    contacts: list[Contact]
    items: list[CatalogItem]
    scores: np.ndarray
    potentials: np.ndarray
    problem: AllocationProblem
    factors: list[list[dict[str, float] | None]] = field(default_factory=list)
    policy_notes: dict[tuple[int, int], list[str]] = field(default_factory=dict)


def candidate_items(session: Session, *, currency: str, cap: Decimal) -> list[CatalogItem]:
    """Active catalog items in the campaign's currency, within the per-contact cap, with stock left."""
    query = select(CatalogItem).where(
        CatalogItem.active.is_(True), CatalogItem.currency == currency, CatalogItem.price <= cap,
    )
    items = session.scalars(query.order_by(CatalogItem.price, CatalogItem.id)).all()
    return [i for i in items if i.stock is None or i.stock > 0]


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
    items = candidate_items(session, currency=currency, cap=max(cap_left, default=Decimal(0)))
    fits = fit_scores(session, actor, contacts=contacts, items=items, history=history, occasion=occasion,
                      currency=currency)
    scores = fits.scores
    potential = np.asarray(potentials, dtype=float)
    costs = np.array([float(i.price) for i in items], dtype=float)
    allowed, notes = _policy(session, actor, contacts=contacts, items=items, scores=scores, currency=currency,
                             occasion=occasion, cap_left=cap_left)
    problem = AllocationProblem(
        values=expected_values(scores, potential) if items else np.zeros((len(contacts), 0)),
        costs=costs,
        budget=float(budget),
        per_contact_cap=np.array([float(c) for c in cap_left], dtype=float),
        stock=np.array([-1 if i.stock is None else i.stock for i in items], dtype=np.int64),
        allowed=allowed,
    )
    return CampaignProblem(list(contacts), items, scores, potential, problem, fits.factors, notes)


def best_fits(
    session: Session, actor: Actor, *, contacts: Sequence[Contact], history: History, currency: str, cap: Decimal
) -> dict[int, tuple[str, float]]:
    """For each contact, the best-fitting candidate item's name (in the actor's language) and its score."""
    items = candidate_items(session, currency=currency, cap=cap)
    if not items or not contacts:
        return {}
    scores = fit_scores(session, actor, contacts=contacts, items=items, history=history, currency=currency).scores
    best = scores.argmax(axis=1)
    return {
        c.id: (item_label(items[int(best[i])], actor.language), float(scores[i, best[i]]))
        for i, c in enumerate(contacts)
    }


def item_label(item: CatalogItem, language: str) -> str:
    """The item's name in ``language`` (falling back to the other language, then the sku)."""
    return bilingual(language, item.name_zh, item.name_en) or item.sku


def allocation_line(
    campaign: Campaign, contact: Contact, item: CatalogItem | None, problem: CampaignProblem, i: int, j: int,
    language: str,
) -> AllocationLine:
    """One line of the allocation: the chosen item with its fit, potential, cost and policy notes, or no gift."""
    if item is None:
        return AllocationLine(contact_id=contact.id, name=contact.name, item_id=None, item=None, cost=Decimal(0),
                              expected_value=0.0, reason=t("campaigns.allocation.none", language))
    reason = t("campaigns.allocation.reason", language, item=item_label(item, language),
        score=f"{problem.scores[i, j]:.2f}", potential=f"{problem.potentials[i]:.2f}", cost=f"{item.price:,.2f}",
        currency=campaign.currency,
    )
    notes = problem.policy_notes.get((i, j))
    if notes:
        reason += " (" + "; ".join(notes) + ")"
    return AllocationLine(
        contact_id=contact.id, name=contact.name, item_id=item.id, item=item_label(item, language), cost=item.price,
        expected_value=round(float(problem.problem.values[i, j]), 6), reason=reason,
    )


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
