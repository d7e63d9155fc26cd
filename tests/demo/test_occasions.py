"""``recommend`` takes the occasions gifts are planned for and the ledger groups by (birthday, get-well)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from giftwise.demo.schemas import DemoSummary
from tests.cli_run import run_json


@pytest.mark.parametrize("occasion", ["birthday", "get-well"])
def test_recommend_takes_the_occasions_gifts_are_planned_for(
    demo_book: DemoSummary, cli: CliRunner, frozen_clock: date, occasion: str
) -> None:
    ranked = run_json(cli, "recommend", "72", "--occasion", occasion)
    assert ranked["recommendations"]


def test_the_contact_page_offers_and_ranks_for_every_gift_occasion(
    demo_book: DemoSummary, api: TestClient, frozen_clock: date
) -> None:
    page = api.get("/app/contacts/72", params={"occasion": "birthday", "lang": "zh"})
    assert page.status_code == 200
    assert '<option value="birthday" selected>生日</option>' in page.text
    assert '<option value="get-well"' in page.text and "no-recommendations" not in page.text
