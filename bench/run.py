"""Run giftwise's benchmarks and print one table of their figures.

Each ``bench/bench_*.py`` module exposes ``run(quick: bool) -> list[dict[str, object]]``;
every dict is one row (``benchmark``, ``case``, then its own measured columns).

    .venv/bin/python -m bench.run              # full sizes (minutes)
    .venv/bin/python -m bench.run --quick      # small sizes, a smoke run
    .venv/bin/python -m bench.run recommend    # only modules whose name contains "recommend"
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from rich.console import Console
from rich.table import Table


def discover(pattern: str | None) -> list[str]:
    """Names of the benchmark modules in this folder, filtered by ``pattern``."""
    here = Path(__file__).parent
    names = [m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    return sorted(n for n in names if pattern is None or pattern in n)


def main() -> None:
    """Run the selected benchmarks and print their rows grouped in one table each."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pattern", nargs="?", default=None)
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    args = parser.parse_args()
    console = Console()
    for name in discover(args.pattern):
        module = importlib.import_module(f"bench.{name}")
        rows = module.run(quick=args.quick)
        if not rows:
            continue
        table = Table(title=name)
        columns = list(dict.fromkeys(key for row in rows for key in row))
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*[_fmt(row.get(c)) for c in columns])
        console.print(table)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return "" if value is None else str(value)


if __name__ == "__main__":
    main()
