"""Checkpoints: progress against the target, phases released when met, corrections with reasons when behind."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.campaigns import repository
from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.progress_service import decide_correction, evaluate_checkpoint
from giftwise.campaigns.schemas import CampaignCreate, CheckpointIn, PhaseIn
from giftwise.campaigns.service import create_campaign
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict
from giftwise.models.campaigns import Campaign, CampaignCorrection
from giftwise.models.contacts import Contact
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_gift, make_outcome, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")

START = date(2026, 11, 1)


def _campaign(session: Session, actor: Actor, contacts: list[Contact], *, target: int = 2) -> Campaign:
    return create_campaign(session, actor, data=CampaignCreate(
        name="Meet the buyers", metric="meeting", target_count=target, window_days=21, starts_on=START,
        total_budget=Decimal("1000"), per_contact_cap=Decimal("300"), control_share=0.0,
        phases=[PhaseIn(name="first", budget=Decimal("400")), PhaseIn(name="second", budget=Decimal("600"))],
        checkpoints=[CheckpointIn(on=date(2026, 11, 10), expected_count=1), CheckpointIn(on=date(2026, 11, 22))],
        target_ids=[c.id for c in contacts],
    ))



def _wang_campaign(session: Session, actor: Actor, *, target: int = 1) -> tuple[Contact, Campaign]:
    """A new contact and a campaign that targets only them."""
    wang = make_contact(session, actor)
    return wang, _campaign(session, actor, [wang], target=target)

def _reasons(session: Session, campaign: Campaign) -> dict[str, list[CampaignCorrection]]:
    found: dict[str, list[CampaignCorrection]] = {}
    for correction in repository.corrections_of(session, campaign.id):
        found.setdefault(correction.action, []).append(correction)
    return found


class TestEvaluateCheckpoint:
    def test_met_checkpoint_releases_the_next_phase(self, session: Session, actor: Actor) -> None:
        wang, li = make_contact(session, actor), make_contact(session, actor, "李娜")
        campaign = _campaign(session, actor, [wang, li])
        make_outcome(session, wang, "meeting", date(2026, 11, 6))
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        assert (report.on, report.achieved, report.expected, report.behind) == (date(2026, 11, 10), 1, 1, False)
        assert report.released_phase == 2 and "Phase 2 budget released" in report.summary
        assert [p.released for p in repository.phases_of(session, campaign.id)] == [True, True]

    def test_missed_checkpoint_keeps_the_phase_locked_and_proposes_corrections(
        self, session: Session, actor: Actor
    ) -> None:
        returned, quiet, idle = (make_contact(session, actor, n) for n in ("王建国", "李娜", "张伟"))
        tea = make_item(session, "tea", "200", category="tea")
        campaign = _campaign(session, actor, [returned, quiet, idle], target=3)
        make_gift(session, actor, returned, on=START, item=tea, status="returned", campaign_id=campaign.id)
        make_gift(session, actor, quiet, on=date(2026, 11, 1), campaign_id=campaign.id)
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        assert report.behind and report.status == "missed" and report.released_phase is None
        assert "Phase 2 budget stays locked" in report.summary
        found = _reasons(session, campaign)
        change = found["change_gift_type"][0]
        assert change.contact_id == returned.id
        assert "tea" in change.reason_en and "换一种礼物" in change.reason_zh
        raise_touch = {c.contact_id: c for c in found["raise_touch_frequency"]}
        assert "arrived 7 days ago" in raise_touch[quiet.id].reason_en
        assert "no gift has gone out" in raise_touch[idle.id].reason_en

    def test_a_complaint_pauses_the_contact(self, session: Session, actor: Actor) -> None:
        wang, campaign = _wang_campaign(session, actor)
        make_outcome(session, wang, "complaint", date(2026, 11, 5))
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        (pause,) = _reasons(session, campaign)["pause_contact"]
        assert "complained on 2026-11-05" in pause.reason_en and "投诉" in pause.reason_zh

    def test_an_unreachable_target_proposes_stopping(self, session: Session, actor: Actor) -> None:
        _, campaign = _wang_campaign(session, actor, target=2)
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        (stop,) = _reasons(session, campaign)["stop"]
        assert "1 of 2 meetings is out of reach" in stop.reason_en

    def test_between_checkpoints_it_reports_without_storing(self, session: Session, actor: Actor) -> None:
        _, campaign = _wang_campaign(session, actor)
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        assert report.checkpoint_id is None and report.on == date(2026, 11, 20)
        assert all(c.id is None for c in report.corrections)

    def test_a_date_to_come_is_reported_as_of_that_date_and_records_nothing(
        self, session: Session, actor: Actor
    ) -> None:
        _, campaign = _wang_campaign(session, actor)
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)  # the 11-10 checkpoint, due today
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id, on=date(2026, 11, 22))
        assert report.on == date(2026, 11, 22) and report.checkpoint_id is None
        assert "2026-11-22" in report.summary
        final = repository.checkpoints_of(session, campaign.id)[-1]
        assert final.status == "pending" and final.evaluated_on is None

    def test_a_past_date_is_reported_as_of_that_date(self, session: Session, actor: Actor) -> None:
        wang, campaign = _wang_campaign(session, actor)
        make_outcome(session, wang, "meeting", date(2026, 11, 12))
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id, on=date(2026, 11, 11))
        assert report.on == date(2026, 11, 11) and report.achieved == 0

    def test_the_final_checkpoint_closes_the_campaign(self, session: Session, actor: Actor) -> None:
        wang, campaign = _wang_campaign(session, actor)
        make_outcome(session, wang, "meeting", date(2026, 11, 3))
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        report = evaluate_checkpoint(session, actor, campaign_id=campaign.id, on=date(2026, 11, 20))
        assert report.checkpoint_id is None  # the final checkpoint (22 Nov) is not due yet
        assert campaign.status == "active"


class TestDecideCorrection:
    def test_accepting_a_pause_pauses_the_target(self, session: Session, actor: Actor) -> None:
        wang, campaign = _wang_campaign(session, actor)
        make_outcome(session, wang, "complaint", date(2026, 11, 5))
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        (pause,) = _reasons(session, campaign)["pause_contact"]
        decide_correction(session, actor, correction_id=pause.id, decision="accepted")
        assert repository.target_of(session, campaign.id, wang.id).status == "paused"  # type: ignore[union-attr]
        with pytest.raises(Conflict, match="already accepted"):
            decide_correction(session, actor, correction_id=pause.id, decision="dismissed")

    def test_accepting_stop_stops_the_campaign(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        make_item(session, "tea", "100", category="tea")
        campaign = _campaign(session, actor, [wang], target=2)
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        (stop,) = _reasons(session, campaign)["stop"]
        decide_correction(session, actor, correction_id=stop.id, decision="accepted")
        assert campaign.status == "stopped"
        with pytest.raises(Conflict):
            allocate_campaign(session, actor, campaign_id=campaign.id)

    def test_accepting_more_touches_puts_a_call_on_the_agenda(self, session: Session, actor: Actor) -> None:
        from giftwise.models.followups import Touch

        wang, campaign = _wang_campaign(session, actor)
        make_touch(session, actor, wang, due=date(2026, 10, 1), done=date(2026, 10, 1))
        evaluate_checkpoint(session, actor, campaign_id=campaign.id)
        (more,) = _reasons(session, campaign)["raise_touch_frequency"]
        decide_correction(session, actor, correction_id=more.id, decision="accepted")
        calls = session.scalars(select(Touch).where(Touch.contact_id == wang.id, Touch.source == "campaign")).all()
        assert [(t.channel, t.due_on) for t in calls] == [("call", date(2026, 11, 22))]
