"""The database side of the allocation (``allocation.py``): which gift (or none) each open gifted target gets
in the phase's released budget, stored as allocation lines and, when applied, planned as gifts.

Campaigns sit above gifts and the ledger in the layer order: an applied line plans its gift
(``gifts.service.plan_gift``, after this campaign's own ``check_campaign_gift``) and freezes its
factors (``ledger.service.record_gift_factors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.campaigns import progress, repository
from giftwise.campaigns.allocation import NONE, AllocationResult, allocate
from giftwise.campaigns.fit_service import build_problem
from giftwise.campaigns.options import CampaignProblem, allocation_line
from giftwise.campaigns.schemas import AllocationLine, AllocationReport
from giftwise.campaigns.service import check_campaign_gift, draw_control_group, get_campaign, require_active
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.ledger.history import History, gift_money
from giftwise.ledger.potential import contact_potential
from giftwise.ledger.service import load_history, record_gift_factors
from giftwise.models.campaigns import Campaign, CampaignAllocation, CampaignTarget
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift, GiftStatus


@dataclass(frozen=True, slots=True)
class _Round:
    """One allocation round: the campaign's phase, the problem solved and its answer, and what to do with it."""

    campaign: Campaign
    phase: int
    problem: CampaignProblem
    result: AllocationResult
    apply: bool
    occasion: str


def allocate_campaign(
    session: Session, actor: Actor, *, campaign_id: int, apply: bool = False, time_limit: float = 10.0,
    occasion: str = "care",
) -> AllocationReport:
    """Choose the gift (or none) for each open gifted target in the released budget; plan the gifts when ``apply``."""
    if not 0.1 <= time_limit <= 600:
        raise Invalid("campaigns.time_limit_between_seconds", field="time_limit")
    campaign = require_active(get_campaign(session, actor, campaign_id=campaign_id))
    targets = draw_control_group(session, actor, campaign_id=campaign.id)
    phase, budget, gifts = _released_budget(session, campaign)
    previous = repository.allocations_of(session, campaign.id, phase)
    history = load_history(session, actor, contact_ids=[t.contact_id for t in targets])
    open_targets = _open_targets(campaign, targets, previous, history)
    if not open_targets:
        raise Invalid("campaigns.campaign_open_gifted_targets", id=campaign.id, phase=phase)
    contacts = repository.contacts_by_id(session, [t.contact_id for t in open_targets])
    ordered = [contacts[t.contact_id] for t in open_targets]
    _refresh_potentials(campaign, open_targets, contacts, history, actor.language)
    problem = build_problem(
        session, actor, contacts=ordered, potentials=[t.potential for t in open_targets],
        cap_left=_caps_left(campaign, ordered, gifts), budget=budget, currency=campaign.currency, occasion=occasion,
        history=history,
    )
    result = allocate(problem.problem, time_limit=time_limit)
    for stale in previous:
        if stale.gift_id is None:
            session.delete(stale)
    session.flush()
    round_ = _Round(campaign=campaign, phase=phase, problem=problem, result=result, apply=apply, occasion=occasion)
    lines = [_store_line(session, actor, round_, i, contact) for i, contact in enumerate(ordered)]
    session.flush()
    record_audit(session, actor, action="campaign.allocate", entity="campaign", entity_id=campaign.id,
                 after={"phase": phase, "method": result.method, "objective": result.objective, "applied": apply})
    return _report(round_, budget, lines)


def _released_budget(session: Session, campaign: Campaign) -> tuple[int, Decimal, list[Gift]]:
    # The latest released phase, what its released budget still holds, and the campaign's gifts not cancelled.
    phases = repository.phases_of(session, campaign.id)
    phase = max(p.position for p in phases if p.released)
    gifts = [g for g in repository.campaign_gifts(session, campaign.id) if g.status != GiftStatus.CANCELLED]
    committed = sum((gift_money(g) for g in gifts), Decimal(0))
    budget = max(sum((p.budget for p in phases if p.released), Decimal(0)) - committed, Decimal(0))
    return phase, budget, gifts


def _open_targets(
    campaign: Campaign, targets: list[CampaignTarget], previous: Sequence[CampaignAllocation], history: History
) -> list[CampaignTarget]:
    # Gifted, active, without a gift applied in this phase and not already a success.
    applied = {a.contact_id for a in previous if a.gift_id is not None}
    won = progress.successes(campaign, history, {t.contact_id for t in targets}, clock.today())
    return [t for t in targets if t.arm == "gifted" and t.status == "active"
            and t.contact_id not in applied and t.contact_id not in won]


def _refresh_potentials(
    campaign: Campaign, targets: list[CampaignTarget], contacts: dict[int, Contact], history: History, language: str
) -> None:
    for target in targets:
        contact = contacts[target.contact_id]
        target.potential = contact_potential(
            history.for_contact(contact.id), contact_id=contact.id, name=contact.name, today=clock.today(),
            language=language, currency=campaign.currency,
        ).value


def _caps_left(campaign: Campaign, contacts: list[Contact], gifts: list[Gift]) -> list[Decimal]:
    spent = {c.id: sum((gift_money(g) for g in gifts if g.contact_id == c.id), Decimal(0)) for c in contacts}
    return [max(campaign.per_contact_cap - spent[c.id], Decimal(0)) for c in contacts]


def _store_line(session: Session, actor: Actor, round_: _Round, i: int, contact: Contact) -> AllocationLine:
    campaign, problem = round_.campaign, round_.problem
    j = int(round_.result.choice[i])
    item = problem.items[j] if j != NONE else None
    line = allocation_line(campaign, contact, item, problem, i, j, actor.language)
    allocation = CampaignAllocation(
        campaign_id=campaign.id, phase=round_.phase, contact_id=contact.id, item_id=item.id if item else None,
        cost=line.cost, expected_value=line.expected_value, reason=line.reason, method=round_.result.method,
        planned_on=clock.today(),
    )
    session.add(allocation)
    if round_.apply and item is not None:
        allocation.gift_id = line.gift_id = _plan_gift(session, actor, campaign, contact, item, round_.occasion, line)
        factors = problem.factors[i][j] if problem.factors else None
        if factors:
            record_gift_factors(session, actor, gift_id=line.gift_id, factors=factors)
    return line


def _plan_gift(
    session: Session, actor: Actor, campaign: Campaign, contact: Contact, item: CatalogItem, occasion: str,
    line: AllocationLine,
) -> int:
    # The same say on who may get a campaign gift as a gift planned by hand (workflows.gift_steps.plan).
    check_campaign_gift(session, actor, campaign_id=campaign.id, contact_id=contact.id)
    gift = plan_gift(session, actor, data=GiftCreate(
        contact_id=contact.id, item_id=item.id, occasion=occasion, campaign_id=campaign.id,
        currency=campaign.currency, reason=line.reason,
    ))
    return gift.id


def _report(round_: _Round, budget: Decimal, lines: list[AllocationLine]) -> AllocationReport:
    result, campaign = round_.result, round_.campaign
    return AllocationReport(
        campaign_id=campaign.id, phase=round_.phase, currency=campaign.currency, budget_available=budget,
        cost=sum((line.cost for line in lines), Decimal(0)), method=result.method,
        objective=round(result.objective, 6), milp_objective=result.milp_objective, milp_status=result.milp_status,
        milp_bound=result.milp_bound, milp_gap=result.milp_gap, greedy_objective=round(result.greedy_objective, 6),
        greedy_gap=result.greedy_gap, milp_seconds=round(result.milp_seconds, 4),
        greedy_seconds=round(result.greedy_seconds, 4), lines=lines, applied=round_.apply,
    )
