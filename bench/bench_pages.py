"""Page speed of the web app under load: a load generator against a real ``giftwise serve --demo``.

Starts ``giftwise serve --demo`` on a fresh data folder (SQLite), times how long the first answer takes
and how long until the demo book is there (it loads in the background, pages answer "loading (n%)" and
progress lines go to stderr meanwhile), signs in with an API token the CLI makes
(pages take it like a session), then runs WORKERS concurrent browsers-without-a-browser (httpx clients)
that each open every page in turn for ROUNDS rounds. Reports p50 and p95 per page, in milliseconds.

Then the server stops, the same book grows to BIG_BOOK contacts (``grow``: a note, a year of done touches, one
open cadence touch, a gift for every fifth and an outcome for every seventh contact, written straight into the
tables), and ``giftwise serve`` runs the same load against it.

    .venv/bin/python -m bench.run pages            # 4 workers x 12 rounds; 10,000 contacts, 4 x 6
    .venv/bin/python -m bench.run pages --quick    # 2 workers x 3 rounds; 1,000 contacts, 2 x 2
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

STARTUP_LIMIT_S = 600
BIG_BOOK = 10_000
LINK = re.compile(r"http://\S+/app/sign-in/link\?token=\S+")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pages(client: httpx.Client) -> dict[str, str]:
    """The pages to time, with real ids from the demo book."""
    contact = re.search(r'href="/app/contacts/(\d+)"', client.get("/app/contacts").text)
    campaign = re.search(r'href="/app/campaigns/(\d+)"', client.get("/app/campaigns").text)
    dispute = re.search(r'href="/app/disputes/(\d+)"', client.get("/app/disputes").text)
    gift = re.search(r'href="/app/gifts/(\d+)"', client.get("/app/gifts").text)
    pages = {"agenda": "/app", "contacts": "/app/contacts", "gifts": "/app/gifts", "ledger": "/app/ledger",
             "ledger chart (png)": "/app/ledger/charts/spend.png", "campaigns": "/app/campaigns",
             "disputes": "/app/disputes", "catalog": "/app/catalog", "approvals": "/app/approvals"}
    for name, found, path in (("contact", contact, "/app/contacts/{}"), ("campaign", campaign, "/app/campaigns/{}"),
                              ("dispute", dispute, "/app/disputes/{}"), ("gift", gift, "/app/gifts/{}")):
        if found:
            pages[name] = path.format(found.group(1))
    return pages


def _env(folder: Path) -> dict[str, str]:
    """The server's and the CLI's environment: a fresh data folder, SQLite, no digest mail."""
    env = {**os.environ, "GIFTWISE_DATA_DIR": str(folder), "GIFTWISE_CACHE_DIR": str(folder / "cache"),
           "GIFTWISE_DIGEST_ENABLED": "false", "GIFTWISE_LANGUAGE": "zh"}
    env.pop("GIFTWISE_DATABASE_URL", None)
    return env


def _serve(folder: Path, port: int, *, demo: bool = True) -> tuple[subprocess.Popen[str], float, float, list[str], str]:
    """Start the server (loading the demo book into an empty folder); (process, seconds until /health answered,
    seconds until the book was there, progress lines, sign-in link)."""
    env = _env(folder)
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "giftwise", "serve", *(["--demo"] if demo else []),
                               "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    link: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stderr or []), daemon=True).start()
    threading.Thread(target=lambda: link.extend(m.group(0) for line in server.stdout or []
                                                 for m in [LINK.search(line)] if m), daemon=True).start()
    while time.perf_counter() - started < STARTUP_LIMIT_S:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200 and link:
                first = time.perf_counter() - started
                return server, first, _book_loaded(port, started), lines, link[0]
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise RuntimeError("giftwise serve stopped: " + "".join(lines)[-2000:])
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("giftwise serve did not answer in time")


def _book_loaded(port: int, started: float) -> float:
    """Seconds from ``started`` until pages stop answering that the demo book is loading."""
    while time.perf_counter() - started < STARTUP_LIMIT_S:
        if httpx.get(f"http://127.0.0.1:{port}/app", headers={"Accept": "text/html"}, timeout=10).status_code != 503:
            return time.perf_counter() - started
        time.sleep(0.2)
    raise RuntimeError("the demo book did not finish loading in time")


def _api_token(env: dict[str, str]) -> str:
    """A token for the local user, made with ``giftwise users tokens create`` as an admin would."""
    made = subprocess.run([sys.executable, "-m", "giftwise", "users", "tokens", "create", "--name", "bench",
                           "--format", "json"], env=env, capture_output=True, text=True, check=True)
    return str(json.loads(made.stdout)["token"])


def _worker(base: str, headers: dict[str, str], pages: dict[str, str], rounds: int,
            samples: dict[str, list[float]], errors: list[str]) -> None:
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        for _ in range(rounds):
            for name, path in pages.items():
                began = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.TimeoutException:  # counted, and the client goes on to the next page
                    status = 0
                samples[name].append((time.perf_counter() - began) * 1000)
                if status != 200:
                    errors.append(f"{name} {status or 'timed out'}")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def grow(folder: Path, contacts: int) -> int:
    """Add made-up contacts (with their history) to the book in ``folder`` until it holds ``contacts``; how many
    were added. Rows go straight into the tables: the pages read them as they would read any book."""
    from datetime import date, timedelta
    from decimal import Decimal

    from sqlalchemy import func, insert, select

    from giftwise.core.db import get_engine, session_factory
    from giftwise.models.accounts import User
    from giftwise.models.contacts import Contact, Note
    from giftwise.models.followups import Touch
    from giftwise.models.gifts import Gift
    from giftwise.models.outcomes import Outcome

    engine = get_engine(f"sqlite:///{folder / 'giftwise.db'}")
    today = date.today()
    with session_factory(engine)() as session:
        owner = session.scalars(select(User.id).where(User.username == "me")).one()
        missing = contacts - (session.scalar(select(func.count()).select_from(Contact)) or 0)
        if missing <= 0:
            return 0
        people = [Contact(name=f"客户{i:05d}", language="zh" if i % 3 else "en", owner_id=owner,
                          birthday_month=1 + i % 12 if i % 2 else None, birthday_day=1 + i % 28 if i % 2 else None,
                          touch_cadence_days=90, search_text=f"客户{i:05d}") for i in range(missing)]
        session.add_all(people)
        session.flush()
        ids = [p.id for p in people]
        session.execute(insert(Note), [{"contact_id": c, "on": today - timedelta(days=i % 300), "channel": "call",
                                        "text": "聊了近况，他周末常去钓鱼", "author_id": owner}
                                       for i, c in enumerate(ids)])
        done = [{"contact_id": c, "purpose": "keep-in-touch", "channel": "call", "owner_id": owner, "status": "done",
                 "due_on": today - timedelta(days=30 + 100 * k + i % 90), "minutes_spent": 10,
                 "done_on": today - timedelta(days=30 + 100 * k + i % 90), "result": "聊得不错"}
                for i, c in enumerate(ids) for k in range(3)]
        upcoming = [{"contact_id": c, "purpose": "keep-in-touch", "channel": "call", "owner_id": owner,
                     "due_on": today + timedelta(days=i % 365 - 7), "source": "cadence"} for i, c in enumerate(ids)]
        session.execute(insert(Touch), done + upcoming)
        session.execute(insert(Gift), [{"contact_id": c, "description": "茶叶", "cost": Decimal("150"),
                                        "status": "delivered", "owner_id": owner,
                                        "planned_on": today - timedelta(days=60 + i % 200),
                                        "ordered_on": today - timedelta(days=58 + i % 200),
                                        "delivered_on": today - timedelta(days=50 + i % 200)}
                                       for i, c in enumerate(ids) if i % 5 == 0])
        session.execute(insert(Outcome), [{"contact_id": c, "on": today - timedelta(days=20 + i % 200),
                                           "kind": "order" if i % 14 == 0 else "reply",
                                           "value": Decimal("2000") if i % 14 == 0 else Decimal("0")}
                                          for i, c in enumerate(ids) if i % 7 == 0])
        session.commit()
    engine.dispose()
    return missing


def _load(base: str, headers: dict[str, str], workers: int, rounds: int) -> tuple[dict[str, list[float]], list[str]]:
    """Every page timed under ``workers`` concurrent clients for ``rounds`` rounds, after one warm-up pass."""
    with httpx.Client(base_url=base, headers=headers, timeout=120) as signer:
        pages = _pages(signer)
        for path in pages.values():  # warm up once, as a server that has been up a while would be
            signer.get(path)
    samples: dict[str, list[float]] = {name: [] for name in pages}
    errors: list[str] = []
    threads = [threading.Thread(target=_worker, args=(base, headers, pages, rounds, samples, errors))
               for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors


def _rows(book: str, samples: dict[str, list[float]], errors: list[str], workers: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, values in samples.items():
        rows.append({"benchmark": "pages", "case": f"{book}: {name} ({workers} clients)", "requests": len(values),
                     "p50 ms": round(statistics.median(values)), "p95 ms": round(_p95(values))})
    if errors:
        rows.append({"benchmark": "pages", "case": f"{book}: errors", "requests": len(errors),
                     "s": ", ".join(errors[:5])})
    return rows


def _stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.wait(timeout=60)


def run(quick: bool) -> list[dict[str, Any]]:
    """One row per page and book (p50, p95 under load), and the first start with the demo book."""
    workers, rounds = (2, 3) if quick else (4, 12)
    big, big_rounds = (1_000, 2) if quick else (BIG_BOOK, 6)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        port = _free_port()
        server, startup, loaded, progress, _ = _serve(folder, port)
        base = f"http://127.0.0.1:{port}"
        try:
            headers = {"Authorization": f"Bearer {_api_token(_env(folder))}"}
            samples, errors = _load(base, headers, workers, rounds)
        finally:
            _stop(server)
        rows: list[dict[str, Any]] = [
            {"benchmark": "pages", "case": "serve --demo: first answer", "s": round(startup, 1),
             "progress lines": len(progress)},
            {"benchmark": "pages", "case": "serve --demo: book loaded", "s": round(loaded, 1)},
            *_rows("demo", samples, errors, workers)]
        began = time.perf_counter()
        added = grow(folder, big)
        rows.append({"benchmark": "pages", "case": f"grow to {big:,} contacts (+{added:,})",
                     "s": round(time.perf_counter() - began, 1)})
        server, *_ = _serve(folder, port, demo=False)
        try:
            samples, errors = _load(base, headers, workers, big_rounds)
        finally:
            _stop(server)
        rows += _rows(f"{big:,} contacts", samples, errors, workers)
    return rows
