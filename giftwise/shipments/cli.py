"""Terminal commands for parcels and their evidence (services are imported inside commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from giftwise.core.cli_support import (
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    emit_listed,
    emit_with_lines,
    item_ref,
    parse_options,
)
from giftwise.core.i18n import msg

shipments_app = typer.Typer(help="Parcels: prepare (promises go in by themselves), evidence, pack, ship, export.",
                            no_args_is_help=True)
evidence_app = typer.Typer(help="Photos, weights and packing notes kept for a parcel.", no_args_is_help=True)
shipments_app.add_typer(evidence_app, name="evidence")

SHIPMENT_COLUMNS = ["id", "order_id", "kind", "status", "units", "packed_units", "carrier", "tracking_number",
                    "prepared_on", "shipped_on"]
LINE_COLUMNS = ["id", "kind", "promised_extra", "promise_id", "description", "quantity", "unit_cost", "unit_price"]
EVIDENCE_COLUMNS = ["id", "kind", "original_name", "size_bytes", "weight_kg", "note", "verified", "sha256"]


def show_shipment(session: Any, shipment: Any, fmt: OutputFormat) -> None:
    """Print a parcel (and its lines as a table)."""
    from giftwise.shipments.service import shipment_read

    emit_with_lines(shipment_read(session, shipment), fmt, LINE_COLUMNS, title="packing list")


@shipments_app.command("prepare")
def prepare(
    order_id: int = typer.Argument(..., help="The order this parcel is for."),
    route: str = typer.Option(None, "--route", help="How it travels (express, air-mail, sea, domestic...)."),
    carrier: str = typer.Option(None, "--carrier", help="Carrier, e.g. DHL."),
    empty: bool = typer.Option(False, "--empty", help="Start empty instead of with the order's open lines."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Prepare a parcel: the order's open lines and every due promise go on the packing list."""
    from giftwise.shipments.schemas import ShipmentPrepare
    from giftwise.shipments.service import prepare_shipment

    with cli_unit() as (session, actor):
        data = parse_options(ShipmentPrepare, order_id=order_id, route=route, carrier=carrier, empty=empty)
        show_shipment(session, prepare_shipment(session, actor, data=data), fmt)


@shipments_app.command("add-line")
def add_line(
    shipment_id: int = typer.Argument(..., help="Parcel id."),
    promise: int = typer.Option(None, "--promise", help="Add this promise (its item and quantity)."),
    item: str = typer.Option(None, "--item", help="Catalog sku (or id)."),
    description: str = typer.Option(None, "--description", "-d", help="Free description of the item."),
    quantity: int = typer.Option(None, "--quantity", "-q", help="How many."),
    unit_cost: str = typer.Option(None, "--unit-cost", help="What one costs us."),
    unit_price: str = typer.Option(None, "--unit-price", help="What the client pays for one (0 for an extra)."),
    unit_weight: str = typer.Option(None, "--unit-weight", help="Kilograms per unit."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add a promise or an item to a parcel that is still being prepared."""
    from giftwise.shipments import service
    from giftwise.shipments.schemas import ShipmentLineIn

    with cli_unit() as (session, actor):
        data = parse_options(ShipmentLineIn, promise_id=promise, description=description, quantity=quantity,
                             unit_cost=unit_cost, unit_price=unit_price, unit_weight_kg=unit_weight, **item_ref(item))
        service.add_line(session, actor, shipment_id=shipment_id, data=data)
        show_shipment(session, service.get_shipment(session, actor, shipment_id=shipment_id), fmt)


@shipments_app.command("pack")
def pack(
    shipment_id: int = typer.Argument(..., help="Parcel id."),
    missing_reason: str = typer.Option(None, "--missing-reason",
                                       help="Why a due promise stays out of this parcel (otherwise packing stops)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Mark a parcel packed and count it; refused while a due promise is missing from it."""
    from giftwise.shipments.schemas import PackIn
    from giftwise.shipments.service import pack_shipment

    with cli_unit() as (session, actor):
        data = parse_options(PackIn, missing_promises_reason=missing_reason)
        show_shipment(session, pack_shipment(session, actor, shipment_id=shipment_id, data=data), fmt)


@shipments_app.command("ship")
def ship(
    shipment_id: int = typer.Argument(..., help="Parcel id."),
    carrier: str = typer.Option(None, "--carrier", help="Carrier, e.g. DHL (required unless set when prepared)."),
    tracking: str = typer.Option(None, "--tracking", help="Tracking number."),
    shipping_cost: str = typer.Option(None, "--shipping-cost", help="What the shipping cost."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Hand a packed parcel to the carrier; the promises in it are kept."""
    from giftwise.shipments.schemas import ShipIn
    from giftwise.workflows.parcel_steps import ship as ship_parcel

    with cli_unit() as (session, actor):
        data = parse_options(ShipIn, carrier=carrier, tracking_number=tracking, shipping_cost=shipping_cost)
        show_shipment(session, ship_parcel(session, actor, shipment_id=shipment_id, data=data), fmt)


@shipments_app.command("show")
def show(shipment_id: int = typer.Argument(..., help="Parcel id."), fmt: OutputFormat = FormatOption) -> None:
    """Show a parcel and its packing list."""
    from giftwise.shipments.service import get_shipment

    with cli_unit() as (session, actor):
        show_shipment(session, get_shipment(session, actor, shipment_id=shipment_id), fmt)


@shipments_app.command("list")
def list_shipments(
    order: int = typer.Option(None, "--order", help="Only this order's parcels."),
    status: str = typer.Option(None, "--status", help="preparing, packed or shipped."),
    limit: int = LimitOption,
    offset: int = OffsetOption,
    fmt: OutputFormat = FormatOption,
) -> None:
    """List parcels, newest first."""
    from giftwise.shipments import service

    emit_listed(fmt, SHIPMENT_COLUMNS, service.list_shipments, order_id=order, status=status, limit=limit,
                offset=offset)


@shipments_app.command("export")
def export(
    shipment_id: int = typer.Argument(..., help="Parcel id."),
    out: Path = typer.Option(None, "--out", "-o", help="Zip file to write (default shipment-<id>-evidence.zip)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Export the parcel's evidence as a zip: photos plus manifest.json with checksums."""
    from giftwise.shipments.service import export_shipment

    target = out or Path(f"shipment-{shipment_id}-evidence.zip")
    partial = target.with_name(target.name + ".part")
    try:
        with cli_unit() as (session, actor), partial.open("wb") as handle:
            manifest = export_shipment(session, actor, shipment_id=shipment_id, destination=handle)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    summary = {"file": str(target), "evidence": len(manifest["evidence"]),
               "unverified": [e["id"] for e in manifest["evidence"] if e.get("verified") not in (None, "ok")]}
    emit(summary, fmt)


@evidence_app.command("add")
def evidence_add(
    shipment_id: int = typer.Argument(..., help="Parcel id."),
    photo: Path = typer.Option(None, "--photo", help="Photo (or scan) of the parcel to keep."),
    weight: str = typer.Option(None, "--weight", help="Weight of the parcel in kg."),
    note: str = typer.Option(None, "--note", help="Packing note, or the photo's caption."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Keep a photo (stored with its sha256), a weight, or a packing note for a parcel."""
    from decimal import Decimal, InvalidOperation

    from giftwise.core.errors import Invalid
    from giftwise.shipments.service import add_evidence, evidence_read

    with cli_unit() as (session, actor):
        try:
            weight_kg = Decimal(weight) if weight is not None else None
        except InvalidOperation:
            raise Invalid("shipments.weight_give_kilograms_like", weight=weight) from None
        kept = add_evidence(session, actor, shipment_id=shipment_id, photo_path=photo, weight_kg=weight_kg,
                            note=note or "")
        emit([evidence_read(e) for e in kept], fmt, EVIDENCE_COLUMNS)


@evidence_app.command("list")
def evidence_list(shipment_id: int = typer.Argument(..., help="Parcel id."), fmt: OutputFormat = FormatOption) -> None:
    """List a parcel's evidence; each photo is checked against its checksum (ok, missing, changed)."""
    from giftwise.shipments.service import list_evidence

    with cli_unit() as (session, actor):
        items = list_evidence(session, actor, shipment_id=shipment_id)
    emit(items, fmt, EVIDENCE_COLUMNS)
    if fmt is OutputFormat.table and any(e.verified not in (None, "ok") for e in items):
        console.print(f"[yellow]{escape(msg('shipments.photos_tampered'))}[/]")


def register(root: typer.Typer) -> None:
    """Add ``shipments`` (with ``shipments evidence``) to the root ``giftwise`` app."""
    root.add_typer(shipments_app, name="shipments")
