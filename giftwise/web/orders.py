"""Orders and promises from the browser: a contact's orders and the extras promised to them, one order with
its parcels, recording an order, a payment or a promise, and starting a parcel.

Thin shells over the orders and shipments services (the same the CLI and the REST API call).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from giftwise.catalog import service as catalog
from giftwise.catalog.schemas import CatalogItemRead, CatalogQuery
from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import t
from giftwise.core.validation import field_errors
from giftwise.orders import service as orders
from giftwise.orders.schemas import OrderCreate, PaymentIn, PromiseCreate, PromiseKeep, PromiseRead
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import ShipmentPrepare
from giftwise.web.pages import FormDep, error_status, page_language, render, see_other

router = APIRouter()
# How many line rows the order form offers (blank rows are left out).
ORDER_LINE_ROWS = 3
LINE_FIELDS = ("sku", "description", "quantity", "unit_cost", "unit_price")
# Catalog items offered as suggestions in the item fields (a datalist: any other id or free words still go).
SUGGESTED_ITEMS = 200
CONDITIONS = ("none", "payment_received", "manual")


def order_lines_of(form: dict[str, str]) -> list[dict[str, str]]:
    """The order form's line rows (``line1_sku``, ``line1_quantity``...) that were filled in, in their order."""
    rows = []
    for row in range(1, ORDER_LINE_ROWS + 1):
        line = {name: form[f"line{row}_{name}"] for name in LINE_FIELDS if f"line{row}_{name}" in form}
        if line:
            rows.append(line)
    return rows


def line_names(session: Session, lines: Sequence[Any], language: str) -> dict[int, str]:
    """What each order, promise or parcel line holds, in ``language``: its catalog item's name, else its words."""
    names = orders.item_names(session, (line.item_id for line in lines), language)
    return {line.id: names.get(line.item_id, line.description) if line.item_id else line.description
            for line in lines}


def _suggested_items(session: Session, actor: Actor) -> list[CatalogItemRead]:
    return catalog.list_items(session, actor, query=CatalogQuery.model_validate({}), limit=SUGGESTED_ITEMS).items


def contact_orders_page(
    request: Request, session: Session, actor: Actor, contact_id: int, *, order_errors: dict[str, str] | None = None,
    promise_errors: dict[str, str] | None = None, values: dict[str, str] | None = None, status_code: int = 200,
) -> HTMLResponse:
    """A contact's orders (each with its parcels) and promises (each with the parcel it went into), with the
    forms to record more; a refused form comes back with its problems beside the fields."""
    lang = page_language(request)
    contact = contacts.get_contact(session, actor, contact_id=contact_id)
    found = orders.list_orders(session, actor, contact_id=contact_id, limit=100)
    parcels = {o.id: shipments.list_shipments(session, actor, order_id=o.id, limit=20).items for o in found.items}
    promised = orders.list_promises(session, actor, contact_id=contact_id, limit=200).items
    return render(
        request, "orders/contact.html", status_code=status_code, contact=contact, orders=found.items,
        parcels=parcels, promises=promised, promise_names=line_names(session, promised, lang),
        carried=shipments.parcels_of_promises(session, actor, promise_ids=[p.id for p in promised]),
        items=_suggested_items(session, actor), order_errors=order_errors or {}, promise_errors=promise_errors or {},
        values=values or {}, rows=range(1, ORDER_LINE_ROWS + 1), conditions=CONDITIONS, nav="contacts",
        saved=request.query_params.get("saved"),
    )


@router.get("/app/contacts/{contact_id}/orders", response_class=HTMLResponse)
def contact_orders(request: Request, session: SessionDep, actor: ActorDep, contact_id: int) -> HTMLResponse:
    """A contact's orders and the extras promised to them: what was bought, what is owed, what already left."""
    return contact_orders_page(request, session, actor, contact_id)


@router.post("/app/contacts/{contact_id}/orders", response_class=HTMLResponse, response_model=None)
def record_order(request: Request, session: SessionDep, actor: ActorDep, contact_id: int, form: FormDep) -> Response:
    """Record the contact's order with its lines (its value goes into the ledger), then open the order."""
    fields = {k: v for k, v in form.items() if k in ("reference", "currency", "ordered_on", "note")}
    try:
        data = OrderCreate.model_validate({**fields, "contact_id": contact_id, "lines": order_lines_of(form)})
        order = orders.create_order(session, actor, data=data)
    except (GiftwiseError, ValidationError) as error:
        session.rollback()
        return contact_orders_page(request, session, actor, contact_id, values=form, status_code=error_status(error),
                                   order_errors=field_errors(error, page_language(request)))
    return see_other(f"/app/orders/{order.id}?saved=order")


@router.post("/app/contacts/{contact_id}/promises", response_class=HTMLResponse, response_model=None)
def record_promise(request: Request, session: SessionDep, actor: ActorDep, contact_id: int, form: FormDep) -> Response:
    """Record an extra promised to the contact (it stays on the agenda until kept), then show their promises."""
    try:
        orders.create_promise(session, actor, data=PromiseCreate.model_validate({**form, "contact_id": contact_id}))
    except (GiftwiseError, ValidationError) as error:
        session.rollback()
        return contact_orders_page(request, session, actor, contact_id, values=form, status_code=error_status(error),
                                   promise_errors=field_errors(error, page_language(request)))
    return see_other(f"/app/contacts/{contact_id}/orders?saved=promise#promises")


def order_page(
    request: Request, session: Session, actor: Actor, order_id: int, *, error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """One order: its lines with value and profit, payment, the promises tied to it and its parcels."""
    lang = page_language(request)
    order = orders.order_read(session, orders.get_order(session, actor, order_id=order_id))
    contact = contacts.get_contact(session, actor, contact_id=order.contact_id)
    promised = orders.list_promises(session, actor, order_id=order.id, limit=200).items
    return render(
        request, "orders/detail.html", status_code=status_code, order=order, contact=contact,
        order_name=order.reference or t("web.orders.number", lang, id=order.id),
        names=line_names(session, order.lines, lang), promises=promised,
        promise_names=line_names(session, promised, lang),
        carried=shipments.parcels_of_promises(session, actor, promise_ids=[p.id for p in promised]),
        parcels=shipments.list_shipments(session, actor, order_id=order.id, limit=50).items, error=error,
        saved=request.query_params.get("saved"), nav="contacts",
    )


@router.get("/app/orders/{order_id}", response_class=HTMLResponse)
def order_detail(request: Request, session: SessionDep, actor: ActorDep, order_id: int) -> HTMLResponse:
    """One order: lines, value and profit, payment, its promises and its parcels."""
    return order_page(request, session, actor, order_id)


def _on_order(request: Request, session: Session, actor: Actor, order_id: int, error: Exception) -> HTMLResponse:
    session.rollback()
    problem = next(iter(field_errors(error, page_language(request)).values()))
    return order_page(request, session, actor, order_id, error=problem, status_code=error_status(error))


@router.post("/app/orders/{order_id}/payment", response_class=HTMLResponse, response_model=None)
def record_payment(request: Request, session: SessionDep, actor: ActorDep, order_id: int, form: FormDep) -> Response:
    """Record the day the order's payment arrived; promises waiting for it are due in the next parcel."""
    try:
        orders.record_payment(session, actor, order_id=order_id, on=PaymentIn.model_validate(form).on)
    except (GiftwiseError, ValidationError) as error:
        return _on_order(request, session, actor, order_id, error)
    return see_other(f"/app/orders/{order_id}?saved=paid")


@router.post("/app/orders/{order_id}/shipments", response_class=HTMLResponse, response_model=None)
def prepare_parcel(request: Request, session: SessionDep, actor: ActorDep, order_id: int, form: FormDep) -> Response:
    """Start a parcel for the order (its open lines and every due promise go in), then open the parcel."""
    try:
        data = ShipmentPrepare.model_validate({**form, "order_id": order_id})
        parcel = shipments.prepare_shipment(session, actor, data=data)
    except (GiftwiseError, ValidationError) as error:
        return _on_order(request, session, actor, order_id, error)
    return see_other(f"/app/shipments/{parcel.id}?saved=prepared")


def _promise_step(request: Request, session: Session, actor: Actor, promise: PromiseRead, saved: str,
                  step: Any) -> Response:
    back = f"/app/orders/{promise.order_id}" if promise.order_id else f"/app/contacts/{promise.contact_id}/orders"
    try:
        step()
    except (GiftwiseError, ValidationError) as error:
        if promise.order_id:
            return _on_order(request, session, actor, promise.order_id, error)
        session.rollback()
        problems = field_errors(error, page_language(request))
        return contact_orders_page(request, session, actor, promise.contact_id, status_code=error_status(error),
                                   promise_errors=problems)
    return see_other(f"{back}?saved={saved}#promises")


@router.post("/app/promises/{promise_id}/keep", response_class=HTMLResponse, response_model=None)
def keep_promise(request: Request, session: SessionDep, actor: ActorDep, promise_id: int, form: FormDep) -> Response:
    """Mark a promise kept by hand (handed over, sent apart), saying how; its agenda touch is done."""
    promise = orders.promise_read(session, orders.get_promise(session, actor, promise_id=promise_id))
    return _promise_step(request, session, actor, promise, "kept", lambda: orders.keep_promise(
        session, actor, promise_id=promise_id, note=PromiseKeep.model_validate(form).note))


@router.post("/app/promises/{promise_id}/confirm", response_class=HTMLResponse, response_model=None)
def confirm_promise(request: Request, session: SessionDep, actor: ActorDep, promise_id: int) -> Response:
    """Confirm a promise's own condition is met, so the order's next parcel carries it."""
    promise = orders.promise_read(session, orders.get_promise(session, actor, promise_id=promise_id))
    return _promise_step(request, session, actor, promise, "confirmed", lambda: orders.confirm_condition(
        session, actor, promise_id=promise_id))
