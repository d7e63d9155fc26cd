"""Campaigns from the terminal and over REST: the same rules, clear errors, nothing half-written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.campaigns import Campaign
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_outcome

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _run(cli: CliRunner, *args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


class TestCampaignCli:
    def test_a_campaign_from_creation_to_report(
        self, session: Session, actor: Actor, cli: CliRunner, tmp_path: Path
    ) -> None:
        contacts = [make_contact(session, actor, f"c{i}") for i in range(3)]
        make_item(session, "tea", "100", category="tea")
        make_outcome(session, contacts[0], "meeting", date(2026, 11, 12))
        session.commit()
        created = json.loads(_run(
            cli, "campaigns", "create", "--name", "Meet them", "--metric", "meeting", "--target-count", "2",
            "--window-days", "21", "--budget", "600", "--cap", "200", "--start", "2026-11-05", "--control-share", "0",
            "--phase", "first=300", "--phase", "300", "--checkpoint", "2026-11-15:1", "--checkpoint", "2026-11-26",
            "--contacts", f"{contacts[0].id},{contacts[1].id}", "-f", "json",
        ))
        cid = str(created["id"])
        assert created["ends_on"] == "2026-11-26"
        _run(cli, "campaigns", "targets", "add", cid, str(contacts[2].id))
        allocation = json.loads(_run(cli, "campaigns", "allocate", cid, "--apply", "-f", "json"))
        assert allocation["applied"] and allocation["budget_available"] == "300.00"
        assert "Phase 2 budget released" in " ".join(_run(cli, "campaigns", "checkpoint", cid).split())
        report = json.loads(_run(cli, "campaigns", "report", cid, "-f", "json"))
        assert report["achieved"] == 1 and report["funnel"]["gift_planned"] == 2
        assert "50% of each order" in report["attribution_rule"]
        out = tmp_path / "funnel.svg"
        assert f"Wrote {out}" in _run(cli, "campaigns", "chart", cid, "--kind", "funnel", "--out", str(out))
        assert out.read_bytes().lstrip().startswith(b"<?xml")
        listed = json.loads(_run(cli, "campaigns", "list", "-f", "json"))
        assert [c["name"] for c in listed["items"]] == ["Meet them"]
        assert "Meet them" in _run(cli, "campaigns", "show", cid)

    def test_bad_metric_is_one_red_line_and_nothing_is_written(
        self, session: Session, actor: Actor, cli: CliRunner
    ) -> None:
        result = cli.invoke(app, ["campaigns", "create", "--name", "x", "--metric", "hugs", "--target-count", "1",
                                  "--window-days", "7", "--budget", "100", "--cap", "50"])
        assert result.exit_code == 2 and "Metric must be one of" in result.output and "Traceback" not in result.output
        assert session.scalar(select(func.count()).select_from(Campaign)) == 0

    def test_unknown_campaign_exits_3(self, engine: object, cli: CliRunner) -> None:
        result = cli.invoke(app, ["campaigns", "report", "99"])
        assert result.exit_code == 3 and "No campaign with id 99" in result.output

    def test_suggest_and_add(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        buyer = make_contact(session, actor, "buyer")
        make_outcome(session, buyer, "order", date(2026, 10, 1), value="20000")
        session.commit()
        cid = json.loads(_run(cli, "campaigns", "create", "--name", "n", "--metric", "order", "--target-count", "1",
                              "--window-days", "30", "--budget", "500", "--cap", "200", "-f", "json"))["id"]
        suggested = json.loads(_run(cli, "campaigns", "suggest", str(cid), "--add", "-f", "json"))
        assert suggested[0]["name"] == "buyer"
        assert json.loads(_run(cli, "campaigns", "suggest", str(cid), "-f", "json")) == []


class TestCampaignApi:
    def test_create_target_allocate_checkpoint_report(self, session: Session, actor: Actor, api: TestClient) -> None:
        wang = make_contact(session, actor)
        make_item(session, "tea", "100", category="tea")
        session.commit()
        created = api.post("/campaigns", json={
            "name": "API", "metric": "reply", "target_count": 1, "window_days": 14, "starts_on": "2026-11-01",
            "total_budget": "300", "per_contact_cap": "150", "control_share": 0,
        })
        assert created.status_code == 201, created.text
        cid = created.json()["id"]
        added = api.post(f"/campaigns/{cid}/targets", json={"contact_ids": [wang.id]})
        assert added.status_code == 201 and added.json()[0]["name"] == "王建国"
        allocated = api.post(f"/campaigns/{cid}/allocate", json={"apply": False})
        assert allocated.status_code == 200 and allocated.json()["lines"][0]["item"] == "tea"
        checked = api.post(f"/campaigns/{cid}/checkpoint")
        assert checked.status_code == 200 and checked.json()["behind"] is True
        correction = checked.json()["corrections"][0]
        decided = api.post(f"/campaigns/corrections/{correction['id']}", json={"decision": "dismissed"})
        assert decided.status_code == 200 and decided.json()["status"] == "dismissed"
        assert api.get(f"/campaigns/{cid}/report").json()["lift"]["control_n"] == 0
        chart = api.get(f"/campaigns/{cid}/charts/progress.png")
        assert chart.status_code == 200 and chart.headers["content-type"] == "image/png"
        assert api.get(f"/campaigns/{cid}").json()["corrections"][0]["status"] == "dismissed"

    def test_unknown_campaign_is_404_problem(self, engine: object, api: TestClient) -> None:
        response = api.get("/campaigns/404")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")

    def test_phases_that_do_not_add_up_are_422(self, engine: object, api: TestClient) -> None:
        response = api.post("/campaigns", json={
            "name": "x", "metric": "reply", "target_count": 1, "window_days": 14, "total_budget": "300",
            "per_contact_cap": "100", "phases": [{"budget": "100"}],
        })
        assert response.status_code == 422 and "add up to 100" in response.json()["detail"]
