"""Nobody is anonymous: no credentials is a 401 problem, the CLI acts only as an existing user,
and the first admin is made once, on purpose."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.db import get_engine, session_factory
from giftwise.models.accounts import User


class TestNoCredentials:
    @pytest.mark.parametrize(
        "header",
        [None, "Basic bWU6bWU=", "Bearer", "Bearer   ", "", "Token abc"],
    )
    def test_every_missing_or_foreign_credential_is_a_401_problem(
        self, anonymous_api: TestClient, header: str | None
    ) -> None:
        headers = {} if header is None else {"Authorization": header}
        response = anonymous_api.get("/contacts", headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["status"] == 401 and response.json()["detail"]

    def test_anonymous_cannot_create_an_admin(self, anonymous_api: TestClient, engine: Engine) -> None:
        response = anonymous_api.post("/users", json={"username": "mallory", "role": "admin"})
        assert response.status_code == 401
        with session_factory(engine)() as session:
            assert session.scalars(select(User.username)).all() == []

    def test_anonymous_cannot_export_a_contact(self, api: TestClient, anonymous_api: TestClient) -> None:
        contact = api.post("/contacts", json={"name": "王建国"}).json()
        assert anonymous_api.post(f"/contacts/{contact['id']}/privacy-export").status_code == 401

    def test_the_refusal_speaks_the_asked_language(self, anonymous_api: TestClient) -> None:
        zh = anonymous_api.get("/contacts", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).json()["detail"]
        en = anonymous_api.get("/contacts", headers={"Accept-Language": "en-US"}).json()["detail"]
        assert "登录" in zh and "Sign in" in en

    def test_health_needs_no_credentials(self, anonymous_api: TestClient) -> None:
        assert anonymous_api.get("/health").status_code == 200


class TestCliUser:
    def test_an_unknown_local_user_is_one_sentence_and_never_created(
        self, engine: Engine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GIFTWISE_LOCAL_USER", "stranger")
        from giftwise.core.settings import reset_settings

        reset_settings()
        result = CliRunner().invoke(app, ["contacts", "list"])
        assert result.exit_code == 4 and "stranger" in result.output and "Traceback" not in result.output
        with session_factory(engine)() as session:
            assert session.scalars(select(User)).all() == []


class TestInit:
    def test_sqlite_init_creates_the_local_owner_once(self, env: object, sqlite_only: None) -> None:
        first = CliRunner().invoke(app, ["init"])
        assert first.exit_code == 0 and "me" in first.output
        second = CliRunner().invoke(app, ["init"])
        assert second.exit_code == 0 and "local owner" not in second.output
        assert CliRunner().invoke(app, ["contacts", "add", "王建国"]).exit_code == 0

    def test_first_admin_is_explicit_and_made_once(self, empty_db: str) -> None:
        made = CliRunner().invoke(app, ["init", "--admin", "boss", "--password", "correct horse"])
        assert made.exit_code == 0, made.output
        again = CliRunner().invoke(app, ["init", "--admin", "boss2", "--password", "correct horse"])
        assert again.exit_code == 4 and "admin" in again.output
        with session_factory(get_engine(empty_db))() as session:
            users = session.scalars(select(User)).all()
        assert [(u.username, u.role) for u in users] == [("boss", "admin")]
        assert users[0].password_hash and "correct horse" not in users[0].password_hash

    def test_first_admin_password_is_asked_for_and_too_short_is_refused(self, empty_db: str) -> None:
        short = CliRunner().invoke(app, ["init", "--admin", "boss"], input="short\nshort\n")
        assert short.exit_code == 2 and "8" in short.output
        asked = CliRunner().invoke(app, ["init", "--admin", "boss"], input="long enough\nlong enough\n")
        assert asked.exit_code == 0, asked.output


class TestMalformedBodies:
    def test_a_broken_body_without_credentials_is_still_a_401(self, anonymous_api: TestClient) -> None:
        response = anonymous_api.post("/contacts", content=b"{not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 401

    def test_with_credentials_it_is_a_422(self, api: TestClient) -> None:
        response = api.post("/contacts", content=b"{not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 422
