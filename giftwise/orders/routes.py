"""REST routes for orders and promises: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.schemas import Page, PrimaryKey
from giftwise.orders import service
from giftwise.orders.schemas import OrderCreate, OrderRead, PaymentIn, PromiseCreate, PromiseKeep, PromiseRead

router = APIRouter(tags=["orders"])

IdQuery = Annotated[PrimaryKey | None, Query()]


@router.post("/orders", status_code=201, response_model=OrderRead, responses=problem_responses(NotFound, Invalid))
def create_order(data: OrderCreate, session: SessionDep, actor: ActorDep) -> OrderRead:
    """Record a client's order with its lines; its value also goes into the ledger as an order outcome."""
    return service.order_read(session, service.create_order(session, actor, data=data))


@router.get("/orders", response_model=Page[OrderRead], responses=problem_responses(NotFound))
def list_orders(session: SessionDep, actor: ActorDep, page: PageDep, contact_id: IdQuery = None) -> Page[OrderRead]:
    """Orders you may see, newest first."""
    return service.list_orders(session, actor, contact_id=contact_id, limit=page.limit, offset=page.offset)


@router.get("/orders/{order_id}", response_model=OrderRead, responses=problem_responses(NotFound))
def get_order(order_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> OrderRead:
    """One order with its lines, value and profit."""
    return service.order_read(session, service.get_order(session, actor, order_id=order_id))


@router.post("/orders/{order_id}/payment", response_model=OrderRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def record_payment(order_id: PrimaryKey, data: PaymentIn, session: SessionDep, actor: ActorDep) -> OrderRead:
    """Record that the order's payment arrived; promises waiting for it go into the next parcel."""
    order = service.record_payment(session, actor, order_id=order_id, on=data.on)
    return service.order_read(session, order)


@router.post("/promises", status_code=201, response_model=PromiseRead,
             responses=problem_responses(NotFound, Invalid))
def create_promise(data: PromiseCreate, session: SessionDep, actor: ActorDep) -> PromiseRead:
    """Record a promise to a client; a keep-promise touch stays on the agenda until it is kept."""
    return service.promise_read(session, service.create_promise(session, actor, data=data))


@router.get("/promises", response_model=Page[PromiseRead], responses=problem_responses(Invalid))
def list_promises(
    session: SessionDep, actor: ActorDep, page: PageDep, contact_id: IdQuery = None, order_id: IdQuery = None,
    status: str | None = None,
) -> Page[PromiseRead]:
    """Promises you may see, soonest due first."""
    return service.list_promises(session, actor, contact_id=contact_id, order_id=order_id, status=status,
                                 limit=page.limit, offset=page.offset)


@router.get("/promises/{promise_id}", response_model=PromiseRead, responses=problem_responses(NotFound))
def get_promise(promise_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> PromiseRead:
    """One promise, with whether its condition is met."""
    return service.promise_read(session, service.get_promise(session, actor, promise_id=promise_id))


@router.post("/promises/{promise_id}/keep", response_model=PromiseRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def keep_promise(promise_id: PrimaryKey, data: PromiseKeep, session: SessionDep, actor: ActorDep) -> PromiseRead:
    """Mark a promise kept by hand (a parcel keeps the promises it carries when it ships)."""
    return service.promise_read(session, service.keep_promise(session, actor, promise_id=promise_id, note=data.note))


@router.post("/promises/{promise_id}/confirm", response_model=PromiseRead,
             responses=problem_responses(NotFound, Conflict))
def confirm_promise(promise_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> PromiseRead:
    """Confirm a free-text condition is met, so the next parcel carries the promise."""
    return service.promise_read(session, service.confirm_condition(session, actor, promise_id=promise_id))
