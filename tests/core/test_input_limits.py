"""Input past what the databases store (huge ids, NUL, far dates) is a clear 4xx or one CLI sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from giftwise.cli import app
from tests.cli_run import run

HUGE_IDS = [2**31, 2**63, 10**20]


def _contact(api: TestClient) -> int:
    response = api.post("/contacts", json={"name": "王芳"})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _problem(response: Any, status: int = 422) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["detail"])


class TestIdsBeyondTheDatabase:
    @pytest.mark.parametrize("big", HUGE_IDS)
    def test_a_path_id_is_a_problem_not_a_server_error(self, api: TestClient, big: int) -> None:
        for path in (f"/contacts/{big}", f"/gifts/{big}", f"/touches/{big}", f"/contacts/{big}/profile"):
            assert "2147483647" in _problem(api.get(path))

    @pytest.mark.parametrize("big", HUGE_IDS)
    def test_a_query_id_is_a_problem(self, api: TestClient, big: int) -> None:
        _problem(api.get("/gifts", params={"contact_id": big}))
        _problem(api.get("/contacts", params={"organization_id": big}))

    def test_an_id_in_a_body_is_a_problem(self, api: TestClient) -> None:
        _problem(api.post("/touches", json={"contact_id": 2**63, "due_on": "2026-12-01"}))
        _problem(api.post("/contacts", json={"name": "A", "organization_id": 2**40}))

    @pytest.mark.parametrize("big", [str(2**31), str(2**63), "1" + "0" * 30])
    def test_the_cli_says_one_sentence(self, cli: CliRunner, big: str) -> None:
        result = cli.invoke(app, ["contacts", "show", big])
        # Not found (SQLite looks it up) or out of range (PostgreSQL's INTEGER): one line either way.
        assert result.exit_code in (2, 3) and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


class TestNulCharacters:
    def test_nul_in_a_name_or_note_is_refused(self, api: TestClient) -> None:
        contact_id = _contact(api)
        assert "NUL" in _problem(api.post("/contacts", json={"name": "Wang\x00Fang"}))
        assert "NUL" in _problem(api.post(f"/contacts/{contact_id}/notes", json={"text": "likes\x00tea"}))

    def test_nul_in_a_search_is_refused_or_finds_nothing(self, api: TestClient) -> None:
        response = api.get("/contacts", params={"q": "王\x00"})
        assert response.status_code in (200, 422), response.text

    def test_nul_on_the_command_line_is_one_sentence(self, cli: CliRunner) -> None:
        result = run(cli, "contacts", "add", "Wang\x00Fang", code=2)
        assert "NUL" in result.output


class TestFarDates:
    def test_a_campaign_starting_near_year_9999_is_refused(self, api: TestClient) -> None:
        body = {"name": "far", "metric": "meeting", "target_count": 1, "window_days": 730,
                "starts_on": "9999-12-01", "total_budget": "100", "per_contact_cap": "50"}
        assert "2999-12-31" in _problem(api.post("/campaigns", json=body))

    def test_a_touch_cannot_be_moved_to_where_a_snooze_overflows(self, api: TestClient, frozen_clock: date) -> None:
        contact_id = _contact(api)
        touch = api.post("/touches", json={"contact_id": contact_id, "due_on": "2026-12-01"})
        assert touch.status_code == 201, touch.text
        touch = touch.json()
        _problem(api.post(f"/touches/{touch['id']}/reschedule", json={"due_on": "9999-12-31"}))
        assert api.post(f"/touches/{touch['id']}/snooze", json={"days": 365}).status_code == 200

    @pytest.mark.parametrize("as_of", ["0", "1700000000", "9999-12-31"])
    def test_as_of_must_be_a_calendar_day(self, api: TestClient, as_of: str) -> None:
        contact_id = _contact(api)
        _problem(api.get(f"/contacts/{contact_id}/profile", params={"as_of": as_of}))
        _problem(api.post("/touches", json={"contact_id": contact_id, "due_on": 0}))

    def test_the_cli_refuses_a_far_date_in_one_sentence(self, cli: CliRunner) -> None:
        run(cli, "contacts", "add", "王芳")
        result = run(cli, "notes", "add", "王芳", "likes tea", "--on", "9999-12-31", code=2)
        assert "2999-12-31" in result.output
