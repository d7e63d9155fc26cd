"""Terminal commands for the ledger domain (services are imported inside commands)."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    _ = root
