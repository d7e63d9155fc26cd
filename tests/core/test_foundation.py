"""The plumbing every domain relies on: settings, SQLite pragmas, unit of work, errors, API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.db import unit_of_work
from giftwise.core.errors import ConfigurationError, Conflict
from giftwise.models.accounts import User
from giftwise.models.contacts import Organization


class TestSqlitePragmas:
    def test_wal_foreign_keys_and_busy_timeout(self, engine: Engine, sqlite_only: None) -> None:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


class TestUnitOfWork:
    def test_error_rolls_back_everything(self, engine: Engine) -> None:
        with pytest.raises(RuntimeError), unit_of_work(engine) as session:
            session.add(User(username="half-written"))
            session.flush()
            raise RuntimeError("boom")
        with unit_of_work(engine) as session:
            assert session.scalar(select(func.count()).select_from(User)) == 0

    def test_a_key_saved_by_a_racing_request_is_a_conflict_not_a_crash(self, engine: Engine) -> None:
        with unit_of_work(engine) as session:
            session.add(Organization(name="华为"))
        with pytest.raises(Conflict), unit_of_work(engine) as session:
            session.add(Organization(name="华为"))  # as a request that checked just before the other saved
        with unit_of_work(engine) as session:
            assert session.scalar(select(func.count()).select_from(Organization)) == 1


@pytest.mark.usefixtures("english")
class TestMissingFolder:
    def test_explicit_url_in_missing_folder_is_one_clear_sentence(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from giftwise.core.db import build_engine

        with pytest.raises(ConfigurationError, match="does not exist"):
            build_engine(f"sqlite:///{tmp_path / 'nope' / 'x.db'}")

    def test_cli_reports_missing_folder_without_traceback(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from giftwise.core.db import dispose_engines
        from giftwise.core.settings import reset_settings

        monkeypatch.setenv("GIFTWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'nope' / 'x.db'}")
        reset_settings()
        dispose_engines()
        result = CliRunner().invoke(app, ["init"])
        reset_settings()
        assert result.exit_code != 0
        assert "does not exist" in result.output
        assert "Traceback" not in result.output


class TestApiBasics:
    def test_health_and_openapi(self, api: TestClient) -> None:
        assert api.get("/health").json() == {"status": "ok"}
        assert api.get("/openapi.json").status_code == 200

    def test_unknown_route_is_problem_json(self, api: TestClient) -> None:
        response = api.get("/no-such-thing")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
