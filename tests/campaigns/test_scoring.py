"""Fit scores for the allocation: the recommender's engine (hard constraints, policy) and the ledger stand-in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.fit_service import fit_scores
from giftwise.campaigns.schemas import CampaignCreate
from giftwise.campaigns.scoring import ledger_scores
from giftwise.campaigns.service import create_campaign
from giftwise.core.actor import Actor
from giftwise.ledger.service import load_history
from giftwise.models.catalog import CatalogItem
from giftwise.models.understanding import Fact
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_gift, make_outcome

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _card_wine_tea(session: Session) -> list[CatalogItem]:
    card = make_item(session, "shopping-card", "150", category="gift card")
    card.tags, card.name_en, card.name_zh = ["gift card"], "Shopping card", "购物卡"
    wine = make_item(session, "red-wine", "180", category="alcohol")
    wine.tags, wine.name_en, wine.name_zh = ["wine"], "Red wine", "红酒"
    tea = make_item(session, "tea", "180", category="tea")
    tea.tags, tea.name_en, tea.name_zh = ["tea"], "Tea", "茶叶"
    session.flush()
    return [card, wine, tea]


class TestFitScores:
    def test_hard_constraints_score_zero(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        session.add(Fact(contact_id=contact.id, kind="restriction", concept="halal", observed_on=date(2026, 1, 1)))
        items = _card_wine_tea(session)
        loaded = load_history(session, actor, contact_ids=[contact.id])
        scores = fit_scores(session, actor, contacts=[contact], items=items, history=loaded).scores
        assert scores[0, 0] == 0.0  # cash equivalents are never allowed
        assert scores[0, 1] == 0.0  # alcohol for someone who keeps halal
        assert scores[0, 2] > 0.0

    def test_the_allocation_gives_only_what_policy_and_the_person_allow(self, session: Session, actor: Actor) -> None:
        official, other = make_contact(session, actor, "官员"), make_contact(session, actor, "李娜")
        official.public_official = True
        _card_wine_tea(session)
        for item in session.scalars(select(CatalogItem)).all():
            item.price = Decimal("250")  # above the per-gift cap for public officials
        campaign = create_campaign(session, actor, data=CampaignCreate(
            name="policy", metric="reply", target_count=1, window_days=30, total_budget=Decimal("1000"),
            per_contact_cap=Decimal("300"), control_share=0.0, target_ids=[official.id, other.id],
        ))
        lines = {line.name: line for line in allocate_campaign(session, actor, campaign_id=campaign.id).lines}
        assert lines["官员"].item_id is None
        assert lines["李娜"].item not in (None, "shopping-card")


class TestLedgerScores:
    def test_what_came_back_what_worked_and_what_they_said(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        tea = make_item(session, "tea", category="tea")
        wine = make_item(session, "wine", category="alcohol")
        books = make_item(session, "book", category="books")
        pen = make_item(session, "pen", category="stationery")
        make_gift(session, actor, contact, on=date(2026, 3, 1), item=tea, status="returned")
        make_gift(session, actor, contact, on=date(2026, 5, 1), item=books)
        make_outcome(session, contact, "reply", date(2026, 5, 10))
        loaded = load_history(session, actor, contact_ids=[contact.id])
        scores = ledger_scores(contact_ids=[contact.id], items=[tea, wine, books, pen], history=loaded,
                               facts={contact.id: [("dislike", "alcohol"), ("interest", "stationery")]})
        assert scores.tolist() == [[0.1, 0.0, 0.8, 0.75]]
