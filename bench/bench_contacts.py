"""Contacts at scale: importing 100,000 rows from CSV, and listing/searching that book over the API.

Import runs the real CLI (``python -m giftwise contacts import``) in a child process on a fresh
SQLite file: rows per second end to end, and the child's peak resident memory. The API part runs
the FastAPI app in-process (TestClient) on the imported book and times each request against the
same SQL (page query and count) run directly through the database driver.
"""

from __future__ import annotations

import csv
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍海燕鹏辉"
LATIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Smith", "Müller", "Garcia", "Kim", "Tanaka"]


def write_book(path: Path, count: int) -> None:
    """A realistic CSV of ``count`` distinct contacts (UTF-8, as giftwise exports it)."""
    header = ["name", "name_latin", "organization", "role", "phone", "email", "wechat", "birthday", "relationship"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(count):
            name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)] + GIVEN[(i // 11) % len(GIVEN)]
            writer.writerow(
                [
                    name,
                    f"{LATIN[i % len(LATIN)]} {i}",
                    f"公司{i % 300:03d}",
                    "采购经理" if i % 3 else "总经理",
                    f"+86 139 {i // 10000:04d} {i % 10000:04d}",
                    f"contact{i}@example.com",
                    f"wx_{i:06d}",
                    f"--{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 2 else f"lunar:{1 + i % 12:02d}-15",
                    ("client", "prospect", "partner", "customer")[i % 4],
                ]
            )


def _env(folder: Path) -> dict[str, str]:
    url = f"sqlite:///{folder / 'giftwise.db'}"
    return {**os.environ, "GIFTWISE_DATA_DIR": str(folder), "GIFTWISE_DATABASE_URL": url, "GIFTWISE_LANGUAGE": "en"}


def _create_schema(env: dict[str, str]) -> None:
    from sqlalchemy import create_engine

    from giftwise.models import Base

    engine = create_engine(env["GIFTWISE_DATABASE_URL"])
    Base.metadata.create_all(engine)
    engine.dispose()


def _timed_import(csv_path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds the CLI import took, and the peak RSS (MiB) of children so far."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "giftwise", "contacts", "import", str(csv_path), "--format", "json"],
        env=env,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode()[-2000:])
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak_mib


def bench_import(folder: Path, count: int) -> list[dict[str, Any]]:
    """First import of ``count`` rows, then the same file again (every row unchanged)."""
    csv_path = folder / "book.csv"
    write_book(csv_path, count)
    env = _env(folder)
    _create_schema(env)
    rows = []
    for case in ("first import", "re-import (unchanged)"):
        seconds, peak = _timed_import(csv_path, env)
        rows.append(
            {
                "benchmark": "contacts import",
                "case": f"{case}, {count:,} rows CSV",
                "seconds": round(seconds, 2),
                "rows/s": round(count / seconds),
                "peak MiB": round(peak),
                "target": ">= 5,000 rows/s",
            }
        )
    return rows


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def _time(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm caches once, as a running server would be
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _raw_sql(params: dict[str, Any]) -> tuple[tuple[str, tuple[Any, ...]], tuple[str, tuple[Any, ...]]]:
    """The page and count statements the API runs for ``params``, as SQL text and positional binds."""
    from sqlalchemy import func, select, true
    from sqlalchemy.dialects import sqlite

    from giftwise.contacts import repository
    from giftwise.contacts.schemas import ContactFilter
    from giftwise.models.accounts import User
    from giftwise.models.contacts import Contact, Organization

    filters = ContactFilter(q=params.get("q"), organization_id=params.get("organization_id"))
    conditions = repository.contact_conditions(true(), filters)  # the admin's scope
    by_name = Contact.name.concat("") if filters.q else Contact.name
    page = (
        select(*[c for c in Contact.__table__.columns if c.key != "search_text"], Organization.name, User.username)
        .join(User, User.id == Contact.owner_id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(*conditions)
        .order_by(by_name, Contact.id)
        .limit(params.get("limit", 50))
        .offset(params.get("offset", 0))
    )
    count = select(func.count()).select_from(Contact).where(*conditions)
    dialect = sqlite.dialect(paramstyle="qmark")
    compiled = [statement.compile(dialect=dialect) for statement in (page, count)]
    return tuple((str(c), tuple(c.params[name] for name in c.positiontup or ())) for c in compiled)  # type: ignore[return-value]


def bench_api(folder: Path, repeat: int, count: int) -> list[dict[str, Any]]:
    """p50/p99 of list and search requests against the imported book, and the same SQL run raw."""
    from fastapi.testclient import TestClient

    env = _env(folder)
    os.environ.update({k: env[k] for k in ("GIFTWISE_DATA_DIR", "GIFTWISE_DATABASE_URL", "GIFTWISE_LANGUAGE")})
    from giftwise.api import create_app
    from giftwise.core.settings import reset_settings

    reset_settings()
    cases: list[tuple[str, dict[str, Any]]] = [
        ("list first page (50)", {"limit": 50}),
        (f"list page at offset {count // 2:,}", {"limit": 50, "offset": count // 2}),
        ("filter by organization", {"organization_id": 7}),
        ("search Chinese name part '建国'", {"q": "建国"}),
        ("search Latin name 'müller 4242'", {"q": "Müller 4242"}),
        ("search email 'contact9999@'", {"q": "contact9999@"}),
    ]
    raw = sqlite3.connect(str(folder / "giftwise.db"))
    rows = []
    with TestClient(create_app()) as client:
        health_p50, health_p99 = _percentiles(_time(lambda: client.get("/health").raise_for_status(), repeat))
        rows.append(
            {
                "benchmark": "contacts API",
                "case": "GET /health (the HTTP floor, no database)",
                "api p50 ms": round(health_p50, 2),
                "api p99 ms": round(health_p99, 2),
            }
        )
        for case, params in cases:

            def call(p: dict[str, Any] = params) -> None:
                response = client.get("/contacts", params=p)
                response.raise_for_status()

            (page_sql, page_args), (count_sql, count_args) = _raw_sql(params)

            def direct(ps: str = page_sql, pa: Any = page_args, cs: str = count_sql, ca: Any = count_args) -> None:
                raw.execute(ps, pa).fetchall()
                raw.execute(cs, ca).fetchone()

            api_p50, api_p99 = _percentiles(_time(call, repeat))
            sql_p50, sql_p99 = _percentiles(_time(direct, repeat))
            rows.append(
                {
                    "benchmark": "contacts API",
                    "case": case,
                    "api p50 ms": round(api_p50, 2),
                    "api p99 ms": round(api_p99, 2),
                    "sql p50 ms": round(sql_p50, 2),
                    "sql p99 ms": round(sql_p99, 2),
                    "p99 ratio": round(api_p99 / sql_p99, 2),
                    "target": "ratio <= 3",
                }
            )
    raw.close()
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    """Import a book from CSV, then time listing and searching it through the API."""
    count, repeat = (5_000, 30) if quick else (100_000, 200)
    with tempfile.TemporaryDirectory(prefix="gw-bench-contacts-") as tmp:
        folder = Path(tmp)
        rows = bench_import(folder, count)
        rows += bench_api(folder, repeat, count)
        from giftwise.core.db import dispose_engines

        dispose_engines()
    return rows
