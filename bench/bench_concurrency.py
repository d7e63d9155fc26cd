"""API reads while a 100,000-row CLI import writes (SQLite): do reads wait for the writer?

A child process runs the real ``giftwise contacts import`` (one all-or-nothing transaction).
Meanwhile this process serves ``GET /contacts`` and ``GET /contacts/{id}`` through the FastAPI
app (in-process TestClient) on a book of 1,000 contacts imported first, and times each read:
once with nothing else running (idle), then while the import runs. A third pass makes the reads
take the write lock at BEGIN, as every transaction did before reads were deferred, for comparison.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.bench_contacts import _create_schema, _env, _percentiles, _timed_import, write_book

IDLE_READS = 300


def _reads(client: Any, contact_id: int) -> Iterator[tuple[float, bool]]:
    """Alternate a list page and one contact forever; yields (milliseconds, succeeded)."""
    while True:
        for path in ("/contacts?limit=50", f"/contacts/{contact_id}"):
            started = time.perf_counter()
            response = client.get(path)
            yield (time.perf_counter() - started) * 1000, response.status_code == 200


def _during_import(client: Any, contact_id: int, csv_path: Path, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "giftwise", "contacts", "import", str(csv_path), "--format", "json"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples, failures = [], 0
    for elapsed, ok in _reads(client, contact_id):
        samples.append(elapsed)
        failures += not ok
        if child.poll() is not None:
            break
    _, stderr = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(stderr.decode()[-2000:])
    return {"samples": samples, "failures": failures, "import s": time.perf_counter() - started}


def _writer_locked_reads() -> Any:
    """A session dependency that opens every request's transaction with BEGIN IMMEDIATE (the old way)."""
    from giftwise.core.db import unit_of_work

    def get_session() -> Iterator[Any]:
        with unit_of_work() as session:
            yield session

    return get_session


def _row(case: str, samples: list[float], idle_p99: float, **extra: Any) -> dict[str, Any]:
    p50, p99 = _percentiles(samples)
    return {"benchmark": "reads during import", "case": case, "reads": len(samples), "p50 ms": round(p50, 1),
            "p99 ms": round(p99, 1), "p99 / idle p99": round(p99 / idle_p99, 1), **extra}


def bench(folder: Path, count: int) -> list[dict[str, Any]]:
    """Idle read latency, then reads during a ``count``-row import, with deferred and locking reads."""
    from fastapi.testclient import TestClient

    env = _env(folder)
    _create_schema(env)
    os.environ.update({k: env[k] for k in ("GIFTWISE_DATA_DIR", "GIFTWISE_DATABASE_URL", "GIFTWISE_LANGUAGE")})
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.api import create_app
    from giftwise.core.api_support import get_actor, get_session
    from giftwise.core.db import unit_of_work
    from giftwise.core.settings import reset_settings

    reset_settings()
    with unit_of_work() as session:  # the single-person install's owner, as `giftwise init` makes it
        create_local_owner(session)
        actor = actor_for_cli(session)
    write_book(folder / "seed.csv", 1_000)
    _timed_import(folder / "seed.csv", env)
    rows = []
    app = create_app()
    # Reads act as the local owner; signing in costs the same idle or busy, so it is left out.
    app.dependency_overrides[get_actor] = lambda: actor
    with TestClient(app) as client:
        contact_id = client.get("/contacts?limit=1").json()["items"][0]["id"]
        reads = _reads(client, contact_id)
        for _ in range(20):  # warm caches, as a running server would be
            next(reads)
        idle = [next(reads)[0] for _ in range(IDLE_READS)]
        idle_p99 = _percentiles(idle)[1]
        rows.append(_row("idle (nothing else running)", idle, idle_p99))
        for label, start in (("deferred reads (now)", 0), ("reads with BEGIN IMMEDIATE (before)", count)):
            book = folder / f"book-{start}.csv"
            write_book(book, count)
            _shift_emails(book, start + 10_000)
            if start:
                app.dependency_overrides[get_session] = _writer_locked_reads()  # the old way, for comparison
            result = _during_import(client, contact_id, book, env)
            rows.append(_row(f"{label}, during a {count:,}-row import", result["samples"], idle_p99,
                             failed=result["failures"], **{"import s": round(result["import s"], 1)}))
    return rows


def _shift_emails(path: Path, offset: int) -> None:
    # Each pass imports new people (unique e-mails and phones), so the import really writes.
    text = path.read_text(encoding="utf-8")
    text = text.replace("@example.com", f"@{offset}.example.com").replace("+86 139", f"+86 1{offset % 90 + 10}")
    path.write_text(text, encoding="utf-8")


def run(quick: bool) -> list[dict[str, Any]]:
    """The benchmark rows (``quick``: a 10,000-row import instead of 100,000)."""
    with tempfile.TemporaryDirectory() as tmp:
        return bench(Path(tmp), 10_000 if quick else 100_000)
