"""Charts are drawn once per distinct input: the same picture comes back from the cache, other data redraws."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from giftwise.core.settings import reset_settings
from giftwise.ledger import charts
from giftwise.ledger.schemas import MonthPoint


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GIFTWISE_CACHE_DIR", str(tmp_path))
    reset_settings()
    yield tmp_path
    reset_settings()


def _points(spent: float) -> list[MonthPoint]:
    return [MonthPoint(month="2026-10", spent=spent, attributed=0.0, orders=0.0),
            MonthPoint(month="2026-11", spent=10.0, attributed=5.0, orders=20.0)]


def _draw(spent: float, language: str = "en") -> bytes:
    return charts.spend_vs_returns_chart(_points(spent), title="me", rule_text="rule", currency="CNY",
                                         language=language, fmt="svg")


class TestChartCache:
    def test_the_same_inputs_are_drawn_once(self, cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        first = _draw(100.0)
        assert len(list(cache_folder.glob("chart-spend-*.pickle"))) == 1
        monkeypatch.setattr(charts, "_spend_vs_returns", lambda *a, **k: pytest.fail("drawn twice"))
        assert _draw(100.0) == first

    def test_other_data_or_language_draws_again(self, cache_folder: Path) -> None:
        _draw(100.0)
        _draw(200.0)
        _draw(100.0, "zh")
        assert len(list(cache_folder.glob("chart-spend-*.pickle"))) == 3
