"""The rules of campaigns: create one with a measurable goal, choose targets, allocate, check progress.

The only module that changes the campaign tables. Reading and scoring live beside it:
``progress`` (who succeeded, corrections), ``options`` (the allocation's matrices), ``report``.

Campaigns sit above gifts, followups and the ledger in the layer order, and reach into them here:
an applied allocation plans each chosen gift (``gifts.service.plan_gift``, after this campaign's own
``check_campaign_gift``) and freezes its factors (``ledger.service.record_gift_factors``); an
accepted correction schedules an extra touch (``followups.service.create_touch``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact, visible_owner_ids
from giftwise.campaigns import experiment, progress, repository, shape
from giftwise.campaigns.allocation import NONE, allocate
from giftwise.campaigns.fit_service import build_problem
from giftwise.campaigns.options import allocation_line
from giftwise.campaigns.schemas import (
    AllocationLine,
    AllocationReport,
    CampaignCreate,
    CampaignRead,
    CheckpointReport,
    CorrectionRead,
)
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import bilingual, t
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import create_touch
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.ledger.history import gift_money
from giftwise.ledger.potential import contact_potential
from giftwise.ledger.service import load_history, record_gift_factors
from giftwise.models.campaigns import (
    Campaign,
    CampaignAllocation,
    CampaignCheckpoint,
    CampaignCorrection,
    CampaignPhase,
    CampaignTarget,
)
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import GiftStatus


def create_campaign(session: Session, actor: Actor, *, data: CampaignCreate) -> Campaign:
    """Create a campaign with its phases (phase 1 released), checkpoints and targets, audited."""
    starts_on = data.starts_on or clock.today()
    campaign = Campaign(
        name=data.name, goal=data.goal, metric=data.metric, target_count=data.target_count,
        window_days=data.window_days, starts_on=starts_on, total_budget=data.total_budget,
        per_contact_cap=data.per_contact_cap, currency=data.currency or get_settings().default_currency,
        control_share=data.control_share, control_seed=data.control_seed or 0, owner_id=actor.user_id,
    )
    budgets = shape.phase_budgets(data)
    checkpoints = shape.checkpoint_plan(campaign, data.checkpoints, phases=len(budgets))
    session.add(campaign)
    session.flush()
    if data.control_seed is None:
        # A fixed, recorded seed: the campaign's own id, so the draw can be repeated and checked.
        campaign.control_seed = campaign.id
    for position, (name, budget) in enumerate(budgets, start=1):
        session.add(CampaignPhase(
            campaign_id=campaign.id, position=position, name=name, budget=budget,
            released=position == 1, released_on=starts_on if position == 1 else None,
        ))
    for on, expected, closes in checkpoints:
        session.add(CampaignCheckpoint(campaign_id=campaign.id, on=on, expected_count=expected, closes_phase=closes))
    session.flush()
    if data.target_ids:
        add_targets(session, actor, campaign_id=campaign.id, contact_ids=data.target_ids)
    record_audit(session, actor, action="campaign.create", entity="campaign", entity_id=campaign.id,
                 after=CampaignRead.model_validate(campaign).model_dump(mode="json"))
    return campaign


def get_campaign(session: Session, actor: Actor, *, campaign_id: int) -> Campaign:
    """The campaign with ``campaign_id`` if the actor may see it (own, team's, or any for an admin)."""
    campaign = session.get(Campaign, campaign_id)
    owners = visible_owner_ids(session, actor)
    if campaign is None or (owners is not None and campaign.owner_id not in owners):
        raise NotFound("campaigns.campaign_id", campaign_id=campaign_id)
    return campaign


def list_campaigns(
    session: Session, actor: Actor, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> Page[CampaignRead]:
    """The campaigns the actor may see, newest first."""
    owners = visible_owner_ids(session, actor)
    rows = repository.campaigns_of(session, owners, status=status, limit=limit, offset=offset)
    total = repository.count_campaigns(session, owners, status=status)
    return page_of(CampaignRead, rows, total=total, limit=limit, offset=offset)


def add_targets(session: Session, actor: Actor, *, campaign_id: int, contact_ids: list[int]) -> list[CampaignTarget]:
    """Add visible contacts as targets (already-present ones are left alone); returns the new targets."""
    campaign = _active(get_campaign(session, actor, campaign_id=campaign_id))
    contacts = [visible_contact(session, actor, cid) for cid in dict.fromkeys(contact_ids)]
    archived = [c.name for c in contacts if c.archived]
    if archived:
        raise Invalid("campaigns.archived_restore_contact_before", items=', '.join(archived))
    present = {t.contact_id for t in repository.targets_of(session, campaign.id)}
    loaded = load_history(session, actor, contact_ids=[c.id for c in contacts])
    added = []
    for contact in contacts:
        if contact.id in present:
            continue
        arm = "pending"
        if campaign.control_drawn_on is not None:
            arm = experiment.late_arm(contact.id, share=campaign.control_share, seed=campaign.control_seed)
        potential = contact_potential(
            loaded.for_contact(contact.id), contact_id=contact.id, name=contact.name, today=clock.today(),
            language=actor.language, currency=campaign.currency,
        )
        target = CampaignTarget(campaign_id=campaign.id, contact_id=contact.id, arm=arm, potential=potential.value,
                                added_on=clock.today())
        session.add(target)
        added.append(target)
    session.flush()
    return added


def set_target_status(
    session: Session, actor: Actor, *, campaign_id: int, contact_id: int, status: str
) -> CampaignTarget:
    """Pause a target (no more gifts or corrections for it) or make it active again."""
    if status not in ("active", "paused"):
        raise Invalid("campaigns.target_status_active_paused", status=status, field="status")
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    target = repository.target_of(session, campaign.id, contact_id)
    if target is None:
        raise NotFound("campaigns.contact_target_campaign", contact_id=contact_id, campaign_id=campaign_id)
    target.status = status
    session.flush()
    return target


def check_campaign_gift(session: Session, actor: Actor, *, campaign_id: int, contact_id: int) -> CampaignTarget:
    """The target a campaign gift may go to: an active campaign, a target in the gifted group, not paused."""
    campaign = _active(get_campaign(session, actor, campaign_id=campaign_id))
    target = repository.target_of(session, campaign.id, contact_id)
    if target is None:
        raise Invalid(
            "campaigns.contact_target_campaign_add", contact_id=contact_id, campaign_id=campaign_id, field="campaign_id"
        )
    if target.arm == "control":
        raise Invalid("campaigns.contact_control_group_campaign", contact_id=contact_id, campaign_id=campaign_id,
                      field="campaign_id")
    if target.status == "paused":
        raise Invalid("campaigns.campaign_paused_contact_resume", campaign_id=campaign_id, contact_id=contact_id,
                      field="campaign_id")
    return target


def draw_control_group(session: Session, actor: Actor, *, campaign_id: int) -> list[CampaignTarget]:
    """Assign every pending target to the gifted or control arm (seeded draw, recorded once)."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = list(repository.targets_of(session, campaign.id))
    pending = [t for t in targets if t.arm == "pending"]
    if campaign.control_drawn_on is None:
        control = experiment.draw_control([t.contact_id for t in targets], share=campaign.control_share,
                                          seed=campaign.control_seed)
        for target in targets:
            target.arm = "control" if target.contact_id in control else "gifted"
        campaign.control_drawn_on = clock.today()
        record_audit(session, actor, action="campaign.control_drawn", entity="campaign", entity_id=campaign.id,
                     after={"seed": campaign.control_seed, "share": campaign.control_share,
                            "control": sorted(control)})
    else:
        for target in pending:
            target.arm = experiment.late_arm(target.contact_id, share=campaign.control_share,
                                             seed=campaign.control_seed)
    session.flush()
    return targets


def evaluate_checkpoint(
    session: Session, actor: Actor, *, campaign_id: int, on: date | None = None
) -> CheckpointReport:
    """Score the checkpoint due by ``on`` (default today) as of that date: progress vs target, the next phase
    released when met, corrections when behind. A date still to come previews it and records nothing."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    day = on or clock.today()
    checkpoint = repository.due_checkpoint(session, campaign.id, day)
    preview_expected = checkpoint.expected_count if checkpoint and checkpoint.on == day else None
    if day > clock.today():
        checkpoint = None  # not come yet: say where it stands on that day, store no verdict
    as_of = checkpoint.on if checkpoint else day
    targets = list(repository.targets_of(session, campaign.id))
    contacts = repository.contacts_by_id(session, [t.contact_id for t in targets])
    ids = list(contacts)
    campaign_history = load_history(session, actor, contact_ids=ids, campaign_id=campaign.id)
    full_history = load_history(session, actor, contact_ids=ids)
    gifted = {t.contact_id for t in targets if t.arm != "control"}
    won = progress.successes(campaign, full_history, gifted, as_of)
    expected = (checkpoint.expected_count if checkpoint else preview_expected
                if preview_expected is not None else progress.expected_by(campaign, as_of))
    achieved = len(won)
    behind = achieved < expected
    proposals = []
    if behind and campaign.status == "active":
        proposals = progress.propose_corrections(
            campaign, on=as_of, targets=targets, contacts=contacts, campaign_history=campaign_history,
            full_history=full_history, won=won,
        )
    released = None
    summary = shape.summary(campaign, actor.language, achieved=achieved, expected=expected, on=as_of, behind=behind,
                       gifted=len(gifted))
    stored: list[CampaignCorrection] = []
    if checkpoint is not None:
        checkpoint.status = "missed" if behind else "met"
        checkpoint.achieved_count, checkpoint.evaluated_on = achieved, day
        released, phase_note = _release_after(session, campaign, checkpoint, actor.language)
        summary = f"{summary} {phase_note}".strip()
        stored = [_store_correction(session, campaign, checkpoint, p, day) for p in proposals]
        if checkpoint.on >= campaign.ends_on and campaign.status == "active":
            campaign.status = "done"
        session.flush()
    corrections = (
        [_correction_read(c, actor.language) for c in stored] if checkpoint is not None
        else [CorrectionRead(id=None, checkpoint_id=None, contact_id=p.contact_id, action=p.action,
                             reason=bilingual(actor.language, p.reason_zh, p.reason_en), status="proposed")
              for p in proposals]
    )
    return CheckpointReport(
        campaign_id=campaign.id, checkpoint_id=checkpoint.id if checkpoint else None, on=as_of, achieved=achieved,
        expected=expected, target=campaign.target_count, behind=behind,
        status=checkpoint.status if checkpoint else ("behind" if behind else "on track"), summary=summary,
        released_phase=released, corrections=corrections,
    )


def allocate_campaign(
    session: Session, actor: Actor, *, campaign_id: int, apply: bool = False, time_limit: float = 10.0,
    occasion: str = "care",
) -> AllocationReport:
    """Choose the gift (or none) for each open gifted target in the released budget; plan the gifts when ``apply``."""
    if not 0.1 <= time_limit <= 600:
        raise Invalid("campaigns.time_limit_between_seconds", field="time_limit")
    campaign = _active(get_campaign(session, actor, campaign_id=campaign_id))
    targets = draw_control_group(session, actor, campaign_id=campaign.id)
    phases = repository.phases_of(session, campaign.id)
    phase = max(p.position for p in phases if p.released)
    gifts = [g for g in repository.campaign_gifts(session, campaign.id) if g.status != GiftStatus.CANCELLED]
    committed = sum((gift_money(g) for g in gifts), Decimal(0))
    budget = max(sum((p.budget for p in phases if p.released), Decimal(0)) - committed, Decimal(0))
    previous = repository.allocations_of(session, campaign.id, phase)
    applied = {a.contact_id for a in previous if a.gift_id is not None}
    history = load_history(session, actor, contact_ids=[t.contact_id for t in targets])
    won = progress.successes(campaign, history, {t.contact_id for t in targets}, clock.today())
    open_targets = [t for t in targets if t.arm == "gifted" and t.status == "active"
                    and t.contact_id not in applied and t.contact_id not in won]
    if not open_targets:
        raise Invalid("campaigns.campaign_open_gifted_targets", id=campaign.id, phase=phase)
    contacts = repository.contacts_by_id(session, [t.contact_id for t in open_targets])
    ordered = [contacts[t.contact_id] for t in open_targets]
    spent = {c.id: sum((gift_money(g) for g in gifts if g.contact_id == c.id), Decimal(0)) for c in ordered}
    for target in open_targets:
        contact = contacts[target.contact_id]
        target.potential = contact_potential(
            history.for_contact(contact.id), contact_id=contact.id, name=contact.name, today=clock.today(),
            language=actor.language, currency=campaign.currency,
        ).value
    problem = build_problem(
        session, actor, contacts=ordered, potentials=[t.potential for t in open_targets],
        cap_left=[max(campaign.per_contact_cap - spent[c.id], Decimal(0)) for c in ordered], budget=budget,
        currency=campaign.currency, occasion=occasion, history=history,
    )
    result = allocate(problem.problem, time_limit=time_limit)
    for stale in previous:
        if stale.gift_id is None:
            session.delete(stale)
    session.flush()
    lines = []
    for i, contact in enumerate(ordered):
        j = int(result.choice[i])
        item = problem.items[j] if j != NONE else None
        line = allocation_line(campaign, contact, item, problem, i, j, actor.language)
        allocation = CampaignAllocation(
            campaign_id=campaign.id, phase=phase, contact_id=contact.id, item_id=item.id if item else None,
            cost=line.cost, expected_value=line.expected_value, reason=line.reason, method=result.method,
            planned_on=clock.today(),
        )
        session.add(allocation)
        if apply and item is not None:
            allocation.gift_id = line.gift_id = _plan_gift(session, actor, campaign, contact, item, occasion, line)
            factors = problem.factors[i][j] if problem.factors else None
            if factors:
                record_gift_factors(session, actor, gift_id=line.gift_id, factors=factors)
        lines.append(line)
    session.flush()
    record_audit(session, actor, action="campaign.allocate", entity="campaign", entity_id=campaign.id,
                 after={"phase": phase, "method": result.method, "objective": result.objective, "applied": apply})
    return AllocationReport(
        campaign_id=campaign.id, phase=phase, currency=campaign.currency, budget_available=budget,
        cost=sum((line.cost for line in lines), Decimal(0)), method=result.method,
        objective=round(result.objective, 6), milp_objective=result.milp_objective, milp_status=result.milp_status,
        milp_bound=result.milp_bound, milp_gap=result.milp_gap, greedy_objective=round(result.greedy_objective, 6),
        greedy_gap=result.greedy_gap, milp_seconds=round(result.milp_seconds, 4),
        greedy_seconds=round(result.greedy_seconds, 4), lines=lines, applied=apply,
    )


def decide_correction(session: Session, actor: Actor, *, correction_id: int, decision: str) -> CampaignCorrection:
    """Accept (and carry out: pause the contact, stop the campaign) or dismiss a proposed correction."""
    if decision not in ("accepted", "dismissed"):
        raise Invalid("campaigns.decision_accepted_dismissed", decision=decision, field="decision")
    correction = session.get(CampaignCorrection, correction_id)
    if correction is None:
        raise NotFound("campaigns.correction_id", correction_id=correction_id)
    campaign = get_campaign(session, actor, campaign_id=correction.campaign_id)
    if correction.status != "proposed":
        raise Conflict("campaigns.correction_already", correction_id=correction_id, status=correction.status)
    correction.status = decision
    if decision == "accepted" and correction.action == "pause_contact" and correction.contact_id is not None:
        set_target_status(session, actor, campaign_id=campaign.id, contact_id=correction.contact_id, status="paused")
    if decision == "accepted" and correction.action == "stop":
        campaign.status = "stopped"
    if decision == "accepted" and correction.action == "raise_touch_frequency" and correction.contact_id is not None:
        _schedule_extra_touch(session, actor, contact_id=correction.contact_id, reason=correction.reason_en)
    record_audit(session, actor, action=f"campaign.correction.{decision}", entity="campaign_correction",
                 entity_id=correction.id, after={"action": correction.action, "contact_id": correction.contact_id})
    session.flush()
    return correction


def stop_campaign(session: Session, actor: Actor, *, campaign_id: int) -> Campaign:
    """Stop a campaign: no more allocations or corrections; its books stay."""
    campaign = _active(get_campaign(session, actor, campaign_id=campaign_id))
    campaign.status = "stopped"
    record_audit(session, actor, action="campaign.stop", entity="campaign", entity_id=campaign.id)
    session.flush()
    return campaign


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


def _active(campaign: Campaign) -> Campaign:
    if campaign.status != "active":
        raise Conflict("campaigns.campaign_only_active_campaign", id=campaign.id, status=campaign.status)
    return campaign


def _release_after(
    session: Session, campaign: Campaign, checkpoint: CampaignCheckpoint, language: str
) -> tuple[int | None, str]:
    if checkpoint.closes_phase is None:
        return None, ""
    phase = repository.phase_of(session, campaign.id, checkpoint.closes_phase + 1)
    if phase is None:
        return None, ""
    if checkpoint.status != "met":
        return None, t("campaigns.phase.held", language, phase=phase.position)
    phase.released, phase.released_on = True, checkpoint.evaluated_on
    return phase.position, t("campaigns.phase.released", language, phase=phase.position,
                               budget=f"{phase.budget:,.2f}", currency=campaign.currency)


def _store_correction(
    session: Session, campaign: Campaign, checkpoint: CampaignCheckpoint, proposal: progress.Proposal, day: date
) -> CampaignCorrection:
    correction = CampaignCorrection(
        campaign_id=campaign.id, checkpoint_id=checkpoint.id, contact_id=proposal.contact_id, action=proposal.action,
        reason_zh=proposal.reason_zh, reason_en=proposal.reason_en, proposed_on=day,
    )
    session.add(correction)
    session.flush()
    return correction


def _correction_read(correction: CampaignCorrection, language: str) -> CorrectionRead:
    return CorrectionRead(
        id=correction.id, checkpoint_id=correction.checkpoint_id, contact_id=correction.contact_id,
        action=correction.action, reason=bilingual(language, correction.reason_zh, correction.reason_en),
        status=correction.status,
    )


def _schedule_extra_touch(session: Session, actor: Actor, *, contact_id: int, reason: str) -> None:
    create_touch(session, actor, data=TouchCreate(
        contact_id=contact_id, purpose="keep-in-touch", channel="call", due_on=clock.today() + timedelta(days=2),
        script=reason, source="campaign",
    ))
