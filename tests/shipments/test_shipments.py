"""Parcels: promises go in by themselves, packing stops while a due promise is missing, shipping keeps them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.models.orders import Order, Promise
from giftwise.models.shipments import Shipment
from giftwise.orders import service as orders
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentLineIn, ShipmentPrepare
from tests.factories import World, at, order_bags, promise_bags


def paid_order_with_promise(session: Session, actor: Actor, world: World) -> tuple[Order, Promise]:
    order = order_bags(session, actor, world)
    promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
    at(date(2026, 11, 5))
    orders.record_payment(session, actor, order_id=order.id)
    return order, promise


def prepare(session: Session, actor: Actor, order: Order, **values: object) -> Shipment:
    return shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id, **values))


def kinds(session: Session, parcel: Shipment) -> list[tuple[str, int]]:
    return [(line.kind, line.quantity) for line in shipments.shipment_read(session, parcel).lines]


class TestPrepareShipment:
    def test_due_promise_goes_in_as_a_promised_extra(self, session: Session, actor: Actor, world: World) -> None:
        order, promise = paid_order_with_promise(session, actor, world)
        parcel = prepare(session, actor, order)
        lines = shipments.shipment_read(session, parcel).lines
        assert [(ln.kind, ln.quantity) for ln in lines] == [("ordered", 20), ("promised", 2)]
        assert lines[1].promise_id == promise.id and lines[1].unit_price == 0 and lines[1].promised_extra

    def test_promise_waits_for_its_payment(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        assert kinds(session, prepare(session, actor, order)) == [("ordered", 20)]

    def test_second_parcel_carries_only_what_is_left(self, session: Session, actor: Actor, world: World) -> None:
        order, _ = paid_order_with_promise(session, actor, world)
        assert kinds(session, prepare(session, actor, order)) == [("ordered", 20), ("promised", 2)]
        assert kinds(session, prepare(session, actor, order)) == []

    def test_unknown_order_is_not_found(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(NotFound, match="No order with id 77"):
            shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=77))


class TestAddLine:
    def test_promise_can_be_added_by_hand(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        parcel = prepare(session, actor, order)
        shipments.add_line(session, actor, shipment_id=parcel.id, data=ShipmentLineIn(promise_id=promise.id))
        assert kinds(session, parcel) == [("ordered", 20), ("promised", 2)]

    def test_a_promise_travels_once(self, session: Session, actor: Actor, world: World) -> None:
        order, promise = paid_order_with_promise(session, actor, world)
        parcel = prepare(session, actor, order)
        with pytest.raises(Conflict, match="already in a parcel"):
            shipments.add_line(session, actor, shipment_id=parcel.id, data=ShipmentLineIn(promise_id=promise.id))

    def test_packed_parcel_is_closed(self, session: Session, actor: Actor, world: World) -> None:
        order, _ = paid_order_with_promise(session, actor, world)
        parcel = prepare(session, actor, order)
        shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
        with pytest.raises(Conflict, match="already packed"):
            shipments.add_line(session, actor, shipment_id=parcel.id,
                             data=ShipmentLineIn(description="flyer", quantity=1))


class TestPackShipment:
    def test_packing_counts_the_units(self, session: Session, actor: Actor, world: World) -> None:
        order, _ = paid_order_with_promise(session, actor, world)
        parcel = shipments.pack_shipment(session, actor, shipment_id=prepare(session, actor, order).id, data=PackIn())
        assert (parcel.status, parcel.packed_units) == ("packed", 22)

    def test_missing_due_promise_stops_packing(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        parcel = prepare(session, actor, order)  # prepared before the payment landed
        orders.record_payment(session, actor, order_id=order.id)
        session.commit()
        with pytest.raises(shipments.PromiseMissing) as caught:
            shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
        assert f"promise {promise.id} (2 × cosmetic bag" in caught.value.detail
        assert f"--promise {promise.id}" in caught.value.detail
        session.rollback()
        assert session.get(Shipment, parcel.id).status == "preparing"  # type: ignore[union-attr]

    def test_a_recorded_reason_lets_it_go(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        parcel = prepare(session, actor, order)
        orders.record_payment(session, actor, order_id=order.id)
        packed = shipments.pack_shipment(session, actor, shipment_id=parcel.id,
                                       data=PackIn(missing_promises_reason="bags out of stock, next parcel"))
        assert packed.missing_promises_reason == "bags out of stock, next parcel"
        assert promise.status == "open"

    def test_empty_parcel_is_refused(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        with pytest.raises(Invalid, match="empty"):
            shipments.pack_shipment(session, actor, shipment_id=prepare(session, actor, order, empty=True).id,
                                  data=PackIn())


class TestShipShipment:
    def test_shipping_keeps_the_promises_inside(self, session: Session, actor: Actor, world: World) -> None:
        order, promise = paid_order_with_promise(session, actor, world)
        parcel = prepare(session, actor, order)
        shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
        shipments.ship_shipment(session, actor, shipment_id=parcel.id, data=ShipIn(carrier="DHL", tracking_number="1"))
        assert (promise.status, promise.kept_on, promise.shipment_id) == ("kept", date(2026, 11, 5), parcel.id)

    def test_unpacked_parcel_cannot_ship(self, session: Session, actor: Actor, world: World) -> None:
        order, _ = paid_order_with_promise(session, actor, world)
        with pytest.raises(Conflict, match="pack it before"):
            shipments.ship_shipment(session, actor, shipment_id=prepare(session, actor, order).id,
                                  data=ShipIn(carrier="DHL"))

    def test_carrier_is_required(self, session: Session, actor: Actor, world: World, tmp_path: Path) -> None:
        order, _ = paid_order_with_promise(session, actor, world)
        parcel = prepare(session, actor, order)
        shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
        with pytest.raises(Invalid, match="carrier"):
            shipments.ship_shipment(session, actor, shipment_id=parcel.id, data=ShipIn())
