"""The ``giftwise`` command: a root Typer app that each domain adds its commands to.

Commands import what they run inside the command, so ``giftwise recommend`` on files starts fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from giftwise import (
    accounts,
    analytics,
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
    jobs,
    ledger,
    money,
    orders,
    privacy,
    recommend,
    shipments,
    understanding,
)
from giftwise.core.cli_support import (
    InLanguage,
    ask_password,
    cli_errors,
    console,
    err_console,
    install_actor_source,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from giftwise.core.actor import Actor

app = typer.Typer(
    name="giftwise",
    help="Treat every business gift as a relationship investment.",
    cls=InLanguage,  # help and Click's own errors in the installation's language
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DOMAINS = (
    accounts, contacts, catalog, demo, understanding, recommend, compliance,
    gifts, gestures, followups, campaigns, ledger, analytics, calibration, orders, shipments, disputes, privacy, jobs,
    money,
)


@app.command()
def init(
    admin: str = typer.Option(None, "--admin", help="Create the first admin with this username (a team install)."),
    password: str = typer.Option(None, "--password", help="The first admin's password (asked for when omitted)."),
) -> None:
    """Create or migrate the database; once, create the first user (an admin, or on SQLite the local owner)."""
    from giftwise.core.i18n import t
    from giftwise.core.migrate import upgrade_database
    from giftwise.core.settings import get_settings

    language = get_settings().language
    with cli_errors():
        engine = upgrade_database()
        console.print(t("cli.db_initialized", language, url=engine.url.render_as_string()))
        if admin:
            secret = password or ask_password()
            _create_first_admin(admin, secret, language)
        else:
            _create_local_owner(single_person=engine.url.get_backend_name() == "sqlite", language=language)


def _create_first_admin(username: str, password: str, language: str) -> None:
    from giftwise.accounts.schemas import UserCreate
    from giftwise.accounts.service import create_first_admin
    from giftwise.core.cli_support import parse_options
    from giftwise.core.db import unit_of_work
    from giftwise.core.i18n import t

    name = parse_options(UserCreate, username=username).username
    with unit_of_work() as session:
        create_first_admin(session, username=name, password=password, language=language)
    console.print(t("auth.first_admin_created", language, username=name), highlight=False)


def _create_local_owner(*, single_person: bool, language: str) -> None:
    """A SQLite install gets its local owner once; a shared database waits for an explicit first admin."""
    from giftwise.accounts.repository import user_count
    from giftwise.accounts.service import create_local_owner
    from giftwise.core.db import unit_of_work
    from giftwise.core.i18n import t

    with unit_of_work() as session:
        if single_person:
            owner = create_local_owner(session)
            if owner is not None:
                console.print(t("auth.local_owner_created", language, username=owner.username), highlight=False)
        elif user_count(session) == 0:
            console.print(t("auth.no_admin_yet", language), highlight=False)


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
            _create_local_owner(single_person=True, language=settings.language)
    host = host or settings.host
    port = port or settings.port
    console.print(t("cli.serving", settings.language, url=f"http://{host}:{port}"))
    _print_sign_in_link(host, port, settings.language)
    if demo_book:
        # The first load takes a minute or more on a busy machine: serve at once, pages say how far it is.
        _load_demo_in_background(settings.language)
    else:
        _start_scheduler()
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


def _start_scheduler() -> None:
    from giftwise.jobs.scheduler import start_digest_scheduler

    start_digest_scheduler()  # the daily digest e-mail, sent from a background thread


def _load_demo_in_background(language: str) -> threading.Thread:
    """Load the demo book (if the database is empty) in a thread while the server answers "loading (n%)".

    The digest scheduler starts only afterwards: the replay moves the process's clock through the past year.
    """
    from giftwise.core.i18n import t
    from giftwise.core.loading_gate import LOADING
    from giftwise.demo.service import load_demo_if_empty

    printed = _demo_progress(language)

    def progress(done: int, total: int, what: str) -> None:
        LOADING.advance(done, total)
        printed(done, total, what)

    def load() -> None:
        try:
            load_demo_if_empty(progress=progress)
        except Exception as error:  # the server keeps serving (an empty book) and says why
            err_console.print(t("cli.error_prefix", language) + str(error), highlight=False, markup=False)
        finally:
            LOADING.finish()
            _start_scheduler()

    LOADING.begin("server.demo_loading")
    thread = threading.Thread(target=load, name="demo-book", daemon=True)
    thread.start()
    return thread


DEMO_PHASES = ("catalog", "colleague", "organization", "contact")


def _demo_progress(language: str) -> Callable[[int, int, str], None]:
    """A progress callback for the demo book's first load: a line when a phase starts (catalog, colleagues,
    organizations, contacts, the year of history) and every tenth of the way, so a first ``serve --demo``
    says what it is doing instead of staying silent for a minute."""
    from giftwise.core.i18n import t

    last: dict[str, object] = {"phase": None, "tenth": -1}

    def report(done: int, total: int, what: str) -> None:
        word = what.split(" ", 1)[0]
        phase = word if word in DEMO_PHASES else "history"
        tenth = 10 * done // max(total, 1)
        if phase == last["phase"] and tenth == last["tenth"]:
            return
        last.update(phase=phase, tenth=tenth)
        err_console.print(t("cli.demo_progress", language, percent=100 * done // max(total, 1),
                            phase=t(f"cli.demo_phase.{phase}", language)), highlight=False)

    return report


def _print_sign_in_link(host: str, port: int, language: str) -> None:
    """A one-time link into the web app for the local user, so a single person never types a password."""
    from giftwise.accounts.tokens_service import local_sign_in_link
    from giftwise.core.db import unit_of_work
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    with cli_errors(), unit_of_work() as session:
        url = local_sign_in_link(session, host=host, port=port)
    if url:
        minutes = get_settings().sign_in_link_minutes
        console.print(t("auth.sign_in_link", language, url=url, minutes=minutes), highlight=False, soft_wrap=True)


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
