"""A campaign as people look at it, read from the database (read only): its detail, its scoreboard with lift
and ROI, its charts, and the contacts it should aim at next.

Every amount is stated in the campaign's own currency (its budget's): gifts in another currency convert at the
rate of the day they were given, the orders credited to it (the ledger's base currency) at today's rate.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope
from giftwise.campaigns import progress, repository
from giftwise.campaigns.charts import CHARTS, funnel_chart, progress_chart
from giftwise.campaigns.fit_service import best_fits
from giftwise.campaigns.report import funnel
from giftwise.campaigns.schemas import (
    CampaignDetail,
    CampaignRead,
    CampaignReport,
    CheckpointRead,
    CorrectionRead,
    PhaseRead,
    Suggestion,
    TargetRead,
)
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import bilingual, t
from giftwise.ledger import repository as ledger_repository
from giftwise.ledger.attribution import AttributionRule, load_rule
from giftwise.ledger.books import credit_per_gift, roi_of
from giftwise.ledger.charts import check_format
from giftwise.ledger.history import gift_money, given_on
from giftwise.ledger.potential import contact_potential
from giftwise.ledger.service import load_history
from giftwise.models.gifts import GIFT_SPENT, Gift, GiftStatus
from giftwise.money.rates import RateTable
from giftwise.money.service import base_currency, convert_with, rate_table

# Fit is costly (the recommender scores a whole catalog per person), so only the contacts with the
# most ledger potential are scored: this many times the number asked for.
SHORTLIST_FACTOR = 3


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
    table = rate_table(session)
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
        spent=_in_currency(table, [g for g in gifts if g.status in GIFT_SPENT], campaign.currency),
        planned=_in_currency(table, [g for g in gifts if g.status not in GIFT_SPENT], campaign.currency)
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
    # ROI compares amounts in one currency (the ledger's base); the totals shown are in the campaign's.
    spent_base = sum((campaign_history.spent_on(g) for g in spent_gifts), Decimal(0))
    credit_base = sum(credit_per_gift(history, rule, spent_gifts).values(), Decimal(0))
    table = rate_table(session)
    spent = _in_currency(table, spent_gifts, campaign.currency)
    credit = convert_with(table, credit_base, base_currency(), campaign.currency, today)
    phases = repository.phases_of(session, campaign.id)
    return CampaignReport(
        campaign_id=campaign.id, name=campaign.name, on=today,
        achieved=sum(1 for t in targets if t.arm != "control" and t.contact_id in won), target=campaign.target_count,
        expected_now=progress.expected_by(campaign, today), funnel=funnel(targets, campaign_history, won),
        budget=campaign.total_budget, released_budget=sum((p.budget for p in phases if p.released), Decimal(0)),
        currency=campaign.currency, currency_note=t("campaigns.report_in_currency", actor.language,
                                                      currency=campaign.currency),
        spent=spent, attributed_value=credit, roi=roi_of(spent_base, credit_base),
        attribution_rule=rule.describe(actor.language),
        lift=progress.lift(campaign, targets, won, actor.language),
        checkpoints=[CheckpointRead.model_validate(c) for c in repository.checkpoints_of(session, campaign.id)],
    )


def _in_currency(table: RateTable, gifts: list[Gift], currency: str) -> Decimal:
    """What ``gifts`` cost (shipping included) in ``currency``, each at the rate of the day it was given."""
    return sum((convert_with(table, gift_money(g), g.currency, currency, given_on(g)) for g in gifts), Decimal(0))


def campaign_chart(session: Session, actor: Actor, *, campaign_id: int, kind: str, fmt: str) -> bytes:
    """The campaign's ``funnel`` or checkpoint ``progress`` chart as PNG or SVG bytes."""
    fmt = check_format(fmt)
    if kind not in CHARTS:
        raise Invalid("campaigns.campaign_chart_funnel_progress", kind=kind, field="kind")
    if kind == "funnel":
        return funnel_chart(campaign_report(session, actor, campaign_id=campaign_id), language=actor.language,
                            fmt=fmt)
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = repository.targets_of(session, campaign.id)
    gifted = {t.contact_id for t in targets if t.arm != "control"}
    history = load_history(session, actor, contact_ids=[t.contact_id for t in targets])
    today = clock.today()
    won = sorted(progress.successes(campaign, history, gifted, today).values())
    return progress_chart(campaign, won=won, checkpoints=repository.checkpoints_of(session, campaign.id), today=today,
                          language=actor.language, fmt=fmt)


def suggest_targets(session: Session, actor: Actor, *, campaign_id: int, limit: int = 8) -> list[Suggestion]:
    """The visible contacts with the most potential who are not targets yet (orders, replies, then fit)."""
    if not 1 <= limit <= 50:
        raise Invalid("campaigns.limit_between_good_campaign", field="limit")
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    present = {t.contact_id for t in repository.targets_of(session, campaign.id)}
    contacts = [c for c in ledger_repository.contacts_in(session, contact_scope(session, actor)) if c.id not in present]
    loaded = load_history(session, actor, contact_ids=[c.id for c in contacts])
    potentials = {
        c.id: contact_potential(loaded.for_contact(c.id), contact_id=c.id, name=c.name, today=clock.today(),
                                language=actor.language, currency=campaign.currency)
        for c in contacts
    }
    shortlist = sorted(contacts, key=lambda c: (-potentials[c.id].value, c.name))[: limit * SHORTLIST_FACTOR]
    fits = best_fits(session, actor, contacts=shortlist, history=loaded, currency=campaign.currency,
                     cap=campaign.per_contact_cap)
    ranked = []
    for contact in shortlist:
        potential = potentials[contact.id]
        item_name, fit = fits.get(contact.id, ("", 0.0))
        reasons = list(potential.reasons)
        if item_name:
            reasons.append(t("ledger.potential.fit", actor.language, item=item_name, score=f"{fit:.2f}"))
        ranked.append(Suggestion(
            contact_id=contact.id, name=contact.name, score=round(potential.value * (0.5 + fit), 4),
            potential=potential.value, fit=round(fit, 4), reasons=reasons,
        ))
    ranked.sort(key=lambda s: (-s.score, s.name))
    return ranked[:limit]
