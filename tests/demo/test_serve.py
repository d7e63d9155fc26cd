"""``giftwise serve --demo`` on a fresh data folder: migrates, serves at once, loads the demo book meanwhile."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from giftwise.core.db import build_engine
from giftwise.core.migrate import upgrade_database
from giftwise.models import Base

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _migrations_behind_models(tmp_path: Path) -> bool:
    url = f"sqlite:///{tmp_path / 'probe.db'}"
    engine = upgrade_database(url)
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    build_engine(url).dispose()
    return bool(drift)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real ``giftwise serve --demo`` process on a fresh data folder; yields its base URL."""
    if _migrations_behind_models(tmp_path):
        # tests/core/test_migrations.py reports the drift itself; serving needs the new migration first.
        pytest.skip("the shipped migrations are behind the models; regenerate them before serving")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIFTWISE_")}
    env.update(GIFTWISE_DATA_DIR=str(tmp_path / "fresh" / "data"), GIFTWISE_LANGUAGE="en")
    process = subprocess.Popen(
        [sys.executable, "-m", "giftwise", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(f"serve exited early: {process.stdout.read() if process.stdout else ''}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers_while_loading(base: str) -> list[httpx.Response]:
    """Every answer a browser gets for the agenda (and an API client for the contacts) until the book is there."""
    answers: list[httpx.Response] = []
    for _ in range(1200):
        page = httpx.get(f"{base}/app", headers={"Accept": "text/html", "Accept-Language": "en"}, timeout=10)
        if page.status_code != 503:
            return answers
        answers.append(page)
        api = httpx.get(f"{base}/contacts", headers={"Accept-Language": "en"}, timeout=10)
        if api.status_code == 503:  # the load may have finished between the two requests
            answers.append(api)
        time.sleep(0.25)
    pytest.fail("the demo book did not finish loading")


def _admin_token(data_dir: Path) -> str:
    """The local owner that ``serve --demo`` created adds an admin from the CLI, as a person would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIFTWISE_")}
    env.update(GIFTWISE_DATA_DIR=str(data_dir), GIFTWISE_LANGUAGE="en")
    added = subprocess.run(
        [sys.executable, "-m", "giftwise", "users", "add", "tester", "--role", "admin", "-f", "json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return str(json.loads(added.stdout)["api_token"])


def test_fresh_install_serves_the_demo_book(server: str, tmp_path: Path) -> None:
    assert httpx.get(f"{server}/health").json() == {"status": "ok"}
    waiting = _answers_while_loading(server)
    # The server answers before the year of history is replayed; meanwhile it says how far the load is.
    assert waiting, "the server only answered once the demo book was loaded"
    pages = [a for a in waiting if a.headers["content-type"].startswith("text/html")]
    percents = [int(re.search(r"loading \((\d+)%\)", page.text).group(1)) for page in pages]  # type: ignore[union-attr]
    assert percents == sorted(percents)
    assert all(a.headers["retry-after"] for a in waiting)
    problems = [a.json() for a in waiting if a not in pages]
    assert all(p["status"] == 503 and "demo book is loading" in p["detail"] for p in problems)
    assert httpx.get(f"{server}/contacts").status_code == 401
    auth = {"Authorization": f"Bearer {_admin_token(tmp_path / 'fresh' / 'data')}"}
    assert httpx.get(f"{server}/contacts", params={"limit": 1}, headers=auth).json()["total"] >= 150
    found = httpx.get(f"{server}/catalog/items", params={"limit": 1, "search": "梨"}, headers=auth)
    assert found.json()["total"] >= 1
    assert httpx.get(f"{server}/catalog/items", params={"limit": 1}, headers=auth).json()["total"] >= 116
