"""Page speed of the web app under load: a load generator against a real ``giftwise serve --demo``.

Starts ``giftwise serve --demo`` on a fresh data folder (SQLite), times how long the first answer takes
and how long until the demo book is there (it loads in the background, pages answer "loading (n%)" and
progress lines go to stderr meanwhile), signs in with an API token the CLI makes
(pages take it like a session), then runs WORKERS concurrent browsers-without-a-browser (httpx clients)
that each open every page in turn for ROUNDS rounds. Reports p50 and p95 per page, in milliseconds.

    .venv/bin/python -m bench.run pages            # 4 workers x 12 rounds
    .venv/bin/python -m bench.run pages --quick    # 2 workers x 3 rounds
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


def _serve(folder: Path, port: int) -> tuple[subprocess.Popen[str], float, float, list[str], str]:
    """Start the server; (process, seconds until /health answered, seconds until the book was there, progress
    lines, sign-in link)."""
    env = _env(folder)
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "giftwise", "serve", "--demo", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
                answer = client.get(path)
                samples[name].append((time.perf_counter() - began) * 1000)
                if answer.status_code != 200:
                    errors.append(f"{name} {answer.status_code}")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(quick: bool) -> list[dict[str, Any]]:
    """One row per page (p50, p95 under load), and one for the first start with the demo book."""
    workers, rounds = (2, 3) if quick else (4, 12)
    with tempfile.TemporaryDirectory() as temp:
        port = _free_port()
        server, startup, loaded, progress, _ = _serve(Path(temp), port)
        base = f"http://127.0.0.1:{port}"
        try:
            headers = {"Authorization": f"Bearer {_api_token(_env(Path(temp)))}"}
            with httpx.Client(base_url=base, headers=headers, timeout=60) as signer:
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
        finally:
            server.terminate()
            server.wait(timeout=30)
    rows: list[dict[str, Any]] = [{"benchmark": "pages", "case": "serve --demo: first answer", "s": round(startup, 1),
                                   "progress lines": len(progress)},
                                  {"benchmark": "pages", "case": "serve --demo: book loaded", "s": round(loaded, 1)}]
    for name, values in samples.items():
        rows.append({"benchmark": "pages", "case": f"{name} ({workers} clients)", "requests": len(values),
                     "p50 ms": round(statistics.median(values)), "p95 ms": round(_p95(values))})
    if errors:
        rows.append({"benchmark": "pages", "case": "errors", "requests": len(errors), "s": ", ".join(errors[:5])})
    return rows
