"""Browser tests: a real giftwise server on a free loopback port, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.conftest import BACKENDS, FIXED_TODAY, PG_URL, local_admin, local_admin_token

# Generous, because a first recommendation builds the lexicon caches and CI runs two workers on two
# cores; a passing test never waits this long.
E2E_TIMEOUT_MS = 45_000

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve() -> tuple[uvicorn.Server, threading.Thread, str]:
    from giftwise.api import create_app

    # Another worker may take the free port before uvicorn binds it, and a loaded two-core machine can take
    # many seconds to start the app: try a fresh port when the server thread dies, and wait generously.
    for _ in range(3):
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 90
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.started:
            return server, thread, f"http://127.0.0.1:{port}"
        _stop(server, thread)
    raise AssertionError("the test server did not start")


def _stop(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(timeout=10)


@dataclass(frozen=True)
class Live:
    """A served giftwise on the test database, with the local admin's bearer token."""

    url: str
    token: str


@pytest.fixture
def live(engine: Engine) -> Iterator[Live]:
    """giftwise's app served by uvicorn in a thread on the test database, and the local admin's token."""
    from giftwise.core.db import session_factory

    with session_factory(engine)() as session:
        token = local_admin_token(session)
    server, thread, url = _serve()
    yield Live(url, token)
    _stop(server, thread)


@pytest.fixture
def live_server(live: Live) -> str:
    """The base URL of the live server."""
    return live.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's package); CI must have it, a developer machine may skip."""
    path = _chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs Debian's chromium package.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # expect() retries until the page settles; a click that navigates returns before the new page is drawn.
    expect.set_options(timeout=E2E_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live: Live) -> Iterator[Any]:
    """A fresh Chinese-speaking page acting as the local admin, whose relative URLs point at the live server."""
    live_server = live.url
    context = browser.new_context(base_url=live_server, locale="zh-CN",
                                  extra_http_headers={"Authorization": f"Bearer {live.token}"})
    # Pages speak Chinese unless the test switches; the env fixture's default is English.
    context.add_cookies([{"name": "giftwise_lang", "value": "zh", "url": live_server}])
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


@dataclass(frozen=True)
class Site:
    """A served giftwise with the shared book (tests/e2e/world.py) on one backend, clock frozen at 2026-11-20."""

    url: str
    engine: Engine
    world: Any
    shots: Path
    token: str


def _database(backend: str, folder: Path, admin: Engine | None, template: str | None) -> tuple[str, str | None]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'giftwise.db'}", None
    assert admin is not None and PG_URL
    name = f"gw_site_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False), name


# The pages are one layer over the same services on either backend, and the service tests run on both; a browser
# test run on PostgreSQL too doubled CI's longest stage (past its 30 minutes), so it runs there only when asked.
E2E_BACKENDS = BACKENDS if os.environ.get("GIFTWISE_E2E_PG") else ["sqlite"]


@pytest.fixture(scope="module", params=E2E_BACKENDS)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pg_admin_engine: Engine | None,
    pg_template: str | None,
) -> Iterator[Site]:
    """One book built once per module and backend, served live: page tests that only look share it,
    and tests that act touch rows no other test reads (building the book is most of a test's time)."""
    from giftwise.core import clock
    from giftwise.core.db import dispose_engines, get_engine, session_factory
    from giftwise.core.settings import reset_settings
    from giftwise.models import Base
    from tests.e2e.world import build_world

    folder = tmp_path_factory.mktemp("site")
    url, pg_name = _database(request.param, folder, pg_admin_engine, pg_template)
    shots = Path(os.environ.get("GIFTWISE_E2E_SHOTS") or folder / "shots") / request.param
    shots.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        (folder / "data").mkdir()
        patch.setenv("GIFTWISE_DATA_DIR", str(folder / "data"))
        patch.setenv("GIFTWISE_DATABASE_URL", url)
        patch.setenv("GIFTWISE_LANGUAGE", "en")
        patch.delenv("GIFTWISE_TODAY", raising=False)
        reset_settings()
        dispose_engines()
        engine = get_engine(url)
        Base.metadata.create_all(engine)
        clock.set_now(FIXED_TODAY)
        with session_factory(engine)() as session:
            actor = local_admin(session)
            world = build_world(session, actor, folder)
            session.commit()
            token = local_admin_token(session)
        server, thread, base = _serve()
        try:
            yield Site(url=base, engine=engine, world=world, shots=shots, token=token)
        finally:
            _stop(server, thread)
            clock.set_now(None)
            dispose_engines()
            reset_settings()
    if pg_name is not None and pg_admin_engine is not None:
        with pg_admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Any]:
    """A fresh Chinese-speaking browser page on the shared site."""
    context = browser.new_context(base_url=site.url, locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  extra_http_headers={"Authorization": f"Bearer {site.token}"})
    context.add_cookies([{"name": "giftwise_lang", "value": "zh", "url": site.url}])
    page = context.new_page()
    page.set_default_timeout(E2E_TIMEOUT_MS)
    yield page
    context.close()


def fits_the_screen(tab: Any) -> bool:
    """True when nothing on the page is wider than the tab's viewport (no sideways scrolling)."""
    return bool(tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"])


def rep_tab_in(browser: Any, site: Site, look: Session, viewport: dict[str, int], *, mobile: bool = False
               ) -> Iterator[Any]:
    """A Chinese-speaking browser tab acting as a new rep (who reads the book's shared pages, changes none)."""
    from giftwise.accounts import service as accounts
    from giftwise.accounts.schemas import UserCreate

    admin = accounts.actor_for_cli(look)
    username = f"rep.{uuid.uuid4().hex[:8]}"
    token = accounts.create_user(look, admin, data=UserCreate(username=username, role="rep")).api_token
    look.commit()
    context = browser.new_context(base_url=site.url, viewport=viewport, is_mobile=mobile, has_touch=mobile,
                                  extra_http_headers={"Authorization": f"Bearer {token}"})
    context.add_cookies([{"name": "giftwise_lang", "value": "zh", "url": site.url}])
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


@pytest.fixture
def look(site: Site) -> Iterator[Session]:
    """A session on the shared site's database, to check what a page action wrote."""
    from giftwise.core.db import session_factory

    with session_factory(site.engine)() as session:
        yield session
