"""The ``giftwise calibrate`` command (the service is imported inside the command, so the CLI starts fast)."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit
from giftwise.core.i18n import msg


def calibrate(
    apply: bool = typer.Option(False, "--apply", help="Save the new weights (only with enough data)."),
    days: int = typer.Option(30, "--days", help="A gift counts as a success with a positive outcome within N days."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Fit the recommender's weights from recorded outcomes; show old vs new with confidence; --apply to keep."""
    from giftwise.calibration.service import calibrate as fit

    with cli_unit() as (session, actor):
        result = fit(session, actor, days=days, apply=apply)
    if fmt is OutputFormat.json:
        emit(result, fmt)
        return
    if result.weights:
        emit([w.model_dump() for w in result.weights], fmt, ["factor", "old", "new", "ci_low", "ci_high", "se"],
             title=msg("calibration.table_title", gifts=result.gifts, positives=result.positives))
    console.print(result.message, highlight=False, markup=False)


def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.command("calibrate")(calibrate)
