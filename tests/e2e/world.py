"""One small but full book, built only through the services, that the page tests share.

Clock story (frozen "today" is 2026-11-20): a pear gift to 王建国 in September answered by an order in
October; three tea gifts to 李娜, two of them returned (a draining relationship); a gift to Emily
Carter waiting to ship; a campaign since 1 November with a held-back contact and a missed checkpoint;
and Anna Keller's claim that her parcel of cosmetic bags was short by 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from giftwise.campaigns import progress_service
from giftwise.campaigns import service as campaigns
from giftwise.campaigns.schemas import CampaignCreate, CheckpointIn, PhaseIn
from giftwise.catalog import service as catalog
from giftwise.catalog.schemas import CatalogItemCreate
from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.disputes import service as disputes
from giftwise.disputes.schemas import DisputeOpen
from giftwise.followups import service as followups
from giftwise.followups.schemas import TouchCreate
from giftwise.gifts.schemas import GiftCreate
from giftwise.ledger import service as ledger
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.orders import service as orders
from giftwise.orders.schemas import OrderCreate, OrderLineIn
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentPrepare
from giftwise.workflows import gift_steps

# A real 1x1 PNG, so the stored parcel photo is a genuine image file.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass(frozen=True)
class World:
    """The ids the tests open pages for."""

    wang: int
    li: int
    emily: int
    anna: int
    pear_gift: int
    emily_gift: int
    overdue_call: int
    today_message: int
    campaign: int
    dispute: int


def _item(session: Session, actor: Actor, sku: str, zh: str, en: str, price: str, category: str,
          **extra: Any) -> None:
    catalog.create_item(session, actor, data=CatalogItemCreate(
        sku=sku, name_zh=zh, name_en=en, price=Decimal(price), currency="CNY", category=category, **extra))


def _contact(session: Session, actor: Actor, name: str, language: str = "zh", **extra: Any) -> int:
    return contacts.create_contact(session, actor, data=ContactCreate(name=name, language=language, **extra)).id


def _given(session: Session, actor: Actor, contact_id: int, sku: str, steps: list[tuple[str, date]], *,
           occasion: str = "thank-you", campaign_id: int | None = None, reason: str = "") -> int:
    """A gift planned on the first date, then moved along the later (status, date) steps."""
    (_, planned_on), *rest = steps
    with clock.frozen_at(planned_on):
        gift = gift_steps.plan(session, actor, data=GiftCreate(
            contact_id=contact_id, sku=sku, occasion=occasion, campaign_id=campaign_id, reason=reason))
    for status, on in rest:
        with clock.frozen_at(on):
            said = "misread_need: 她不喝绿茶" if status == "returned" else None
            gift_steps.move(session, actor, gift_id=gift.id, to_status=status, on=on, reason=said)
    return gift.id


def _outcome(session: Session, actor: Actor, contact_id: int, kind: str, on: date, value: str = "0",
             **links: int) -> None:
    ledger.record_outcome(session, actor, data=OutcomeCreate(
        contact_id=contact_id, kind=kind, on=on, value=Decimal(value), currency="CNY", **links))  # type: ignore[arg-type]


def build_world(session: Session, actor: Actor, folder: Path) -> World:
    """Everything the pages show, written through the services; the caller commits."""
    _item(session, actor, "pear-orchard", "姥爷果园的秋月梨", "Pears from grandpa's orchard", "168", "food",
          story_prompt="这梨是我姥爷种的", usage_tip_zh="放两三天再吃更甜",
          usage_tip_en="Let them rest two or three days; they get sweeter")
    _item(session, actor, "green-tea", "明前龙井", "Longjing green tea", "380", "tea")
    _item(session, actor, "fishing-reel", "纺车轮", "Spinning reel", "260", "outdoor")
    _item(session, actor, "cosmetic-bag", "化妆包", "cosmetic bag", "40", "accessories")
    wang = _contact(session, actor, "王建国", name_latin="Wang Jianguo", relationship="client")
    contacts.add_note(session, actor, contact_id=wang, data=NoteCreate(text="周末都去钓鱼。他戒酒三年了，滴酒不沾。"))
    li = _contact(session, actor, "李娜", relationship="client")
    emily = _contact(session, actor, "Emily Carter", "en", relationship="client")
    zhang = _contact(session, actor, "张伟", relationship="prospect")
    anna = _contact(session, actor, "Anna Keller", "en", relationship="client")

    pear = _given(session, actor, wang, "pear-orchard", [
        ("planned", date(2026, 9, 1)), ("ordered", date(2026, 9, 2)), ("shipped", date(2026, 9, 3)),
        ("delivered", date(2026, 9, 5))], reason="他上次提到孩子爱吃梨")
    _outcome(session, actor, wang, "order", date(2026, 10, 10), "20000")
    for planned, back in ((date(2026, 6, 3), date(2026, 6, 12)), (date(2026, 8, 5), date(2026, 8, 14))):
        _given(session, actor, li, "green-tea", [("planned", planned), ("ordered", planned), ("shipped", planned),
                                                 ("delivered", planned), ("returned", back)])
    _given(session, actor, li, "green-tea", [("planned", date(2026, 10, 8)), ("ordered", date(2026, 10, 8)),
                                             ("shipped", date(2026, 10, 9)), ("delivered", date(2026, 10, 11))])
    emily_gift = _given(session, actor, emily, "fishing-reel", [("planned", date(2026, 11, 16)),
                                                               ("ordered", date(2026, 11, 17))])

    campaign = _campaign(session, actor, [wang, li, emily, zhang])
    call = _touch(session, actor, wang, "call", date(2026, 11, 18), "问问钓鱼的收获")
    message = _touch(session, actor, zhang, "message", date(2026, 11, 20), "发一张新品的照片")
    dispute = _claim(session, actor, anna, folder)
    return World(wang=wang, li=li, emily=emily, anna=anna, pear_gift=pear, emily_gift=emily_gift,
                 overdue_call=call, today_message=message, campaign=campaign, dispute=dispute)


def _touch(session: Session, actor: Actor, contact_id: int, channel: str, due: date, script: str) -> int:
    with clock.frozen_at(due):
        return followups.create_touch(session, actor, data=TouchCreate(
            contact_id=contact_id, purpose="keep-in-touch", channel=channel, due_on=due, script=script)).id  # type: ignore[arg-type]


def _campaign(session: Session, actor: Actor, targets: list[int]) -> int:
    """Meet the buyers: 2 meetings within 30 days from 1 November, one target held back, a missed checkpoint."""
    with clock.frozen_at(date(2026, 11, 1)):
        campaign = campaigns.create_campaign(session, actor, data=CampaignCreate(
            name="年底拜访", goal="年底前与老客户各见一面，聊明年的采购计划。", metric="meeting", target_count=2,
            window_days=30, starts_on=date(2026, 11, 1), total_budget=Decimal("2000"),
            per_contact_cap=Decimal("400"), control_share=0.25, control_seed=7,
            phases=[PhaseIn(name="试水", budget=Decimal("800")), PhaseIn(name="加码", budget=Decimal("1200"))],
            checkpoints=[CheckpointIn(on=date(2026, 11, 15), expected_count=1), CheckpointIn(on=date(2026, 11, 30))],
            target_ids=targets,
        ))
        drawn = campaigns.draw_control_group(session, actor, campaign_id=campaign.id)
    gifted = [t.contact_id for t in drawn if t.arm == "gifted"]
    _given(session, actor, gifted[0], "pear-orchard", [("planned", date(2026, 11, 3)), ("ordered", date(2026, 11, 3)),
                                                      ("shipped", date(2026, 11, 4))],
           occasion="care", campaign_id=campaign.id)
    with clock.frozen_at(date(2026, 11, 15)):
        progress_service.evaluate_checkpoint(session, actor, campaign_id=campaign.id)
    _outcome(session, actor, gifted[1], "meeting", date(2026, 11, 17), campaign_id=campaign.id)
    return campaign.id


def _claim(session: Session, actor: Actor, anna: int, folder: Path) -> int:
    """Anna's order of 20 bags (after two earlier orders), shipped with photo and weight, claimed short by 2."""
    _outcome(session, actor, anna, "order", date(2026, 3, 2), "3800")
    _outcome(session, actor, anna, "order", date(2026, 7, 9), "4200")
    with clock.frozen_at(date(2026, 11, 2)):
        order = orders.create_order(session, actor, data=OrderCreate(
            contact_id=anna, reference="PO-118", currency="CNY",
            lines=[OrderLineIn(sku="cosmetic-bag", quantity=20, unit_cost=Decimal("40"), unit_price=Decimal("95"))]))
        orders.record_payment(session, actor, order_id=order.id)
        parcel = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id, route="express"))
        photo = folder / "parcel.png"
        photo.write_bytes(PNG)
        shipments.add_photo_file(session, actor, shipment_id=parcel.id, path=photo)
        shipments.add_weight(session, actor, shipment_id=parcel.id, weight_kg=Decimal("6.6"))
        shipments.add_note(session, actor, shipment_id=parcel.id, note="Counted twice by Mei before sealing.")
        shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
        shipments.ship_shipment(session, actor, shipment_id=parcel.id, data=ShipIn(
            carrier="DHL", tracking_number="JD0146", shipping_cost=Decimal("300")))
    with clock.frozen_at(date(2026, 11, 9)):
        dispute = disputes.open_dispute(session, actor, data=DisputeOpen(
            shipment_id=parcel.id, claim="short", quantity=2, hours_spent=Decimal("2"),
            client_words="Only 20 bags arrived, 2 are missing!"))
        return dispute.id
