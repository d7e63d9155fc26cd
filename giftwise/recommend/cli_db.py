"""Database mode of ``giftwise recommend`` (a stored contact, or the whole book)."""

from __future__ import annotations

from pathlib import Path

from giftwise.core.cli_support import OutputFormat
from giftwise.core.errors import Invalid


def recommend_contact(contact: str, catalog: Path | None, occasion: str, budget_max: float | None, currency: str,
                      as_of: str | None, top: int, fmt: OutputFormat) -> None:
    """Recommend for one stored contact."""
    raise Invalid("Database mode is not available yet; use --profile FILE --catalog FILE.")


def recommend_all(catalog: Path | None, occasion: str, budget_max: float | None, currency: str, as_of: str | None,
                  top: int, output: Path | None, fmt: OutputFormat) -> None:
    """Recommend for every contact in the book."""
    raise Invalid("Batch mode is not available yet; use --profile FILE --catalog FILE.")
