"""The cosmetic-bag story end to end, through the services, with a fixed clock.

An exporter promised 2 free bags once payment arrived, packed 22, photographed and weighed the
parcel; the client said only 20 arrived. giftwise keeps the promise, holds the evidence, advises
resend plus a surprise, drafts a calm reply, carries out the resolution and measures the reorder.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.disputes import service as disputes
from giftwise.disputes.drafting import argue_words
from giftwise.disputes.schemas import CloseIn, ResolveIn
from giftwise.followups.agenda_service import agenda
from giftwise.gifts.service import get_gift
from giftwise.models.followups import Touch
from giftwise.orders import service as orders
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import PackIn, ShipIn
from giftwise.workflows import dispute_steps, parcel_steps
from tests.factories import World, at, claim_short, order_bags, past_orders, promise_bags, shipped_parcel


def _agenda_purposes(session: Session, actor: Actor) -> dict[str, list[Touch]]:
    board = agenda(session, actor, days=90)
    found: dict[str, list[Touch]] = {}
    for entry in [*board.overdue, *board.today, *board.upcoming]:
        found.setdefault(entry.purpose, []).append(entry)  # type: ignore[arg-type]
    return found


class TestCosmeticBagStory:
    def test_promise_to_reorder(self, session: Session, actor: Actor, world: World, tmp_path: Path) -> None:
        past_orders(session, actor, world.contact, (date(2026, 2, 10), "1800"), (date(2026, 6, 15), "2100"))

        # 2 Nov: the order, and the promise of 2 free bags once payment lands.
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        assert orders.promise_read(session, promise).condition_met is False
        assert promise.condition_kind == "payment_received"
        assert "keep-promise" in _agenda_purposes(session, actor)

        # 4 Nov: a parcel prepared before payment does not carry the promise yet.
        at(date(2026, 11, 5))
        orders.record_payment(session, actor, order_id=order.id)
        assert orders.promise_read(session, promise).condition_met is True

        # 6 Nov: the parcel of 22 (20 ordered + 2 promised) with photo and weight, shipped.
        at(date(2026, 11, 6))
        parcel = shipped_parcel(session, actor, order, tmp_path)
        shown = shipments.shipment_read(session, parcel)
        assert shown.packed_units == 22
        assert [(ln.kind, ln.quantity, ln.unit_price, ln.promised_extra) for ln in shown.lines] == [
            ("ordered", 20, Decimal("95.00"), False), ("promised", 2, Decimal("0"), True),
        ]
        assert promise.status == "kept" and promise.shipment_id == parcel.id
        assert "keep-promise" not in _agenda_purposes(session, actor)
        evidence = shipments.list_evidence(session, actor, shipment_id=parcel.id)
        assert [(e.kind, e.verified) for e in evidence] == [("photo", "ok"), ("weight", None), ("note", None)]
        session.commit()

        # 16 Nov: Anna says only 20 arrived; two days were already spent arguing.
        at(date(2026, 11, 16))
        dispute = claim_short(session, actor, parcel, surprise_sku="velvet-bag", surprise_quantity=3)
        advice = disputes.advise(session, actor, dispute_id=dispute.id)
        assert advice.recommended == "resend_surprise"
        assert advice.figures["resend_goods"] == Decimal("80.00")
        assert advice.figures["resend_shipping"] == Decimal("156.00")  # express: 120 + 60/kg x 0.6 kg
        assert advice.figures["surprise"] == Decimal("105.00")
        assert advice.break_even_lifetime_value == 0  # cheaper than the hours arguing would still take
        assert advice.evidence_held == ["packed_count", "photo", "weight"]
        assert "resend plus a surprise" in advice.explanation["en"][-1]
        assert "补发并附赠惊喜" in advice.explanation["zh"][-1]

        # The reply, calm, in Anna's language (English) and in Chinese.
        for language in ("en", "zh"):
            draft = disputes.draft_reply(session, actor, dispute_id=dispute.id, language=language)
            assert draft.calm, draft.flagged_words
            assert argue_words(draft.text, language) == []
            assert "22" in draft.text and "6.6" in draft.text
        english = disputes.draft_reply(session, actor, dispute_id=dispute.id)
        assert english.language == "en"
        assert "took a photo" in english.text
        assert "3 samples of velvet cosmetic bag" in english.text and "next order" not in english.text
        chinese = disputes.draft_reply(session, actor, dispute_id=dispute.id, language="zh")
        assert "拍了照片" in chinese.text and "丝绒化妆包" in chinese.text and "下次订货" not in chinese.text

        # The resolution: resend 2 bags with 3 velvet samples, an apology gift, three touches.
        result = dispute_steps.resolve(session, actor, dispute_id=dispute.id, data=ResolveIn())
        assert result.dispute.resolution == "resend_surprise"
        assert result.dispute.cost_total == Decimal("341.00")
        resend = shipments.shipment_read(session, shipments.get_shipment(session, actor,
                                                                      shipment_id=result.resend_shipment_id or 0))
        assert [(ln.kind, ln.quantity) for ln in resend.lines] == [("resend", 2), ("surprise", 3)]
        assert result.gift_id is not None
        gift = get_gift(session, actor, gift_id=result.gift_id)
        assert (gift.occasion, gift.cost) == ("apology", Decimal("105.00"))
        purposes = _agenda_purposes(session, actor)
        assert {"confirm-receipt", "sample-feedback", "offer-next-order"} <= set(purposes)
        assert purposes["confirm-receipt"][0].due_on == date(2026, 11, 16) + timedelta(days=6)
        session.commit()

        # The resend leaves; the surprise gift ships with it.
        shipments.pack_shipment(session, actor, shipment_id=resend.id, data=PackIn())
        parcel_steps.ship(session, actor, shipment_id=resend.id, data=ShipIn(carrier="DHL"))
        assert get_gift(session, actor, gift_id=result.gift_id).status == "shipped"

        # 20 Dec: Anna reorders 30 bags; the dispute's later outcome is measured.
        at(date(2026, 12, 20))
        order_bags(session, actor, world, quantity=30, reference="PO-131")
        shown_dispute = disputes.dispute_read(session, dispute)
        assert shown_dispute.reorder_value == Decimal("2850.00")
        closed = dispute_steps.close(session, actor, dispute_id=dispute.id, data=CloseIn())
        assert (closed.outcome, closed.outcome_value) == ("reordered", Decimal("2850.00"))
        assert "offer-next-order" not in _agenda_purposes(session, actor)
        session.commit()
