"""Touches, agenda and dates over REST and the CLI, including bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.followups import Touch
from tests.factories import make_contact


@pytest.fixture
def contact_id(session: Session, actor: Actor) -> int:
    """One contact with a birthday next week."""
    contact = make_contact(session, actor, birthday_month=11, birthday_day=25)
    session.commit()
    return contact.id


class TestTouchesApi:
    def test_create_list_and_work_a_touch(self, api: TestClient, contact_id: int, frozen_clock: date) -> None:
        created = api.post(
            "/touches",
            json={
                "contact_id": contact_id,
                "due_on": "2026-11-20",
                "channel": "call",
                "source": "promise",
                "source_id": 4,
                "purpose": "promise-due",
                "script": "确认两袋赠品已发",
            },
        )
        assert created.status_code == 201
        touch = created.json()
        assert api.get("/touches", params={"source": "promise", "source_id": 4}).json()["total"] == 1
        assert api.get(f"/touches/{touch['id']}").json()["script"] == "确认两袋赠品已发"
        assert api.post(f"/touches/{touch['id']}/snooze", json={"days": 2}).json()["due_on"] == "2026-11-22"
        moved = api.post(f"/touches/{touch['id']}/reschedule", json={"due_on": "2026-11-21"})
        assert moved.json()["due_on"] == "2026-11-21"
        skipped = api.post(f"/touches/{touch['id']}/skip", json={"reason": "客户出差"})
        assert skipped.json()["status"] == "skipped"
        again = api.post(f"/touches/{touch['id']}/done", json={"result": "ok"})
        assert again.status_code == 409 and "already skipped" in again.json()["detail"]

    def test_agenda_and_dates_endpoints(self, api: TestClient, contact_id: int, frozen_clock: date) -> None:
        api.post("/touches", json={"contact_id": contact_id, "due_on": "2026-11-20"})
        agenda = api.get("/agenda", params={"days": 7}).json()
        assert agenda["as_of"] == "2026-11-20" and len(agenda["today"]) == 1
        assert [d["kind"] for d in agenda["dates"]] == ["birthday"]
        dates = api.get("/dates", params={"days": 40}).json()
        assert {"birthday", "festival"} <= {d["kind"] for d in dates}
        custom = api.post("/dates/custom", json={"name": "开业纪念日", "month": 12, "day": 1, "contact_id": contact_id})
        assert custom.status_code == 201
        assert [c["name"] for c in api.get("/dates/custom").json()] == ["开业纪念日"]
        assert api.delete(f"/dates/custom/{custom.json()['id']}").status_code == 204
        assert api.delete(f"/dates/custom/{custom.json()['id']}").status_code == 404

    @pytest.mark.parametrize(
        ("path", "body", "status"),
        [
            ("/touches", {"contact_id": 1, "due_on": "2026-13-40"}, 422),
            ("/touches", {"contact_id": 1, "due_on": "2026-11-20", "channel": "fax"}, 422),
            ("/touches", {"contact_id": 999, "due_on": "2026-11-20"}, 404),
            ("/touches", {"contact_id": 1, "due_on": "2020-01-01"}, 422),
            ("/touches/999/done", {"result": "x"}, 404),
            ("/touches/999/snooze", {"days": 0}, 422),
            ("/dates/custom", {"name": "x", "month": 2, "day": 30}, 422),
        ],
    )
    def test_bad_input(
        self,
        api: TestClient,
        contact_id: int,
        session: Session,
        frozen_clock: date,
        path: str,
        body: dict[str, object],
        status: int,
    ) -> None:
        response = api.post(path, json=body)
        assert response.status_code == status
        assert response.headers["content-type"].startswith("application/problem+json")
        assert session.scalar(select(func.count()).select_from(Touch)) == 0

    def test_agenda_rejects_days_out_of_range(self, api: TestClient) -> None:
        assert api.get("/agenda", params={"days": 400}).status_code == 422


class TestTouchesCli:
    def test_add_list_done(self, cli: CliRunner, contact_id: int, frozen_clock: date) -> None:
        added = cli.invoke(app, ["touches", "add", "王建国", "--due", "2026-11-20", "--channel", "call", "-f", "json"])
        assert added.exit_code == 0, added.output
        touch_id = json.loads(added.output)["id"]
        agenda = cli.invoke(app, ["agenda"])
        assert agenda.exit_code == 0 and "王建国" in agenda.output and "today (1)" in agenda.output
        done = cli.invoke(
            app, ["touches", "done", str(touch_id), "--result", "聊得很好", "--minutes", "20", "-f", "json"]
        )
        assert json.loads(done.output)["minutes_spent"] == 20
        listed = cli.invoke(app, ["touches", "list", "--status", "done", "-f", "json"])
        assert json.loads(listed.output)["total"] == 1

    def test_snooze_reschedule_skip(self, cli: CliRunner, contact_id: int, frozen_clock: date) -> None:
        touch_id = json.loads(
            cli.invoke(app, ["touches", "add", str(contact_id), "--due", "2026-11-20", "-f", "json"]).output
        )["id"]
        snoozed = cli.invoke(app, ["touches", "snooze", str(touch_id), "--days", "3", "-f", "json"])
        assert json.loads(snoozed.output)["due_on"] == "2026-11-23"
        moved = cli.invoke(app, ["touches", "reschedule", str(touch_id), "2026-12-01", "-f", "json"])
        assert json.loads(moved.output)["due_on"] == "2026-12-01"
        assert cli.invoke(app, ["touches", "skip", str(touch_id), "--reason", "换了对接人"]).exit_code == 0

    def test_dates_commands(self, cli: CliRunner, contact_id: int, frozen_clock: date) -> None:
        added = cli.invoke(app, ["dates", "add", "结婚纪念日", "11-30", "--contact", "王建国", "--lunar", "-f", "json"])
        assert added.exit_code == 0, added.output
        listed = json.loads(cli.invoke(app, ["dates", "list", "--days", "30", "-f", "json"]).output)
        assert {"birthday", "festival"} <= {d["kind"] for d in listed}
        removed = cli.invoke(app, ["dates", "remove", str(json.loads(added.output)["id"])])
        assert removed.exit_code == 0

    @pytest.mark.parametrize(
        ("args", "message", "code"),
        [
            (["touches", "add", "王建国", "--due", "tomorrow"], "New day must be a date like 2026-11-20", 2),
            (["touches", "add", "王建国", "--due", "2026-11-20", "--channel", "fax"], "Channel must be one of", 2),
            (["touches", "done", "999", "--result", "x"], "No touch with id 999", 3),
            (["touches", "reschedule", "999", "2026-12-01"], "No touch with id 999", 3),
            (["agenda", "--owner", "ghost"], "No user named 'ghost'", 3),
            (["agenda", "--days", "500"], "0 to 90 days", 2),
            (["dates", "add", "x", "march"], "MM-DD", 2),
            (["dates", "add", "x", "04-31"], "day 31 does not exist", 2),
            (["digest", "log", "--day", "yesterday"], "YYYY-MM-DD", 2),
        ],
    )
    def test_bad_input_is_one_red_line(
        self, cli: CliRunner, contact_id: int, frozen_clock: date, args: list[str], message: str, code: int
    ) -> None:
        result = cli.invoke(app, args)
        assert result.exit_code == code, result.output
        assert message in result.output and "Traceback" not in result.output
