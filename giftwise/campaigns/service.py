"""The rules of campaigns: create one with a measurable goal, choose its targets, draw the control group, stop it.

The only module that creates campaigns and their targets. Beside it, each idea's database side:
``progress_service`` (checkpoints, released phases, corrections), ``allocation_service`` (the gift, or none,
for each target), ``fit_service`` (how well each item fits each target), ``report_service`` (detail,
scoreboard, charts). Pure pieces: ``shape``, ``experiment``, ``progress``, ``allocation``, ``options``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact, visible_owner_ids
from giftwise.campaigns import experiment, repository, shape
from giftwise.campaigns.schemas import CampaignCreate, CampaignRead
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.schemas import Page, page_of
from giftwise.core.settings import get_settings
from giftwise.ledger.potential import contact_potential
from giftwise.ledger.service import load_history
from giftwise.models.campaigns import Campaign, CampaignCheckpoint, CampaignPhase, CampaignTarget


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
    campaign = require_active(get_campaign(session, actor, campaign_id=campaign_id))
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
    campaign = require_active(get_campaign(session, actor, campaign_id=campaign_id))
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


def stop_campaign(session: Session, actor: Actor, *, campaign_id: int) -> Campaign:
    """Stop a campaign: no more allocations or corrections; its books stay."""
    campaign = require_active(get_campaign(session, actor, campaign_id=campaign_id))
    campaign.status = "stopped"
    record_audit(session, actor, action="campaign.stop", entity="campaign", entity_id=campaign.id)
    session.flush()
    return campaign


def require_active(campaign: Campaign) -> Campaign:
    """The campaign itself while it is active; Conflict once it is done or stopped."""
    if campaign.status != "active":
        raise Conflict("campaigns.campaign_only_active_campaign", id=campaign.id, status=campaign.status)
    return campaign
