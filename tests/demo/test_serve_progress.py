"""A first ``serve --demo`` says what it is loading instead of staying silent for a minute."""

from __future__ import annotations

import pytest

from giftwise.cli import _demo_progress


class TestDemoProgress:
    def test_a_line_per_phase_and_per_tenth_not_per_contact(self, capsys: pytest.CaptureFixture[str]) -> None:
        report = _demo_progress("en")
        steps = (["catalog a", "catalog b"] + [f"organization {n}" for n in range(10)]
                 + [f"contact {n}" for n in range(68)] + [f"2026-0{n % 9 + 1}-01 gift" for n in range(120)])
        for done, what in enumerate(steps, start=1):
            report(done, len(steps), what)
        lines = capsys.readouterr().err.strip().splitlines()
        assert 10 <= len(lines) <= 15
        assert lines[0] == "Loading the demo book: 0% · the catalog"
        assert any("contacts and their notes" in line for line in lines)
        assert lines[-1] == "Loading the demo book: 100% · a year of gifts and follow-ups"

    def test_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        _demo_progress("zh")(1, 4, "contact 王建国")
        assert capsys.readouterr().err.strip() == "正在载入示例客户簿：25% · 联系人和笔记"
