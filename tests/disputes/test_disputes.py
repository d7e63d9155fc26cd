"""Disputes through the services: opening a claim, the advice from stored data, resolving and closing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.disputes import service as disputes
from giftwise.disputes.schemas import CloseIn, DisputeOpen, DisputeOptions, ResolveIn
from giftwise.followups.repository import touches_of_gift
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch
from giftwise.models.outcomes import Outcome
from giftwise.models.shipments import Shipment
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentPrepare
from giftwise.workflows import dispute_steps, parcel_steps
from tests.factories import World, at, claim_short, order_bags, past_orders, shipped_parcel


@pytest.fixture
def parcel(session: Session, actor: Actor, world: World, tmp_path: Path) -> Shipment:
    """Anna's shipped parcel of 20 bags (a repeat client: two earlier orders)."""
    past_orders(session, actor, world.contact, (date(2026, 2, 10), "1800"), (date(2026, 6, 15), "2100"))
    shipped = shipped_parcel(session, actor, order_bags(session, actor, world), tmp_path)
    at(date(2026, 11, 16))
    session.commit()
    return shipped


def touches_of(session: Session, dispute: Dispute) -> dict[str, Touch]:
    rows = session.scalars(select(Touch).where(Touch.source == "dispute", Touch.source_id == dispute.id)).all()
    return {t.purpose: t for t in rows}


class TestOpenDispute:
    def test_complaint_goes_into_the_ledger(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        complaint = session.get(Outcome, dispute.complaint_outcome_id)
        assert complaint is not None and complaint.kind == "complaint" and "short by 2" in complaint.note
        assert disputes.dispute_read(session, dispute).evidence_held == ["packed_count", "photo", "weight"]

    def test_claim_on_unknown_shipment_is_not_found(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(NotFound, match="No shipment with id 999"):
            disputes.open_dispute(session, actor, data=DisputeOpen(shipment_id=999, claim="short", quantity=2))
        session.rollback()
        assert session.scalar(select(func.count()).select_from(Dispute)) == 0

    def test_negative_quantity_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="quantity"):
            DisputeOpen(shipment_id=1, claim="short", quantity=-2)

    def test_more_units_than_the_parcel_held_is_refused(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        with pytest.raises(Invalid, match="held 20"):
            claim_short(session, actor, parcel, quantity=25)

    def test_parcel_not_yet_shipped_cannot_be_claimed(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        unshipped = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id))
        with pytest.raises(Conflict, match="not shipped"):
            claim_short(session, actor, unshipped)

    def test_one_open_dispute_per_parcel(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        claim_short(session, actor, parcel)
        with pytest.raises(Conflict, match="already has an open dispute"):
            claim_short(session, actor, parcel)

    def test_unknown_route_is_refused(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        with pytest.raises(Invalid, match="not a shipping route"):
            claim_short(session, actor, parcel, route="pigeon")


class TestAdvise:
    def test_entered_lifetime_value_changes_the_advice(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        assert disputes.advise(session, actor, dispute_id=dispute.id).recommended == "resend_surprise"
        reading = disputes.choose_options(session, actor, dispute_id=dispute.id,
                                          options=DisputeOptions(lifetime_value=Decimal("500")))
        assert (reading.recommended, reading.lifetime_basis) == ("resend", "entered")
        assert dispute.recommended == "resend"

    def test_one_off_buyer_with_full_evidence_holds_firm(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        order = order_bags(session, actor, world, quantity=100, cost="30", price="50")
        parcel = shipped_parcel(session, actor, order, tmp_path, weight="30")
        dispute = disputes.open_dispute(session, actor, data=DisputeOpen(
            shipment_id=parcel.id, claim="damaged", quantity=40, hours_spent=Decimal("2")))
        reading = disputes.advise(session, actor, dispute_id=dispute.id)
        assert reading.recommended == "hold_firm"
        assert reading.figures["lifetime_value"] < reading.break_even_lifetime_value
        assert "one-off buyer" in reading.explanation["en"][-1]

    def test_same_buyer_without_a_photo_is_resent(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        order = order_bags(session, actor, world, quantity=100, cost="30", price="50")
        parcel = shipped_parcel(session, actor, order, tmp_path, weight="30", photo=False)
        dispute = disputes.open_dispute(session, actor, data=DisputeOpen(
            shipment_id=parcel.id, claim="damaged", quantity=40, hours_spent=Decimal("2")))
        reading = disputes.advise(session, actor, dispute_id=dispute.id)
        assert reading.recommended == "resend" and reading.evidence_missing == ["photo"]


class TestChooseOptions:
    def test_a_catalog_surprise_changes_its_cost_and_the_reply(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        before = disputes.advise(session, actor, dispute_id=dispute.id).figures["surprise"]
        reading = disputes.choose_options(session, actor, dispute_id=dispute.id, options=DisputeOptions(
            surprise_sku="velvet-bag", surprise_quantity=4))
        assert reading.figures["surprise"] == Decimal("140") != before  # 4 x the velvet bag's 35
        draft = disputes.draft_reply(session, actor, dispute_id=dispute.id, resolution="resend_surprise")
        assert "4 samples of velvet cosmetic bag" in draft.text
        assert disputes.current_options(session, dispute).surprise_sku == "velvet-bag"

    def test_one_sample_reads_as_one(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel, surprise_sku="velvet-bag", surprise_quantity=1)
        draft = disputes.draft_reply(session, actor, dispute_id=dispute.id, resolution="resend_surprise")
        assert "1 sample of velvet cosmetic bag" in draft.text

    def test_an_unknown_sku_is_refused_on_its_field_and_changes_nothing(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        with pytest.raises(Invalid) as refused:
            disputes.choose_options(session, actor, dispute_id=dispute.id,
                                    options=DisputeOptions(surprise_sku="no-such-bag"))
        assert refused.value.field == "surprise_sku" and "no-such-bag" in refused.value.sentence("en")
        assert "no-such-bag" in refused.value.sentence("zh") and "商品" in refused.value.sentence("zh")
        assert dispute.surprise_item_id is None

    def test_a_choice_given_as_none_hands_it_back_to_the_advice(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel, surprise_sku="velvet-bag")
        worked_out = disputes.advise(session, actor, dispute_id=dispute.id).figures
        entered = disputes.choose_options(session, actor, dispute_id=dispute.id, options=DisputeOptions(
            shipping_cost=Decimal("999"), lifetime_value=Decimal("10")))
        assert entered.figures["resend_shipping"] == Decimal("999") and entered.lifetime_basis == "entered"
        cleared = disputes.choose_options(session, actor, dispute_id=dispute.id, options=DisputeOptions(
            shipping_cost=None, lifetime_value=None, surprise_sku=None))
        assert cleared.figures["resend_shipping"] == worked_out["resend_shipping"]
        assert cleared.lifetime_basis != "entered" and dispute.surprise_item_id is None
        shown = disputes.current_options(session, dispute)
        assert (shown.shipping_cost, shown.lifetime_value, shown.surprise_sku) == (None, None, None)

    def test_a_resolved_dispute_keeps_its_choices(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        with pytest.raises(Conflict):
            disputes.choose_options(session, actor, dispute_id=dispute.id,
                                    options=DisputeOptions(surprise_quantity=5))


class TestResolveDispute:
    def test_partial_credit_costs_the_credit_and_offers_the_next_order(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        result = dispute_steps.resolve(session, actor, dispute_id=dispute.id,
                                         data=ResolveIn(resolution="partial_credit", credit_amount=Decimal("150")))
        assert (result.dispute.cost_total, result.resend_shipment_id, result.gift_id) == (Decimal("150"), None, None)
        assert set(touches_of(session, dispute)) == {"offer-next-order"}
        draft = disputes.draft_reply(session, actor, dispute_id=dispute.id)
        assert "150 CNY off your next order" in draft.text and draft.calm

    def test_hold_firm_schedules_coming_back_to_the_client(
        self, session: Session, actor: Actor, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="hold_firm"))
        touches = touches_of(session, dispute)
        assert set(touches) == {"claim-check", "offer-next-order"}
        assert touches["claim-check"].due_on == date(2026, 11, 19)
        assert dispute.cost_total == 0

    def test_resolving_twice_is_a_conflict(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        with pytest.raises(Conflict, match="already resolved"):
            dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn())

    def test_plain_resend_plans_no_gift(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        result = dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        assert result.gift_id is None
        assert result.dispute.cost_total == Decimal("239.60")  # 80 goods + express 120 + 60/kg x 0.66 kg
        assert set(touches_of(session, dispute)) == {"confirm-receipt", "offer-next-order"}


class TestCloseDispute:
    def test_quiet_when_no_order_came(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        closed = dispute_steps.close(session, actor, dispute_id=dispute.id, data=CloseIn())
        assert (closed.status, closed.outcome, closed.outcome_value) == ("closed", "quiet", Decimal("0"))

    def test_reordered_needs_an_order(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        with pytest.raises(Conflict, match="record the reorder first"):
            dispute_steps.close(session, actor, dispute_id=dispute.id, data=CloseIn(outcome="reordered"))

    def test_open_dispute_cannot_be_closed(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        with pytest.raises(Conflict, match="resolve it before"):
            dispute_steps.close(session, actor, dispute_id=dispute.id, data=CloseIn(outcome="lost"))


class TestListDisputes:
    def test_lists_with_cost_and_status_filter(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        dispute = claim_short(session, actor, parcel)
        dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        page = disputes.list_disputes(session, actor, status="resolved")
        assert [(d.id, d.cost_total) for d in page.items] == [(dispute.id, Decimal("239.60"))]
        assert disputes.list_disputes(session, actor, status="open").total == 0
        with pytest.raises(Invalid, match="not a dispute status"):
            disputes.list_disputes(session, actor, status="angry")


class TestAccess:
    def test_a_rep_cannot_see_another_reps_dispute(self, session: Session, actor: Actor, parcel: Shipment) -> None:
        from giftwise.accounts.service import actor_of
        from giftwise.models.accounts import User

        dispute = claim_short(session, actor, parcel)
        other = User(username="li", display_name="Li", role="rep", language="zh")
        session.add(other)
        session.flush()
        rep = actor_of(other)
        with pytest.raises(NotFound, match=f"No dispute with id {dispute.id}"):
            disputes.advise(session, rep, dispute_id=dispute.id)
        with pytest.raises(NotFound, match=f"No shipment with id {parcel.id}"):
            shipments.list_evidence(session, rep, shipment_id=parcel.id)
        assert disputes.list_disputes(session, rep).total == 0


class TestResendCarriesTheGift:
    def test_a_gift_ordered_as_the_resend_leaves_gets_its_story_touch(
        self, session: Session, actor: Actor, world: World, parcel: Shipment
    ) -> None:
        dispute = claim_short(session, actor, parcel)
        result = dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn(resolution="resend"))
        # A goodwill gift the rep planned for this dispute, not ordered yet, travels in the resend.
        gift = plan_gift(session, actor, data=GiftCreate(
            contact_id=world.contact.id, description="velvet cosmetic bag", item_kind="goods", occasion="apology",
                cost=Decimal("35"),
            currency="CNY"))
        dispute.gift_id = gift.id
        shipments.pack_shipment(session, actor, shipment_id=result.resend_shipment_id or 0, data=PackIn())
        parcel_steps.ship(session, actor, shipment_id=result.resend_shipment_id or 0, data=ShipIn(carrier="DHL"))
        assert gift.status == "shipped"
        story = {t.purpose: t for t in touches_of_gift(session, gift.id)}.get("pre-send")
        assert story is not None and story.due_on >= date(2026, 11, 16)
