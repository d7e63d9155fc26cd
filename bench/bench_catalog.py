"""How fast the catalog imports and exports, and how long the demo book takes to load.

Runs on throwaway SQLite databases in a temporary data folder (the embedded default). Times are
taken without memory tracing; the peak memory of an import is traced in a separate, smaller run
(tracing slows SQLAlchemy down several times over).
"""

from __future__ import annotations

import os
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any


def _items(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"sku-{i:06d}", "name": {"en": f"Gift box {i}", "zh": f"礼盒{i}号"},
        "description": {"en": "A box of seasonal fruit.", "zh": "精选时令水果拼盒。"}, "price": 100 + i % 900,
        "currency": "CNY", "category": ("food", "tea", "home")[i % 3], "tags": ["fruit", "水果", f"t{i % 50}"],
        "supplier": "果园", "lead_time_days": i % 10, "usage_tip": {"en": "Keep cool.", "zh": "冷藏保存。"}}
        for i in range(count)
    ]  # fmt: skip


def _fresh_session(folder: str, name: str) -> Any:
    from giftwise.core.db import get_engine, session_factory
    from giftwise.models import Base

    engine = get_engine(f"sqlite:///{Path(folder) / f'{name}.db'}")
    Base.metadata.create_all(engine)
    return session_factory(engine)()


def _import_seconds(session: Any, fmt: Any, content: bytes) -> float:
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.catalog.service import import_catalog_file

    create_local_owner(session)  # a fresh benchmark database has no user yet
    actor = actor_for_cli(session)
    start = time.perf_counter()
    import_catalog_file(session, actor, filename=f"c.{fmt.value}", content=content)
    session.commit()
    return time.perf_counter() - start


def _import_peak_mb(session: Any, fmt: Any, content: bytes) -> float:
    tracemalloc.start()
    _import_seconds(session, fmt, content)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def _export_seconds(session: Any, fmt: Any) -> float:
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.catalog.service import export_catalog

    create_local_owner(session)  # a fresh benchmark database has no user yet
    actor = actor_for_cli(session)
    start = time.perf_counter()
    export_catalog(session, actor, fmt=fmt)
    return time.perf_counter() - start


def _catalog_rows(folder: str, count: int, traced: int) -> list[dict[str, object]]:
    from giftwise.catalog.schemas import ExportFormat
    from giftwise.catalog.writers import write_catalog

    rows: list[dict[str, object]] = []
    for fmt in ExportFormat:
        content = write_catalog(_items(count), fmt)
        with _fresh_session(folder, fmt.value) as session:
            new, unchanged = _import_seconds(session, fmt, content), _import_seconds(session, fmt, content)
            export = _export_seconds(session, fmt)
        with _fresh_session(folder, f"{fmt.value}-memory") as session:
            peak = _import_peak_mb(session, fmt, write_catalog(_items(traced), fmt))
        rows.append({
            "benchmark": "catalog", "case": f"{count:,} items as {fmt.value} ({len(content) / 1e6:.1f} MB)",
            "import rows/s": round(count / new), "re-import rows/s": round(count / unchanged),
            "export rows/s": round(count / export), f"import peak MB ({traced:,} items)": round(peak, 1),
        })  # fmt: skip
    return rows


def _demo_row(folder: str) -> dict[str, object]:
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.demo.service import load_demo

    with _fresh_session(folder, "demo") as session:
        start = time.perf_counter()
        create_local_owner(session)  # a fresh benchmark database has no user yet
        summary = load_demo(session, actor_for_cli(session))
        session.commit()
        seconds = time.perf_counter() - start
    case = f"demo book: {summary.contacts_created} contacts, {summary.notes_created} notes"
    case += f", {summary.catalog_items} items"
    return {"benchmark": "demo", "case": case, "seconds": round(seconds, 2)}


def run(quick: bool) -> list[dict[str, object]]:
    """Rows: import (new, then unchanged), export and import memory per format; the demo book's load time."""
    from giftwise.core.db import dispose_engines
    from giftwise.core.settings import reset_settings

    previous = os.environ.get("GIFTWISE_DATA_DIR")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GIFTWISE_DATA_DIR"] = folder
        reset_settings()
        try:
            sizes = (1_000, 1_000) if quick else (10_000, 2_000)
            rows = [*_catalog_rows(folder, *sizes), _demo_row(folder)]
        finally:
            dispose_engines()
            if previous is None:
                os.environ.pop("GIFTWISE_DATA_DIR", None)
            else:
                os.environ["GIFTWISE_DATA_DIR"] = previous
            reset_settings()
    return rows
