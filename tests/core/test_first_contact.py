"""Bad input and first contact: a non-zero exit and one sentence, never a silent success or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.db import dispose_engines
from giftwise.core.settings import reset_settings
from giftwise.models.understanding import Fact
from tests.cli_run import run
from tests.conftest import PG_URL
from tests.factories import make_contact, make_item, pear


@pytest.fixture
def book(cli: CliRunner, engine: Engine) -> int:
    """One contact and one catalog item, committed; the contact's id."""
    from giftwise.accounts.service import actor_for_cli
    from giftwise.core.db import session_factory

    with session_factory(engine)() as session:
        contact = make_contact(session, actor_for_cli(session), "王芳")
        make_item(session, **pear())
        session.commit()
        return contact.id


def _one_line(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


class TestBadInput:
    def test_recommend_in_an_unknown_currency(self, cli: CliRunner, book: int) -> None:
        line = _one_line(run(cli, "recommend", str(book), "--currency", "XYZ", code=2).output)
        assert "XYZ" in line and "CNY" in line

    def test_gestures_in_rmb_are_planned_in_cny(self, cli: CliRunner, book: int) -> None:
        shown = run(cli, "plan-gestures", str(book), "--budget", "600", "--currency", "RMB").output
        assert "600 CNY" in shown and "RMB" not in shown

    def test_a_dispute_draft_in_french(self, cli: CliRunner, book: int) -> None:
        line = _one_line(run(cli, "disputes", "draft", "1", "--language", "fr", code=2).output)
        assert "'fr'" in line and "zh" in line

    def test_a_restriction_nothing_could_enforce(self, cli: CliRunner, book: int, session: Session) -> None:
        line = _one_line(run(cli, "profile", str(book), "--add", "restriction:no_unicorns", code=2).output)
        assert "no_unicorns" in line and "no_alcohol" in line
        assert session.scalar(select(func.count()).select_from(Fact)) == 0
        session.rollback()  # let go of SQLite's lock before the CLI writes
        run(cli, "profile", str(book), "--add", "restriction:no_alcohol")

    def test_a_known_currency_is_still_fine(self, cli: CliRunner, book: int) -> None:
        run(cli, "recommend", str(book), "--currency", "usd")

    def test_the_api_answers_the_same_with_a_problem(self, api: TestClient, book: int) -> None:
        response = api.get(f"/contacts/{book}/recommendations", params={"currency": "XYZ"})
        assert response.status_code == 422 and "XYZ" in response.json()["detail"]
        plan = api.post(f"/contacts/{book}/gesture-plan", json={"budget": "600", "currency": "Renminbi"})
        assert plan.status_code == 422 and "currency" in plan.text


class TestFirstContact:
    def test_a_data_folder_without_init_says_to_run_init(self, env: Path, db_url: str) -> None:
        result = CliRunner().invoke(app, ["contacts", "list"])
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert "giftwise init" in _one_line(result.output) and "no such table" not in result.output

    def test_a_database_from_an_older_giftwise_says_to_run_init(self, cli: CliRunner, engine: Engine) -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE contacts DROP COLUMN role")  # as before that column
        result = cli.invoke(app, ["contacts", "list"])
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert "giftwise init" in _one_line(result.output)

    @pytest.mark.skipif(not PG_URL, reason="no PG")
    def test_init_without_the_postgresql_role_is_one_sentence(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert PG_URL
        url = make_url(PG_URL).set(username="no_such_role", password="wrong")
        monkeypatch.setenv("GIFTWISE_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("GIFTWISE_DATABASE_URL", url.render_as_string(hide_password=False))
        monkeypatch.setenv("GIFTWISE_LANGUAGE", "en")
        reset_settings()
        dispose_engines()
        try:
            result = CliRunner().invoke(app, ["init"])
        finally:
            dispose_engines()
            reset_settings()
        assert result.exit_code != 0 and "Traceback" not in result.output
        line = _one_line(result.output)
        assert "no_such_role" in line and "createuser" in line
