"""Orders (value, profit, ledger outcome, payment) and promises (agenda, conditions, keeping)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.models.followups import Touch
from giftwise.models.orders import Order, Promise
from giftwise.models.outcomes import Outcome
from giftwise.orders import service as orders
from giftwise.orders.conditions import condition_kind_of
from giftwise.orders.schemas import OrderCreate, OrderLineIn, PromiseCreate
from tests.factories import World, at, order_bags, promise_bags


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


class TestCreateOrder:
    def test_value_profit_and_ledger_outcome(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        read = orders.order_read(session, order)
        assert (read.value, read.profit) == (Decimal("1900.00"), Decimal("1100.00"))
        outcome = session.get(Outcome, order.outcome_id)
        assert outcome is not None and (outcome.kind, outcome.value) == ("order", Decimal("1900.00"))

    def test_free_text_line_needs_no_catalog_item(self, session: Session, actor: Actor, world: World) -> None:
        order = orders.create_order(session, actor, data=OrderCreate(contact_id=world.contact.id, lines=[
            OrderLineIn(description="leather wallet", quantity=5, unit_cost=Decimal("30"), unit_price=Decimal("80")),
        ]))
        assert orders.order_read(session, order).lines[0].description == "leather wallet"

    def test_negative_quantity_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="greater than 0"):
            OrderLineIn(sku="cosmetic-bag", quantity=-2, unit_cost=Decimal("40"), unit_price=Decimal("95"))

    def test_unknown_sku_writes_nothing(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(NotFound, match="no-such-bag"):
            orders.create_order(session, actor, data=OrderCreate(contact_id=world.contact.id, lines=[
                OrderLineIn(sku="no-such-bag", quantity=1, unit_cost=Decimal("1"), unit_price=Decimal("2")),
            ]))
        session.rollback()
        assert count(session, Order) == 0 and count(session, Outcome) == 0

    def test_future_order_date_is_refused(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(Invalid, match="in the future"):
            orders.create_order(session, actor, data=OrderCreate(
                contact_id=world.contact.id, ordered_on=date(2027, 1, 1),
                lines=[OrderLineIn(sku="cosmetic-bag", quantity=1, unit_cost=Decimal("1"), unit_price=Decimal("2"))],
            ))

    def test_unknown_contact_is_not_found(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(NotFound, match="No contact with id 999"):
            orders.create_order(session, actor, data=OrderCreate(contact_id=999, lines=[
                OrderLineIn(sku="cosmetic-bag", quantity=1, unit_cost=Decimal("1"), unit_price=Decimal("2"))]))


class TestRecordPayment:
    def test_payment_meets_the_promise_condition(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        at(date(2026, 11, 5))
        orders.record_payment(session, actor, order_id=order.id)
        assert order.payment_received_on == date(2026, 11, 5)
        assert orders.promise_read(session, promise).condition_met

    def test_second_payment_is_a_conflict(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        orders.record_payment(session, actor, order_id=order.id)
        with pytest.raises(Conflict, match="already recorded"):
            orders.record_payment(session, actor, order_id=order.id)

    def test_payment_before_the_order_is_refused(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        with pytest.raises(Invalid, match="before the order date"):
            orders.record_payment(session, actor, order_id=order.id, on=date(2026, 10, 1))


class TestCreatePromise:
    def test_promise_waits_on_the_agenda(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        touch = session.get(Touch, promise.touch_id)
        assert touch is not None
        assert (touch.purpose, touch.source, touch.source_id, touch.due_on, touch.status) == (
            "keep-promise", "promise", promise.id, date(2026, 11, 10), "open")
        assert "2 × cosmetic bag" in touch.script and "PO-118" in touch.script
        assert promise.unit_cost == Decimal("40.00")  # the catalog price

    @pytest.mark.parametrize(("condition", "kind"), [
        ("once payment is received", "payment_received"), ("收到货款后", "payment_received"),
        ("", "none"), ("if the fair samples are approved", "manual"),
    ])
    def test_condition_text_is_understood(self, condition: str, kind: str) -> None:
        assert condition_kind_of(condition) == kind

    def test_payment_condition_needs_an_order(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(Invalid, match="needs the order"):
            orders.create_promise(session, actor, data=PromiseCreate(
                contact_id=world.contact.id, sku="cosmetic-bag", quantity=2, condition="once paid",
                due_on=date(2026, 11, 10)))
        session.rollback()
        assert count(session, Promise) == 0 and count(session, Touch) == 0

    def test_past_due_date_is_refused(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(Invalid, match="in the past"):
            orders.create_promise(session, actor, data=PromiseCreate(
                contact_id=world.contact.id, sku="cosmetic-bag", due_on=date(2026, 10, 1)))

    def test_negative_quantity_is_refused(self, world: World) -> None:
        with pytest.raises(ValidationError, match="quantity"):
            PromiseCreate(contact_id=world.contact.id, sku="cosmetic-bag", quantity=-2, due_on=date(2026, 11, 10))

    def test_free_text_promise_needs_its_cost(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(Invalid, match="unit_cost"):
            orders.create_promise(session, actor, data=PromiseCreate(
                contact_id=world.contact.id, description="a tin of tea", due_on=date(2026, 11, 10)))


class TestConfirmCondition:
    def test_manual_condition_is_met_once_confirmed(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10), condition="after the fair")
        assert not orders.promise_read(session, promise).condition_met
        orders.confirm_condition(session, actor, promise_id=promise.id)
        assert orders.promise_read(session, promise).condition_met

    def test_payment_condition_cannot_be_confirmed_by_hand(
        self, session: Session, actor: Actor, world: World
    ) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        with pytest.raises(Conflict, match="checked by giftwise"):
            orders.confirm_condition(session, actor, promise_id=promise.id)


class TestKeepPromise:
    def test_keeping_by_hand_clears_the_agenda(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        orders.keep_promise(session, actor, promise_id=promise.id, note="handed over at the Canton fair")
        touch = session.get(Touch, promise.touch_id)
        assert promise.status == "kept" and touch is not None and touch.status == "done"

    def test_keeping_twice_is_a_conflict(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        orders.keep_promise(session, actor, promise_id=promise.id, note="done")
        with pytest.raises(Conflict, match="already kept"):
            orders.keep_promise(session, actor, promise_id=promise.id, note="again")

    def test_keeping_by_hand_needs_a_note(self, session: Session, actor: Actor, world: World) -> None:
        order = order_bags(session, actor, world)
        promise = promise_bags(session, actor, world, order, due=date(2026, 11, 10))
        with pytest.raises(Invalid, match="how the promise was kept"):
            orders.keep_promise(session, actor, promise_id=promise.id, note=" ")

    def test_unknown_promise_is_not_found(self, session: Session, actor: Actor, world: World) -> None:
        with pytest.raises(NotFound, match="No promise with id 42"):
            orders.keep_promise(session, actor, promise_id=42, note="x")
