"""``giftwise demo``: loads the book once, says what it added, and prints JSON on request."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.settings import reset_settings
from giftwise.demo.schemas import DemoSummary


class TestDemoCommand:
    def test_loads_then_adds_nothing(self, sqlite_only: None, cli: CliRunner, frozen_clock: date) -> None:
        # The command is a shell over load_demo_if_empty, whose fresh load is tested on both backends; a fresh
        # load costs half a minute, so the command's words are read on SQLite only.
        first = cli.invoke(app, ["demo"])
        assert first.exit_code == 0, first.output
        assert "contacts and" in first.output and "Colleague li.na (manager) added" in first.output
        assert "A year of history replayed" in first.output and "1 open dispute to settle" in first.output
        again = cli.invoke(app, ["demo", "--format", "json"])
        summary = json.loads(again.stdout)
        assert again.exit_code == 0 and summary["contacts_created"] == 0 and summary["contacts_already_there"] >= 150
        assert summary["history"] == {}
        listed = json.loads(cli.invoke(app, ["contacts", "list", "--format", "json"]).stdout)
        assert listed["total"] >= 150

    def test_a_rep_gets_one_red_line(
        self, demo_book: DemoSummary, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GIFTWISE_LOCAL_USER", "zhang.wei")
        reset_settings()
        result = cli.invoke(app, ["demo"])
        reset_settings()
        assert result.exit_code == 4 and "Only an admin" in result.output and "Traceback" not in result.output

    def test_help(self, cli: CliRunner) -> None:
        assert "demo book" in cli.invoke(app, ["demo", "--help"]).output
