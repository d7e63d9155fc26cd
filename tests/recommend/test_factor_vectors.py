"""Every gift teaches calibration: factor vectors of stored gifts, as the planner saw the contact then."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.recommend.service import factor_vectors
from tests.factories import make_contact
from tests.ledger.factories import make_gift, make_outcome
from tests.understanding.factories import add_note

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _rod(session: Session, sku: str = "ROD-1") -> CatalogItem:
    item = CatalogItem(sku=sku, name_zh="碳素钓鱼竿", name_en="Carbon fishing rod", price=Decimal("380"),
                       category="outdoor", tags=["fishing"])
    session.add(item)
    session.flush()
    return item


def _angler(session: Session, actor: Actor, name: str = "钓友") -> Contact:
    return make_contact(session, actor, name=name, notes=[("2025-03-01", "他周末都去水库钓鱼。")])


class TestFactorVectors:
    def test_a_gift_outside_any_campaign_gets_its_items_factor_vector(self, session: Session, actor: Actor) -> None:
        rod = _rod(session)
        gift = make_gift(session, actor, _angler(session, actor), on=date(2025, 6, 1), item=rod)
        vectors = factor_vectors(session, actor, gift_ids=[gift.id])
        assert gift.campaign_id is None
        assert vectors[gift.id]["interest"] > 0.5  # he fishes: the rod answers an interest

    def test_only_what_was_noted_before_the_gift_counts(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, name="后来才钓鱼", notes=[("2025-09-01", "他最近迷上了钓鱼。")])
        early = make_gift(session, actor, contact, on=date(2025, 6, 1), item=_rod(session))
        late = make_gift(session, actor, contact, on=date(2025, 10, 1), item=_rod(session, "ROD-2"), occasion="care")
        vectors = factor_vectors(session, actor, gift_ids=[early.id, late.id])
        assert vectors[early.id]["interest"] == 0.0
        assert vectors[late.id]["interest"] > 0.5

    def test_gifts_without_a_catalog_item_are_left_out(self, session: Session, actor: Actor) -> None:
        free_text = make_gift(session, actor, _angler(session, actor), on=date(2025, 6, 1))
        assert factor_vectors(session, actor, gift_ids=[free_text.id]) == {}


class TestCalibrateLearnsFromEveryGift:
    def test_calibrate_counts_gifts_planned_outside_a_campaign(
        self, session: Session, actor: Actor, cli: CliRunner
    ) -> None:
        rod = _rod(session)
        for i in range(12):
            contact = _angler(session, actor, f"钓友{i}")
            gift = make_gift(session, actor, contact, on=date(2026, 1, 5) + timedelta(days=7 * i), item=rod)
            if i % 3 == 0:
                make_outcome(session, contact, "reply", gift.planned_on + timedelta(days=5))
        add_note(session, contact, "2026-05-01", "他还喜欢喝茶。")
        session.commit()
        result = cli.invoke(app, ["calibrate", "--format", "json"])
        assert result.exit_code == 0, result.output
        answer = json.loads(result.stdout)
        assert answer["source"] == "recommender"
        assert answer["gifts"] == 12  # every one of them, though no campaign froze a snapshot
        assert "12 of them with recorded scoring factors" in " ".join(answer["message"].split())
