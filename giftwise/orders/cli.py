"""Terminal commands for orders and promises (services are imported inside commands)."""

from __future__ import annotations

from typing import Any

import typer

from giftwise.contacts.cli import emit_listed_for_contact
from giftwise.core.cli_support import (
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    emit_with_lines,
    item_ref,
    parse_options,
)
from giftwise.core.i18n import msg

orders_app = typer.Typer(help="Record clients' orders and their payments.", no_args_is_help=True)
promises_app = typer.Typer(help="Promises to clients: on the agenda until kept, packed automatically.",
                           no_args_is_help=True)

ORDER_COLUMNS = ["id", "contact_id", "reference", "ordered_on", "payment_received_on", "currency", "value", "profit"]
LINE_COLUMNS = ["id", "item_id", "description", "quantity", "unit_cost", "unit_price"]
PROMISE_COLUMNS = ["id", "contact_id", "order_id", "quantity", "description", "condition_kind", "condition_met",
                   "due_on", "status", "kept_on"]


def _line(session: Any, text: str) -> dict[str, Any]:
    from giftwise.core.errors import Invalid
    from giftwise.orders.repository import item_by_sku

    parts = [p.strip() for p in text.rsplit(":", 3)]
    if len(parts) != 4 or not parts[0]:
        raise Invalid("orders.line_write_item_quantity", text=text)
    item, quantity, cost, price = parts
    what = {"sku": item} if item_by_sku(session, item) is not None else {"description": item}
    return {**what, "quantity": quantity, "unit_cost": cost, "unit_price": price}


def show_order(session: Any, order: Any, fmt: OutputFormat) -> None:
    """Print an order (and its lines as a table)."""
    from giftwise.orders.service import order_read

    emit_with_lines(order_read(session, order), fmt, LINE_COLUMNS, title="lines")


@orders_app.command("add")
def add_order(
    contact: str = typer.Argument(..., help="The client: id, e-mail or unique name."),
    lines: list[str] = typer.Option(..., "--line", "-l",
                                    help="ITEM:QUANTITY:UNIT_COST:UNIT_PRICE (ITEM a catalog sku or free text); "
                                         "repeat for each line."),
    reference: str = typer.Option(None, "--reference", "-r", help="The client's order number."),
    currency: str = typer.Option(None, "--currency", help="3-letter code (default GIFTWISE_DEFAULT_CURRENCY)."),
    on: str = typer.Option(None, "--on", help="Order date YYYY-MM-DD (default today)."),
    note: str = typer.Option(None, "--note", help="Anything worth remembering about the order."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record a client's order; its value also goes into the ledger as an order outcome."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.orders.schemas import OrderCreate
    from giftwise.orders.service import create_order

    with cli_unit() as (session, actor):
        client = resolve_contact(session, actor, ref=contact)
        data = parse_options(OrderCreate, contact_id=client.id, reference=reference, currency=currency, ordered_on=on,
                             note=note, lines=[_line(session, text) for text in lines])
        show_order(session, create_order(session, actor, data=data), fmt)


@orders_app.command("pay")
def pay(
    order_id: int = typer.Argument(..., help="Order id."),
    on: str = typer.Option(None, "--on", help="Day the payment arrived, YYYY-MM-DD (default today)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record that the order's payment arrived; promises waiting for it go into the next parcel."""
    from giftwise.orders.schemas import PaymentIn
    from giftwise.orders.service import record_payment

    with cli_unit() as (session, actor):
        data = parse_options(PaymentIn, on=on)
        show_order(session, record_payment(session, actor, order_id=order_id, on=data.on), fmt)


@orders_app.command("show")
def show(order_id: int = typer.Argument(..., help="Order id."), fmt: OutputFormat = FormatOption) -> None:
    """Show an order with its lines, value and profit."""
    from giftwise.orders.service import get_order

    with cli_unit() as (session, actor):
        show_order(session, get_order(session, actor, order_id=order_id), fmt)


@orders_app.command("list")
def list_orders(
    contact: str = typer.Option(None, "--contact", help="Only this client (id, e-mail or name)."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List orders, newest first."""
    from giftwise.orders import service

    emit_listed_for_contact(fmt, ORDER_COLUMNS, service.list_orders, contact, limit=limit, offset=offset)


@promises_app.command("add")
def add_promise(
    contact: str = typer.Argument(..., help="Who the promise is to: id, e-mail or unique name."),
    due: str = typer.Option(..., "--due", help="Keep it by YYYY-MM-DD."),
    order: int = typer.Option(None, "--order", help="The order it goes with (needed for a payment condition)."),
    item: str = typer.Option(None, "--item", help="Catalog sku (or id) of what was promised."),
    description: str = typer.Option(None, "--description", "-d", help="What was promised, in free text."),
    quantity: int = typer.Option(1, "--quantity", "-q", help="How many."),
    unit_cost: str = typer.Option(None, "--unit-cost", help="What one costs us (default: the item's price)."),
    condition: str = typer.Option(None, "--condition", "-c",
                                  help="e.g. 'once payment is received'; other text needs 'promises confirm'."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Record a promise to a client; it stays on the agenda until kept."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.orders.schemas import PromiseCreate
    from giftwise.orders.service import create_promise, promise_read

    with cli_unit() as (session, actor):
        client = resolve_contact(session, actor, ref=contact)
        data = parse_options(PromiseCreate, contact_id=client.id, order_id=order, description=description,
                             quantity=quantity, unit_cost=unit_cost, condition=condition, due_on=due, **item_ref(item))
        emit(promise_read(session, create_promise(session, actor, data=data)), fmt)


@promises_app.command("list")
def list_promises(
    contact: str = typer.Option(None, "--contact", help="Only this client (id, e-mail or name)."),
    order: int = typer.Option(None, "--order", help="Only this order."),
    status: str = typer.Option(None, "--status", help="open, kept or cancelled."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List promises, soonest due first."""
    from giftwise.orders import service

    emit_listed_for_contact(fmt, PROMISE_COLUMNS, service.list_promises, contact, order_id=order, status=status,
                            limit=limit, offset=offset)


@promises_app.command("keep")
def keep(
    promise_id: int = typer.Argument(..., help="Promise id."),
    note: str = typer.Option(..., "--note", "-n", help="How it was kept, e.g. 'handed over at the fair'."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Mark a promise kept by hand (promises in a parcel are kept when it ships)."""
    from giftwise.orders.service import keep_promise, promise_read

    with cli_unit() as (session, actor):
        emit(promise_read(session, keep_promise(session, actor, promise_id=promise_id, note=note)), fmt)


@promises_app.command("confirm")
def confirm(promise_id: int = typer.Argument(..., help="Promise id."), fmt: OutputFormat = FormatOption) -> None:
    """Confirm a free-text condition is met, so the next parcel carries the promise."""
    from giftwise.orders.service import confirm_condition, promise_read

    with cli_unit() as (session, actor):
        promise = confirm_condition(session, actor, promise_id=promise_id)
        emit(promise_read(session, promise), fmt)
    if fmt is OutputFormat.table:
        console.print(msg("orders.next_parcel_carries"))


def register(root: typer.Typer) -> None:
    """Add ``orders`` and ``promises`` to the root ``giftwise`` app."""
    root.add_typer(orders_app, name="orders")
    root.add_typer(promises_app, name="promises")
