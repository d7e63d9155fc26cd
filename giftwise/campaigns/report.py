"""A campaign as people look at it (read only): its detail, its funnel, its scoreboard with lift and ROI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.campaigns import progress, repository
from giftwise.campaigns.schemas import (
    CampaignDetail,
    CampaignRead,
    CampaignReport,
    CheckpointRead,
    CorrectionRead,
    PhaseRead,
    TargetRead,
)
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.i18n import bilingual
from giftwise.ledger.attribution import AttributionRule, load_rule
from giftwise.ledger.books import credit_per_gift, roi_of
from giftwise.ledger.history import History, gift_money, given_on
from giftwise.ledger.service import load_history
from giftwise.models.campaigns import CampaignTarget
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_SENT, GIFT_SPENT, GiftStatus

FUNNEL = ("targets", "gifted_arm", "gift_planned", "gift_sent", "delivered", "followed_up", "succeeded",
          "control", "control_succeeded")


def campaign_detail(session: Session, actor: Actor, *, campaign_id: int) -> CampaignDetail:
    """Everything about one campaign: phases, checkpoints, targets (who succeeded), money, corrections."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = list(repository.targets_of(session, campaign.id))
    contacts = repository.contacts_by_id(session, [t.contact_id for t in targets])
    history = load_history(session, actor, contact_ids=list(contacts))
    won = progress.successes(campaign, history, set(contacts), clock.today())
    phases = repository.phases_of(session, campaign.id)
    gifts = [g for g in repository.campaign_gifts(session, campaign.id) if g.status != GiftStatus.CANCELLED]
    unapplied = [a for a in repository.allocations_of(session, campaign.id) if a.gift_id is None and a.item_id]
    return CampaignDetail(
        **CampaignRead.model_validate(campaign).model_dump(),
        phases=[PhaseRead.model_validate(p) for p in phases],
        checkpoints=[CheckpointRead.model_validate(c) for c in repository.checkpoints_of(session, campaign.id)],
        targets=[
            TargetRead(contact_id=t.contact_id, name=contacts[t.contact_id].name, arm=t.arm, status=t.status,
                       potential=t.potential, succeeded_on=won.get(t.contact_id))
            for t in targets
        ],
        released_budget=sum((p.budget for p in phases if p.released), Decimal(0)),
        spent=sum((gift_money(g) for g in gifts if g.status in GIFT_SPENT), Decimal(0)),
        planned=sum((gift_money(g) for g in gifts if g.status not in GIFT_SPENT), Decimal(0))
        + sum((a.cost for a in unapplied), Decimal(0)),
        corrections=[
            CorrectionRead(id=c.id, checkpoint_id=c.checkpoint_id, contact_id=c.contact_id, action=c.action,
                           reason=bilingual(actor.language, c.reason_zh, c.reason_en), status=c.status)
            for c in repository.corrections_of(session, campaign.id)
        ],
    )


def campaign_report(
    session: Session, actor: Actor, *, campaign_id: int, rule: AttributionRule | None = None
) -> CampaignReport:
    """The scoreboard: progress, funnel, money, attributed value and ROI (with the rule), and the measured lift."""
    rule = rule or load_rule()
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = list(repository.targets_of(session, campaign.id))
    ids = [t.contact_id for t in targets]
    history = load_history(session, actor, contact_ids=ids)
    campaign_history = load_history(session, actor, contact_ids=ids, campaign_id=campaign.id)
    today = clock.today()
    won = progress.successes(campaign, history, set(ids), today)
    spent_gifts = campaign_history.spent_gifts()
    spent = sum((gift_money(g) for g in spent_gifts), Decimal(0))
    credit = sum(credit_per_gift(history, rule, spent_gifts).values(), Decimal(0))
    phases = repository.phases_of(session, campaign.id)
    return CampaignReport(
        campaign_id=campaign.id, name=campaign.name, on=today,
        achieved=sum(1 for t in targets if t.arm != "control" and t.contact_id in won), target=campaign.target_count,
        expected_now=progress.expected_by(campaign, today), funnel=funnel(targets, campaign_history, won),
        budget=campaign.total_budget, released_budget=sum((p.budget for p in phases if p.released), Decimal(0)),
        spent=spent, attributed_value=credit, roi=roi_of(spent, credit), attribution_rule=rule.describe(actor.language),
        lift=progress.lift(campaign, targets, won, actor.language),
        checkpoints=[CheckpointRead.model_validate(c) for c in repository.checkpoints_of(session, campaign.id)],
    )


def funnel(targets: list[CampaignTarget], history: History, won: dict[int, date]) -> dict[str, int]:
    """How many targets reached each step: gifted group, gift planned, sent, delivered, followed up, succeeded."""
    gifted = [t.contact_id for t in targets if t.arm != "control"]
    live = [g for g in history.gifts if g.status != GiftStatus.CANCELLED]
    planned = {g.contact_id for g in live}
    sent = {g.contact_id for g in live if g.status in GIFT_SENT}
    delivered = {g.contact_id for g in live if g.delivered_on is not None}
    first_given: dict[int, date] = {}
    for gift in live:
        if gift.status in GIFT_SENT:
            first_given[gift.contact_id] = min(first_given.get(gift.contact_id, given_on(gift)), given_on(gift))
    followed = {
        t.contact_id for t in history.touches
        if t.status == TouchStatus.DONE and t.done_on and t.contact_id in first_given
        and t.done_on >= first_given[t.contact_id]
    }
    control = [t.contact_id for t in targets if t.arm == "control"]
    return {
        "targets": len(targets),
        "gifted_arm": len(gifted),
        "gift_planned": sum(c in planned for c in gifted),
        "gift_sent": sum(c in sent for c in gifted),
        "delivered": sum(c in delivered for c in gifted),
        "followed_up": sum(c in followed for c in gifted),
        "succeeded": sum(c in won for c in gifted),
        "control": len(control),
        "control_succeeded": sum(c in won for c in control),
    }
