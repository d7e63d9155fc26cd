"""Terminal commands of the jobs: send the daily digest now (for cron), and read its log."""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, emit, fail
from giftwise.core.i18n import msg

digest_app = typer.Typer(help="The daily digest e-mail.", no_args_is_help=True)


@digest_app.command("send")
def digest_send(fmt: OutputFormat = FormatOption) -> None:
    """Send today's digest to every user with an e-mail address (once a day; cron-friendly, exits 1 on failure)."""
    from giftwise.core.cli_support import cli_errors
    from giftwise.jobs.digest import send_daily_digests

    with cli_errors():
        run = send_daily_digests()
    rows = [{"user": o.username, "to": o.recipient, "status": o.status, "attempts": o.attempts, "error": o.error}
            for o in run.outcomes]
    emit(rows, fmt, ["user", "to", "status", "attempts", "error"], title=msg("jobs.digest_title", day=run.day))
    if run.failed:
        names = ", ".join(f"{o.username} ({o.error})" for o in run.failed)
        raise fail(msg("jobs.digests_failed", count=len(run.failed), names=names), 1)


@digest_app.command("log")
def digest_log(
    day: str = typer.Option(None, "--day", help="Only this day, YYYY-MM-DD."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show which digests were sent, and which failed and why."""
    from datetime import date as date_type

    from giftwise.core.errors import Invalid
    from giftwise.digest.service import digest_history

    with cli_unit() as (session, actor):
        try:
            on = date_type.fromisoformat(day) if day else None
        except ValueError:
            raise Invalid("jobs.date_write_yyyy_mm", day=day) from None
        rows = digest_history(session, actor, day=on)
    emit(rows, fmt, ["day", "user_id", "recipient", "status", "attempts", "error", "sent_at"])


def register(root: typer.Typer) -> None:
    """Add the ``digest`` command group to the root ``giftwise`` app."""
    root.add_typer(digest_app, name="digest")
