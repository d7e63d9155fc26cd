"""The demo book's two told stories, replayed through the campaigns and disputes services.

A year-end visit campaign half-way through (targets, a held-back control group, two phases, the
first checkpoint met) and the cosmetic-bag parcel: 2 bags promised once payment lands, packed
with the order, photographed and weighed, then "only 20 arrived" - a dispute left open with
its advice and a calm reply draft, for the user to settle.
"""

from __future__ import annotations

import io
import struct
import zlib
from datetime import timedelta
from decimal import Decimal
from typing import Any

from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.progress_service import evaluate_checkpoint
from giftwise.campaigns.schemas import CampaignCreate
from giftwise.campaigns.service import create_campaign
from giftwise.core.errors import GiftwiseError
from giftwise.demo.data import demo_data
from giftwise.demo.history import Step
from giftwise.demo.replay import Handler, Replay
from giftwise.disputes.schemas import DisputeOpen
from giftwise.disputes.service import open_dispute
from giftwise.gifts.service import list_gifts
from giftwise.orders.schemas import OrderCreate, PromiseCreate
from giftwise.orders.service import create_order, create_promise, record_payment
from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentPrepare
from giftwise.shipments.service import PhotoUpload, add_evidence, pack_shipment, prepare_shipment
from giftwise.workflows import parcel_steps


class Stories:
    """Step handlers for the campaign and the dispute; state (ids) is kept between their steps."""

    def __init__(self, replay: Replay) -> None:
        self.replay, self.cfg = replay, demo_data("stories")
        self.campaign_id: int | None = None
        self.orders: dict[str, int] = {}
        self.shipment_id: int | None = None

    def handlers(self) -> dict[str, Handler]:
        """The actions these stories add to the replay."""
        return {
            "campaign_create": self._campaign_create, "campaign_allocate": self._campaign_allocate,
            "campaign_move": self._campaign_move, "campaign_meeting": self._campaign_meeting,
            "campaign_checkpoint": self._campaign_checkpoint, "past_order": self._past_order,
            "dispute_ordered": self._ordered, "dispute_paid": self._paid, "dispute_shipped": self._shipped,
            "dispute_opened": self._opened, "open_promise": self._open_promise,
        }

    # -- the campaign --------------------------------------------------------------------------

    def _campaign_create(self, step: Step) -> None:
        ids = [self.replay.contact_ids[i] for i in step.args["targets"] if i in self.replay.contact_ids]
        if len(ids) < len(step.args["targets"]):
            return  # part of the campaign's book was there before: leave the campaign to that load
        c = self.cfg["campaign"]
        at = lambda offset: self.replay.today + timedelta(days=offset)  # noqa: E731
        campaign = create_campaign(self.replay.session, self.replay.admin, data=CampaignCreate.model_validate({
            "name": c["name"], "goal": c["goal"], "metric": c["metric"], "target_count": c["target_count"],
            "window_days": c["window_days"], "total_budget": c["total_budget"],
            "per_contact_cap": c["per_contact_cap"], "control_share": c["control_share"],
            "control_seed": c["control_seed"], "phases": c["phases"], "target_ids": ids,
            "checkpoints": [{"on": at(p["on"]), "expected_count": p["expected_count"]} for p in c["checkpoints"]],
        }))
        self.campaign_id = campaign.id
        self.replay.counts["campaigns"] += 1

    def _campaign_allocate(self, step: Step) -> None:
        if self.campaign_id is None:
            return
        try:
            with self.replay.session.begin_nested():
                report = allocate_campaign(self.replay.session, self.replay.admin, campaign_id=self.campaign_id,
                                           apply=True, occasion="thank-you", time_limit=5)
        except GiftwiseError:
            return  # nothing the policy allows fits the budget: the campaign stays without gifts
        self.replay.counts["gifts"] += sum(1 for line in report.lines if line.gift_id)

    def _campaign_gifts(self) -> list[Any]:
        if self.campaign_id is None:
            return []
        page = list_gifts(self.replay.session, self.replay.admin, campaign_id=self.campaign_id, limit=100)
        return sorted(page.items, key=lambda g: g.contact_id)

    def _campaign_move(self, step: Step) -> None:
        replay, to = self.replay, step.args["to"]
        for gift in self._campaign_gifts():
            owner = replay.owner_of(gift.contact_id)
            if to == "shipped":
                replay.finish_gift_touch(gift.id, "pre-send", owner, result=self._text(gift.contact_id, "pre-send"),
                                         minutes=10)
            if to == "acknowledged":
                replay.finish_gift_touch(gift.id, "delivery-check", owner,
                                         result=self._text(gift.contact_id, "delivery-check"), minutes=5)
            replay.advance(gift.id, to, owner)

    def _campaign_meeting(self, step: Step) -> None:
        gifts = self._campaign_gifts()
        if step.args["nth"] >= len(gifts):
            return
        gift = gifts[step.args["nth"]]
        owner = self.replay.owner_of(gift.contact_id)
        touch = self.replay.finish_gift_touch(gift.id, "reciprocity", owner, minutes=60,
                                              result=self.cfg["campaign"]["meeting_note"])
        self.replay.record(gift.contact_id, owner, kind="meeting", note=self.cfg["campaign"]["meeting_note"],
                           gift_id=gift.id, touch_id=touch)

    def _campaign_checkpoint(self, step: Step) -> None:
        if self.campaign_id is not None:
            evaluate_checkpoint(self.replay.session, self.replay.admin, campaign_id=self.campaign_id)

    def _text(self, contact_id: int, purpose: str) -> str:
        index = next(i for i, cid in self.replay.contact_ids.items() if cid == contact_id)
        return str(self.replay.cfg["results"][purpose][self.replay.language(index)][0])

    # -- the cosmetic bags ---------------------------------------------------------------------

    def _order(self, step: Step, reference: str, lines: list[dict[str, Any]]) -> int:
        order = create_order(self.replay.session, self.replay.actor_for(step.contact), data=OrderCreate.model_validate(
            {"contact_id": self.replay.contact_ids[step.contact], "reference": reference,
             "currency": self.cfg["dispute"]["currency"], "lines": lines}
        ))
        self.replay.counts["orders"] += 1
        return order.id

    def _past_order(self, step: Step) -> None:
        line = {k: step.args[k] for k in ("description", "quantity", "unit_cost", "unit_price")}
        order_id = self._order(step, step.args["reference"], [line])
        record_payment(self.replay.session, self.replay.actor_for(step.contact), order_id=order_id)

    def _ordered(self, step: Step) -> None:
        story = self.cfg["dispute"]
        self.orders["dispute"] = order_id = self._order(step, story["reference"], story["lines"])
        promise = story["promise"]
        create_promise(self.replay.session, self.replay.actor_for(step.contact), data=PromiseCreate(
            contact_id=self.replay.contact_ids[step.contact], order_id=order_id, quantity=promise["quantity"],
            unit_cost=Decimal(promise["unit_cost"]), description=promise["description"],
            condition=promise["condition"], due_on=self.replay.today + timedelta(days=promise["due"]),
        ))
        self.replay.counts["promises"] += 1

    def _paid(self, step: Step) -> None:
        if "dispute" in self.orders:
            record_payment(self.replay.session, self.replay.actor_for(step.contact), order_id=self.orders["dispute"])

    def _shipped(self, step: Step) -> None:
        if "dispute" not in self.orders:
            return
        story, session, actor = self.cfg["dispute"], self.replay.session, self.replay.actor_for(step.contact)
        shipment = prepare_shipment(session, actor, data=ShipmentPrepare(order_id=self.orders["dispute"],
                                                                         carrier=story["carrier"]))
        photo = PhotoUpload(stream=io.BytesIO(parcel_photo(22)), filename=story["photo_name"], content_type="image/png")
        add_evidence(session, actor, shipment_id=shipment.id, upload=photo, note=story["photo_note"])
        add_evidence(session, actor, shipment_id=shipment.id, weight_kg=Decimal(story["weight_kg"]))
        add_evidence(session, actor, shipment_id=shipment.id, note=story["packing_note"])
        pack_shipment(session, actor, shipment_id=shipment.id, data=PackIn())
        parcel_steps.ship(session, actor, shipment_id=shipment.id, data=ShipIn(
            carrier=story["carrier"], tracking_number=story["tracking"], shipping_cost=Decimal(story["shipping_cost"]),
        ))
        self.shipment_id = shipment.id
        self.replay.counts["shipments"] += 1

    def _opened(self, step: Step) -> None:
        if self.shipment_id is None:
            return
        story, session, actor = self.cfg["dispute"], self.replay.session, self.replay.actor_for(step.contact)
        open_dispute(session, actor, data=DisputeOpen(
            shipment_id=self.shipment_id, claim="short", quantity=story["claim_quantity"],
            claim_text=story["claim_text"], client_words=story["client_words"],
            hours_spent=Decimal(story["hours_spent"]), route=story["resend_route"],
            shipping_cost=Decimal(story["resend_shipping_cost"]), surprise_description=story["surprise_description"],
            surprise_quantity=story["surprise_quantity"], surprise_unit_cost=Decimal(story["surprise_unit_cost"]),
        ))
        self.replay.counts["disputes"] += 1

    def _open_promise(self, step: Step) -> None:
        promise = self.cfg["open_promise"]
        create_promise(self.replay.session, self.replay.actor_for(step.contact), data=PromiseCreate(
            contact_id=self.replay.contact_ids[step.contact], quantity=promise["quantity"],
            unit_cost=Decimal(promise["unit_cost"]), description=promise["description"],
            condition=promise["condition"], due_on=self.replay.today + timedelta(days=promise["due"]),
        ))
        self.replay.counts["promises"] += 1


def parcel_photo(bags: int, *, width: int = 96, height: int = 64) -> bytes:
    """A small PNG standing in for the packing photo: ``bags`` rose-coloured bags laid out in rows on a table."""
    table, bag = (222, 206, 184), (201, 92, 120)
    columns, size, gap = 8, 9, 3
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0 for every scanline
        for x in range(width):
            column, line = (x - gap) // (size + gap), (y - gap) // (size + gap)
            inside = (x - gap) % (size + gap) < size and (y - gap) % (size + gap) < size and x >= gap and y >= gap
            row += bytes(bag if inside and column < columns and line * columns + column < bags else table)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(
        b"IEND", b"")
