"""The allocation's matrices for a campaign: values, costs, caps, policy, stock, and each line explained.

``campaigns.fit_service.build_problem`` reads the candidate items, their fit and the policy's verdicts
from the database; this module lays them out and words the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from giftwise.campaigns.allocation import AllocationProblem, expected_values
from giftwise.campaigns.recommender import PairScores
from giftwise.campaigns.schemas import AllocationLine
from giftwise.core.i18n import bilingual, t
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


def problem_of(
    *,
    contacts: Sequence[Contact],
    items: Sequence[CatalogItem],
    fits: PairScores,
    potentials: Sequence[float],
    cap_left: Sequence[Decimal],
    budget: Decimal,
    allowed: np.ndarray,
    notes: dict[tuple[int, int], list[str]],
) -> CampaignProblem:
    """The (contact x item) problem: fit x potential as value, item price as cost, policy and stock as limits."""
    scores = fits.scores
    potential = np.asarray(potentials, dtype=float)
    problem = AllocationProblem(
        values=expected_values(scores, potential) if items else np.zeros((len(contacts), 0)),
        costs=np.array([float(i.price) for i in items], dtype=float),
        budget=float(budget),
        per_contact_cap=np.array([float(c) for c in cap_left], dtype=float),
        stock=np.array([-1 if i.stock is None else i.stock for i in items], dtype=np.int64),
        allowed=allowed,
    )
    return CampaignProblem(list(contacts), list(items), scores, potential, problem, fits.factors, notes)


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
