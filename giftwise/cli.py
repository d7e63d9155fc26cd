"""The ``giftwise`` command: a root Typer app that each domain adds its commands to."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from giftwise import (
    accounts,
    calibration,
    campaigns,
    catalog,
    compliance,
    contacts,
    demo,
    disputes,
    followups,
    gestures,
    gifts,
    ledger,
    orders,
    privacy,
    recommend,
    shipments,
    understanding,
)
from giftwise.core.cli_support import cli_errors, console, install_actor_source

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from giftwise.core.actor import Actor

app = typer.Typer(
    name="giftwise",
    help="Treat every business gift as a relationship investment.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DOMAINS = (
    accounts, contacts, catalog, demo, understanding, recommend, compliance,
    gifts, gestures, followups, campaigns, ledger, calibration, orders, shipments, disputes, privacy,
)


@app.command()
def init() -> None:
    """Create the database, or migrate it to the current schema."""
    from giftwise.core.i18n import t
    from giftwise.core.migrate import upgrade_database
    from giftwise.core.settings import get_settings

    with cli_errors():
        engine = upgrade_database()
        console.print(t("cli.db_initialized", get_settings().language, url=engine.url.render_as_string()))


@app.command()
def serve(
    demo_book: bool = typer.Option(False, "--demo", help="Load the demo book first if the database is empty."),
    host: str = typer.Option(None, help="Address to listen on (default GIFTWISE_HOST or 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default GIFTWISE_PORT or 8000)."),
) -> None:
    """Create or migrate the database, optionally load the demo book, and serve the API and web app."""
    import uvicorn

    from giftwise.api import create_app
    from giftwise.core.i18n import t
    from giftwise.core.migrate import upgrade_database
    from giftwise.core.settings import get_settings

    settings = get_settings()
    with cli_errors():
        upgrade_database()
        if demo_book:
            from giftwise.demo.service import load_demo_if_empty

            load_demo_if_empty()
    host = host or settings.host
    port = port or settings.port
    console.print(t("cli.serving", settings.language, url=f"http://{host}:{port}"))
    from giftwise.jobs.scheduler import start_digest_scheduler

    start_digest_scheduler()  # the daily digest e-mail, sent from a background thread
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


def _local_actor(session: Session) -> Actor:
    from giftwise.accounts.service import actor_for_cli  # loaded when a command opens the database: fast start

    return actor_for_cli(session)


def _register_domains() -> None:
    for domain in DOMAINS:
        module = __import__(f"{domain.__name__}.cli", fromlist=["register"])
        module.register(app)


install_actor_source(_local_actor)
_register_domains()


def main() -> None:
    """Entry point of the ``giftwise`` console script."""
    app()
