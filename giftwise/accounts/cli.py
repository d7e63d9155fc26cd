"""Terminal commands for users and privacy (export, erasure)."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    _ = root
