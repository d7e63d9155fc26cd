"""Campaigns: a measurable goal, phases released by checkpoints, targets, and the control group."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.accounts.service import ensure_user
from giftwise.campaigns import repository
from giftwise.campaigns.report_service import suggest_targets
from giftwise.campaigns.schemas import CampaignCreate, CheckpointIn, PhaseIn
from giftwise.campaigns.service import (
    add_targets,
    check_campaign_gift,
    create_campaign,
    draw_control_group,
    list_campaigns,
    set_target_status,
)
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Invalid, NotFound
from giftwise.models.campaigns import Campaign
from tests.factories import make_contact
from tests.ledger.factories import make_gift, make_outcome

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _create(session: Session, actor: Actor, **changes: object) -> Campaign:
    values: dict[str, object] = {
        "name": "Q4 key accounts", "goal": "a meeting with 5 of these 8 contacts", "metric": "meeting",
        "target_count": 5, "window_days": 21, "starts_on": date(2026, 11, 1), "total_budget": Decimal("6000"),
        "per_contact_cap": Decimal("800"),
    }
    values.update(changes)
    return create_campaign(session, actor, data=CampaignCreate.model_validate(values))


class TestCreateCampaign:
    def test_default_plan_has_one_released_phase_two_checkpoints_and_a_recorded_seed(
        self, session: Session, actor: Actor
    ) -> None:
        campaign = _create(session, actor)
        phases = repository.phases_of(session, campaign.id)
        checkpoints = repository.checkpoints_of(session, campaign.id)
        assert [(p.budget, p.released) for p in phases] == [(Decimal("6000"), True)]
        assert [(c.on, c.expected_count) for c in checkpoints] == [(date(2026, 11, 12), 3), (date(2026, 11, 22), 5)]
        assert campaign.control_seed == campaign.id and campaign.control_share == 0.1

    def test_phases_close_with_checkpoints(self, session: Session, actor: Actor) -> None:
        campaign = _create(
            session, actor, phases=[PhaseIn(budget=Decimal("2000")), PhaseIn(budget=Decimal("4000"))],
            checkpoints=[CheckpointIn(on=date(2026, 11, 8), expected_count=1), CheckpointIn(on=date(2026, 11, 22))],
        )
        phases = repository.phases_of(session, campaign.id)
        checkpoints = repository.checkpoints_of(session, campaign.id)
        assert [p.released for p in phases] == [True, False]
        assert [c.closes_phase for c in checkpoints] == [1, None]

    def test_phase_budgets_must_add_up(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="add up to 5000"):
            _create(session, actor, phases=[PhaseIn(budget=Decimal("2000")), PhaseIn(budget=Decimal("3000"))])
        assert session.scalar(select(func.count()).select_from(Campaign)) == 0

    def test_checkpoint_after_the_window_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="by the window's end"):
            _create(session, actor, checkpoints=[CheckpointIn(on=date(2026, 12, 30))])

    def test_three_phases_need_two_checkpoints(self, session: Session, actor: Actor) -> None:
        phases = [PhaseIn(budget=Decimal("2000"))] * 3
        with pytest.raises(Invalid, match="at least 2 checkpoints"):
            _create(session, actor, phases=phases, checkpoints=[CheckpointIn(on=date(2026, 11, 22))])

    def test_cap_above_budget_is_refused_by_the_schema(self) -> None:
        with pytest.raises(ValidationError, match=r"上限不能超过总预算|cap per contact cannot exceed"):
            CampaignCreate(name="x", metric="reply", target_count=1, window_days=7, total_budget=Decimal("100"),
                           per_contact_cap=Decimal("200"))


class TestListCampaigns:
    def test_a_rep_sees_only_own_campaigns(self, session: Session, actor: Actor) -> None:
        _create(session, actor)
        user = ensure_user(session, username="rep2", role=Role.REP)
        rep = Actor(user_id=user.id, username="rep2", role=Role.REP)
        assert list_campaigns(session, actor).total == 1
        assert list_campaigns(session, rep).total == 0


    def test_pages_newest_first(self, session: Session, actor: Actor) -> None:
        for day in (1, 2, 3):
            _create(session, actor, name=f"day {day}", starts_on=date(2026, 11, day))
        page = list_campaigns(session, actor, limit=2, offset=1)
        assert page.total == 3 and [c.name for c in page.items] == ["day 2", "day 1"]


class TestAddTargets:
    def test_adds_new_contacts_and_leaves_present_ones(self, session: Session, actor: Actor) -> None:
        wang, li = make_contact(session, actor), make_contact(session, actor, "李娜")
        campaign = _create(session, actor, target_ids=[wang.id])
        added = add_targets(session, actor, campaign_id=campaign.id, contact_ids=[wang.id, li.id])
        assert [t.contact_id for t in added] == [li.id]
        assert len(repository.targets_of(session, campaign.id)) == 2

    def test_contact_of_another_rep_is_not_found(self, session: Session, actor: Actor) -> None:
        user = ensure_user(session, username="rep2", role=Role.REP)
        rep = Actor(user_id=user.id, username="rep2", role=Role.REP)
        mine = make_contact(session, actor)
        campaign = _create(session, rep)
        with pytest.raises(NotFound):
            add_targets(session, rep, campaign_id=campaign.id, contact_ids=[mine.id])

    def test_targets_added_after_the_draw_get_a_seeded_arm(self, session: Session, actor: Actor) -> None:
        first = [make_contact(session, actor, f"c{i}") for i in range(10)]
        campaign = _create(session, actor, target_ids=[c.id for c in first])
        targets = draw_control_group(session, actor, campaign_id=campaign.id)
        assert sorted(t.arm for t in targets).count("control") == 1
        late = make_contact(session, actor, "late")
        (added,) = add_targets(session, actor, campaign_id=campaign.id, contact_ids=[late.id])
        assert added.arm in ("gifted", "control")


class TestDrawControlGroup:
    def test_the_draw_is_recorded_once_and_repeatable(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(20)]
        campaign = _create(session, actor, target_ids=[c.id for c in contacts], control_seed=99, control_share=0.2)
        first = {t.contact_id for t in draw_control_group(session, actor, campaign_id=campaign.id)
                 if t.arm == "control"}
        again = {t.contact_id for t in draw_control_group(session, actor, campaign_id=campaign.id)
                 if t.arm == "control"}
        assert len(first) == 4 and first == again
        assert campaign.control_drawn_on == date(2026, 11, 20)


class TestCheckCampaignGift:
    def test_control_and_paused_targets_get_no_campaign_gift(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(10)]
        campaign = _create(session, actor, target_ids=[c.id for c in contacts])
        targets = draw_control_group(session, actor, campaign_id=campaign.id)
        held = next(t for t in targets if t.arm == "control")
        gifted = next(t for t in targets if t.arm == "gifted")
        with pytest.raises(Invalid, match="control group"):
            check_campaign_gift(session, actor, campaign_id=campaign.id, contact_id=held.contact_id)
        assert check_campaign_gift(session, actor, campaign_id=campaign.id, contact_id=gifted.contact_id) is gifted
        set_target_status(session, actor, campaign_id=campaign.id, contact_id=gifted.contact_id, status="paused")
        with pytest.raises(Invalid, match="paused"):
            check_campaign_gift(session, actor, campaign_id=campaign.id, contact_id=gifted.contact_id)

    def test_planning_a_campaign_gift_for_a_held_back_contact_is_refused(
        self, session: Session, actor: Actor
    ) -> None:
        from giftwise.gifts.schemas import GiftCreate
        from giftwise.gifts.service import list_gifts
        from giftwise.workflows.gift_steps import plan

        contacts = [make_contact(session, actor, f"c{i}") for i in range(10)]
        campaign = _create(session, actor, target_ids=[c.id for c in contacts])
        held = next(t for t in draw_control_group(session, actor, campaign_id=campaign.id) if t.arm == "control")
        gift = GiftCreate(contact_id=held.contact_id, description="手写卡片", item_kind="goods", cost=10,
                          campaign_id=campaign.id)
        with pytest.raises(Invalid, match="control group"):
            plan(session, actor, data=gift)
        assert list_gifts(session, actor, contact_id=held.contact_id).total == 0


class TestSuggestTargets:
    def test_buyers_who_answer_come_before_newcomers(self, session: Session, actor: Actor) -> None:
        newcomer = make_contact(session, actor, "新客户")
        buyer = make_contact(session, actor, "老客户", language="en")
        make_outcome(session, buyer, "order", date(2026, 6, 1), value="36000")
        make_outcome(session, buyer, "reply", date(2026, 10, 1))
        campaign = _create(session, actor)
        suggestions = suggest_targets(session, actor, campaign_id=campaign.id, limit=5)
        assert [s.contact_id for s in suggestions] == [buyer.id, newcomer.id]
        assert any("36,000" in reason for reason in suggestions[0].reasons)

    def test_existing_targets_are_not_suggested(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        campaign = _create(session, actor, target_ids=[wang.id])
        assert suggest_targets(session, actor, campaign_id=campaign.id) == []

    def test_a_draining_relationship_ranks_lower(self, session: Session, actor: Actor) -> None:
        steady = make_contact(session, actor, "steady")
        drain = make_contact(session, actor, "drain")
        for month in (6, 8, 10):
            make_gift(session, actor, drain, on=date(2026, month, 5), status="returned" if month == 8 else "delivered")
        make_outcome(session, drain, "reply", date(2026, 5, 1))
        campaign = _create(session, actor)
        suggestions = suggest_targets(session, actor, campaign_id=campaign.id)
        assert [s.name for s in suggestions] == ["steady", "drain"]
        assert any("draining" in r for r in suggestions[1].reasons)
        assert steady.id == suggestions[0].contact_id
