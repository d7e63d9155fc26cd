"""The ledger from the terminal and over REST."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from tests.factories import make_contact
from tests.ledger.factories import make_gift, make_outcome, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _book(session: Session, actor: Actor) -> int:
    wang = make_contact(session, actor)
    make_outcome(session, wang, "reply", date(2026, 7, 3))
    make_gift(session, actor, wang, on=date(2026, 8, 1), cost="300")
    make_gift(session, actor, wang, on=date(2026, 9, 1), cost="300", status="returned")
    make_gift(session, actor, wang, on=date(2026, 10, 1), cost="300", kind="token")
    make_touch(session, actor, wang, due=date(2026, 10, 5), done=date(2026, 10, 5), minutes=25)
    session.commit()
    return wang.id


def _run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


class TestLedgerCli:
    def test_show_drains_roi(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        contact_id = _book(session, actor)
        books = json.loads(_run(cli, "ledger", "show", "--contact", str(contact_id), "--share", "0.25", "-f", "json"))
        assert books["spent"] == "900.00" and books["minutes"] == 25
        assert books["attribution_rule"].startswith("Attribution: 25% of each order")
        (drain,) = json.loads(_run(cli, "ledger", "drains", "-f", "json"))
        assert drain["pattern"] == "3 gifts in 4 months, 1 returned, 1 touch(es) unanswered, no reply since July"
        roi = json.loads(_run(cli, "ledger", "roi", "--by", "kind", "-f", "json"))
        assert {r["value"] for r in roi["rows"]} == {"care", "token"}

    def test_show_needs_a_subject(self, engine: object, cli: CliRunner) -> None:
        result = cli.invoke(app, ["ledger", "show"])
        assert result.exit_code == 2 and "--contact or --campaign" in result.output

    def test_share_out_of_range_is_refused(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        contact_id = _book(session, actor)
        result = cli.invoke(app, ["ledger", "show", "--contact", str(contact_id), "--share", "2"])
        assert result.exit_code == 2 and "between 0 and 1" in result.output

    def test_chart_and_export_write_files(
        self, session: Session, actor: Actor, cli: CliRunner, tmp_path: Path
    ) -> None:
        _book(session, actor)
        chart, sheet = tmp_path / "spend.png", tmp_path / "touches.xlsx"
        _run(cli, "ledger", "chart", "spend", "--out", str(chart))
        _run(cli, "ledger", "export", "followups", "--out", str(sheet))
        assert chart.read_bytes().startswith(b"\x89PNG")
        assert load_workbook(sheet).active.max_row == 2  # type: ignore[union-attr]

    def test_export_to_a_missing_folder_is_one_red_line(
        self, session: Session, actor: Actor, cli: CliRunner, tmp_path: Path
    ) -> None:
        _book(session, actor)
        result = cli.invoke(app, ["ledger", "export", "followups", "--out", str(tmp_path / "no" / "x.xlsx")])
        assert result.exit_code == 1 and "Could not write" in result.output

    def test_calibrate_without_data_says_so(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        _book(session, actor)
        assert "Not enough data" in " ".join(_run(cli, "calibrate").split())
        result = cli.invoke(app, ["calibrate", "--apply"])
        assert result.exit_code == 2 and "Nothing was applied" in " ".join(result.output.split())


class TestLedgerApi:
    def test_books_drains_roi_chart_export(self, session: Session, actor: Actor, api: TestClient) -> None:
        contact_id = _book(session, actor)
        books = api.get(f"/ledger/contacts/{contact_id}", params={"since": "2026-09-01", "window": 30})
        assert books.status_code == 200 and books.json()["gifts"] == 2
        assert "30 days" in books.json()["attribution_rule"]
        assert api.get("/ledger/drains").json()[0]["action"] == "recalibrate"
        assert api.get("/ledger/roi", params={"by": "occasion"}).json()["rows"][0]["value"] == "thank-you"
        svg = api.get("/ledger/charts/roi.svg")
        assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
        xlsx = api.get("/ledger/exports/strategy.xlsx")
        assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.content)).active.max_row == 4  # type: ignore[union-attr]

    def test_bad_grouping_and_unknown_contact(self, session: Session, actor: Actor, api: TestClient) -> None:
        assert api.get("/ledger/roi", params={"by": "colour"}).status_code == 422
        missing = api.get("/ledger/contacts/999")
        assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")

    def test_calibration_preview_and_refused_apply(self, session: Session, actor: Actor, api: TestClient) -> None:
        _book(session, actor)
        assert api.get("/ledger/calibration").json()["enough_data"] is False
        refused = api.post("/ledger/calibration")
        assert refused.status_code == 422 and "Not enough data" in refused.json()["detail"]
