"""Terminal commands for promises, orders, shipments and disputes (services are imported inside commands)."""

from __future__ import annotations

import typer

from giftwise.disputes.cli_disputes import disputes_app
from giftwise.disputes.cli_orders import orders_app, promises_app
from giftwise.disputes.cli_shipments import shipments_app


def register(root: typer.Typer) -> None:
    """Add ``promises``, ``orders``, ``shipments`` and ``disputes`` to the root ``giftwise`` app."""
    root.add_typer(promises_app, name="promises")
    root.add_typer(orders_app, name="orders")
    root.add_typer(shipments_app, name="shipments")
    root.add_typer(disputes_app, name="disputes")
