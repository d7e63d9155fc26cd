"""The database side of a campaign's progress (``progress.py``): score the checkpoint due, release the next
phase when it is met, store the corrections proposed when behind, and carry out the ones accepted.

Campaigns sit above followups in the layer order: an accepted "raise touch frequency" correction
schedules an extra touch (``followups.service.create_touch``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.campaigns import progress, repository, shape
from giftwise.campaigns.schemas import CheckpointReport, CorrectionRead
from giftwise.campaigns.service import get_campaign, set_target_status
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import bilingual, t
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import create_touch
from giftwise.ledger.service import load_history
from giftwise.models.campaigns import Campaign, CampaignCheckpoint, CampaignCorrection


@dataclass(frozen=True, slots=True)
class _Standing:
    """Where a campaign stands on a day: its successes against the count expected, and what to correct."""

    achieved: int
    expected: int
    gifted: int
    proposals: list[progress.Proposal]

    @property
    def behind(self) -> bool:
        """Fewer successes than expected by then."""
        return self.achieved < self.expected


def evaluate_checkpoint(
    session: Session, actor: Actor, *, campaign_id: int, on: date | None = None
) -> CheckpointReport:
    """Score the checkpoint due by ``on`` (default today) as of that date: progress vs target, the next phase
    released when met, corrections when behind. A date still to come previews it and records nothing."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    day = on or clock.today()
    checkpoint, expected = _due_checkpoint(session, campaign, day)
    as_of = checkpoint.on if checkpoint else day
    standing = _standing(session, actor, campaign, as_of, expected)
    summary = shape.summary(campaign, actor.language, achieved=standing.achieved, expected=standing.expected,
                            on=as_of, behind=standing.behind, gifted=standing.gifted)
    if checkpoint is None:
        proposed = [CorrectionRead(id=None, checkpoint_id=None, contact_id=p.contact_id, action=p.action,
                                   reason=bilingual(actor.language, p.reason_zh, p.reason_en), status="proposed")
                    for p in standing.proposals]
        status = "behind" if standing.behind else "on track"
        return _report(campaign, None, as_of, standing, summary=summary, status=status, corrections=proposed)
    released, phase_note = _record(session, campaign, checkpoint, standing, day, actor.language)
    stored = [_store_correction(session, campaign, checkpoint, p, day) for p in standing.proposals]
    if checkpoint.on >= campaign.ends_on and campaign.status == "active":
        campaign.status = "done"
    session.flush()
    return _report(campaign, checkpoint, as_of, standing, summary=f"{summary} {phase_note}".strip(),
                   status=checkpoint.status, corrections=[_correction_read(c, actor.language) for c in stored],
                   released=released)


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


def _due_checkpoint(session: Session, campaign: Campaign, day: date) -> tuple[CampaignCheckpoint | None, int | None]:
    # The checkpoint to record on ``day`` and the count it expects; a day still to come records none, but a
    # checkpoint falling on that very day still says what it will expect.
    checkpoint = repository.due_checkpoint(session, campaign.id, day)
    if day > clock.today():
        return None, checkpoint.expected_count if checkpoint and checkpoint.on == day else None
    return checkpoint, checkpoint.expected_count if checkpoint else None


def _standing(session: Session, actor: Actor, campaign: Campaign, as_of: date, expected: int | None) -> _Standing:
    targets = list(repository.targets_of(session, campaign.id))
    contacts = repository.contacts_by_id(session, [t.contact_id for t in targets])
    ids = list(contacts)
    campaign_history = load_history(session, actor, contact_ids=ids, campaign_id=campaign.id)
    full_history = load_history(session, actor, contact_ids=ids)
    gifted = {t.contact_id for t in targets if t.arm != "control"}
    won = progress.successes(campaign, full_history, gifted, as_of)
    expected = progress.expected_by(campaign, as_of) if expected is None else expected
    proposals = []
    if len(won) < expected and campaign.status == "active":
        proposals = progress.propose_corrections(
            campaign, on=as_of, targets=targets, contacts=contacts, campaign_history=campaign_history,
            full_history=full_history, won=won,
        )
    return _Standing(achieved=len(won), expected=expected, gifted=len(gifted), proposals=proposals)


def _record(
    session: Session, campaign: Campaign, checkpoint: CampaignCheckpoint, standing: _Standing, day: date,
    language: str,
) -> tuple[int | None, str]:
    checkpoint.status = "missed" if standing.behind else "met"
    checkpoint.achieved_count, checkpoint.evaluated_on = standing.achieved, day
    return _release_after(session, campaign, checkpoint, language)


def _report(
    campaign: Campaign, checkpoint: CampaignCheckpoint | None, as_of: date, standing: _Standing, *, summary: str,
    status: str, corrections: list[CorrectionRead], released: int | None = None,
) -> CheckpointReport:
    return CheckpointReport(
        campaign_id=campaign.id, checkpoint_id=checkpoint.id if checkpoint else None, on=as_of,
        achieved=standing.achieved, expected=standing.expected, target=campaign.target_count, behind=standing.behind,
        status=status, summary=summary, released_phase=released, corrections=corrections,
    )


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
