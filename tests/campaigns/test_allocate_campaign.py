"""Allocating a campaign's budget: which gift (or none) each open target gets, and planning them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.campaigns import repository
from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.schemas import CampaignCreate, CheckpointIn, PhaseIn
from giftwise.campaigns.service import create_campaign, stop_campaign
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid
from giftwise.models.campaigns import Campaign, GiftFactorSnapshot
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_gift

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _campaign(session: Session, actor: Actor, contacts: list[Contact], **changes: object) -> Campaign:
    values: dict[str, object] = {
        "name": "Year-end thanks", "metric": "reply", "target_count": 2, "window_days": 30,
        "starts_on": date(2026, 11, 15), "total_budget": Decimal("500"), "per_contact_cap": Decimal("200"),
        "control_share": 0.0, "target_ids": [c.id for c in contacts],
    }
    values.update(changes)
    return create_campaign(session, actor, data=CampaignCreate.model_validate(values))


class TestAllocateCampaign:
    def test_spends_within_budget_and_cap(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(4)]
        for sku, price in (("card", "60"), ("tea", "150"), ("pen", "190"), ("watch", "900")):
            make_item(session, sku, price, category=sku)
        campaign = _campaign(session, actor, contacts)
        report = allocate_campaign(session, actor, campaign_id=campaign.id)
        assert report.cost <= Decimal("500")
        assert all(line.cost <= Decimal("200") for line in report.lines)
        assert all(line.item != "watch" for line in report.lines)
        assert report.objective >= report.greedy_objective
        assert report.milp_status == "optimal" and report.method == "milp"
        assert len(report.lines) == 4 and not report.applied

    def test_control_targets_get_nothing(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(4)]
        make_item(session, "tea", "100", category="tea")
        campaign = _campaign(session, actor, contacts, control_share=0.25, total_budget=Decimal("1000"))
        report = allocate_campaign(session, actor, campaign_id=campaign.id)
        control = [t.contact_id for t in repository.targets_of(session, campaign.id) if t.arm == "control"]
        assert len(control) == 1
        assert control[0] not in {line.contact_id for line in report.lines}

    def test_stock_limits_the_favourite(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(3)]
        make_item(session, "rare-tea", "100", category="tea", stock=1)
        campaign = _campaign(session, actor, contacts, total_budget=Decimal("1000"))
        report = allocate_campaign(session, actor, campaign_id=campaign.id)
        assert sum(1 for line in report.lines if line.item == "rare-tea") == 1

    def test_a_category_the_contact_returned_is_avoided(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        tea = make_item(session, "tea", "100", category="tea")
        make_item(session, "towel", "100", category="home")
        make_gift(session, actor, wang, on=date(2026, 6, 1), item=tea, status="returned")
        campaign = _campaign(session, actor, [wang])
        (line,) = allocate_campaign(session, actor, campaign_id=campaign.id).lines
        assert line.item == "towel"

    def test_apply_plans_the_gifts_in_the_campaign_once(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(2)]
        make_item(session, "tea", "100", category="tea")
        campaign = _campaign(session, actor, contacts)
        report = allocate_campaign(session, actor, campaign_id=campaign.id, apply=True)
        gifts = session.scalars(select(Gift).where(Gift.campaign_id == campaign.id)).all()
        assert {g.contact_id for g in gifts} == {c.id for c in contacts}
        assert all(line.gift_id for line in report.lines)
        snapshots = session.scalars(select(GiftFactorSnapshot)).all()
        assert {s.gift_id for s in snapshots} == {g.id for g in gifts}
        assert "need" in snapshots[0].factors  # the recommender's factor vector, frozen for calibration
        with pytest.raises(Invalid, match="no open gifted targets"):
            allocate_campaign(session, actor, campaign_id=campaign.id)

    def test_only_the_released_phase_budget_is_spent(self, session: Session, actor: Actor) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(4)]
        make_item(session, "tea", "100", category="tea")
        campaign = _campaign(
            session, actor, contacts, total_budget=Decimal("400"),
            phases=[PhaseIn(budget=Decimal("200")), PhaseIn(budget=Decimal("200"))],
            checkpoints=[CheckpointIn(on=date(2026, 11, 25)), CheckpointIn(on=date(2026, 12, 15))],
        )
        report = allocate_campaign(session, actor, campaign_id=campaign.id)
        assert report.budget_available == Decimal("200")
        assert sum(1 for line in report.lines if line.item_id) == 2

    def test_a_stopped_campaign_is_not_allocated(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        campaign = _campaign(session, actor, [contact])
        stop_campaign(session, actor, campaign_id=campaign.id)
        with pytest.raises(Conflict, match="stopped"):
            allocate_campaign(session, actor, campaign_id=campaign.id)

    def test_silly_time_limit_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        campaign = _campaign(session, actor, [contact])
        with pytest.raises(Invalid, match="time_limit"):
            allocate_campaign(session, actor, campaign_id=campaign.id, time_limit=0)
