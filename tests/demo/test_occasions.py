"""``recommend`` takes the occasions gifts are planned for and the ledger groups by (birthday, get-well)."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from giftwise.demo.schemas import DemoSummary
from tests.cli_run import run_json


@pytest.mark.parametrize("occasion", ["birthday", "get-well"])
def test_recommend_takes_the_occasions_gifts_are_planned_for(
    demo_book: DemoSummary, cli: CliRunner, frozen_clock: date, occasion: str
) -> None:
    ranked = run_json(cli, "recommend", "72", "--occasion", occasion)
    assert ranked["recommendations"]
