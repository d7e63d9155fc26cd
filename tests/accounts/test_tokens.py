"""API tokens: stored hashed, listed by prefix, expiring, revocable and rotatable (REST and CLI);
tokens issued before hashing keep working after the migration."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.db import get_engine, session_factory
from giftwise.core.migrate import upgrade_database
from giftwise.models.accounts import AccessToken


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class TestRest:
    def test_a_token_is_shown_once_stored_hashed_and_listed_by_prefix(self, api: TestClient, session: Session) -> None:
        made = api.post("/tokens", json={"name": "laptop", "days": 7})
        assert made.status_code == 201
        secret = made.json()["token"]
        stored = session.scalars(select(AccessToken).where(AccessToken.name == "laptop")).one()
        assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in stored.token_hash
        listed = {t["name"]: t for t in api.get("/tokens").json()}
        assert listed["laptop"]["prefix"] == secret[:8] and "token" not in listed["laptop"]
        assert api.get("/contacts", headers=_bearer(secret)).status_code == 200

    def test_a_revoked_token_stops_at_once(self, api: TestClient) -> None:
        made = api.post("/tokens", json={"name": "script"}).json()
        assert api.delete(f"/tokens/{made['id']}").status_code == 200
        assert api.get("/contacts", headers=_bearer(made["token"])).status_code == 401
        assert "script" not in [t["name"] for t in api.get("/tokens").json()]
        assert "script" in [t["name"] for t in api.get("/tokens", params={"include_ended": True}).json()]

    def test_rotation_replaces_the_secret(self, api: TestClient) -> None:
        made = api.post("/tokens", json={"name": "ci"}).json()
        rotated = api.post(f"/tokens/{made['id']}/rotate", json={}).json()
        assert rotated["name"] == "ci" and rotated["token"] != made["token"]
        assert api.get("/contacts", headers=_bearer(made["token"])).status_code == 401
        assert api.get("/contacts", headers=_bearer(rotated["token"])).status_code == 200

    def test_an_expired_token_is_a_401(self, api: TestClient) -> None:
        made = api.post("/tokens", json={"name": "short", "days": 1}).json()
        with clock.frozen_at(clock.now() + timedelta(days=2)):
            assert api.get("/contacts", headers=_bearer(made["token"])).status_code == 401

    def test_a_rep_handles_only_their_own_tokens(self, api: TestClient) -> None:
        rep = api.post("/users", json={"username": "li"}).json()
        mine = api.post("/tokens", json={"name": "admin's"}).json()
        headers = _bearer(rep["api_token"])
        assert api.delete(f"/tokens/{mine['id']}", headers=headers).status_code == 404
        assert api.get("/tokens", params={"user_id": 1}, headers=headers).status_code == 403
        assert [t["user_id"] for t in api.get("/tokens", headers=headers).json()] == [rep["id"]]


class TestCli:
    def test_create_list_rotate_revoke(self, cli: CliRunner) -> None:
        made = json.loads(cli.invoke(app, ["users", "tokens", "create", "--name", "cron", "-f", "json"]).stdout)
        listed = json.loads(cli.invoke(app, ["users", "tokens", "list", "-f", "json"]).stdout)
        assert [t["prefix"] for t in listed if t["name"] == "cron"] == [made["token"][:8]]
        rotated = cli.invoke(app, ["users", "tokens", "rotate", str(made["id"])])
        assert rotated.exit_code == 0 and "shown only now" in rotated.output
        gone = cli.invoke(app, ["users", "tokens", "revoke", "999"])
        assert gone.exit_code == 3 and "Traceback" not in gone.output


class TestMigration:
    def test_plain_tokens_are_hashed_and_keep_working(self, env: object, db_url: str, sqlite_only: None) -> None:
        upgrade_database(db_url, revision="c7e2a1f04b19")
        engine = get_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO users (username, display_name, role, language, active, api_token, calendar_token,"
                " created_at, updated_at) VALUES ('li', 'li', 'rep', 'zh', 1, 'old-plain-api', 'old-plain-cal',"
                " '2026-01-01', '2026-01-01')"
            ))
        upgrade_database(db_url)
        from giftwise.accounts.tokens import TokenKind
        from giftwise.accounts.tokens_service import user_for_token

        with session_factory(engine)() as session:
            stored = session.scalars(select(AccessToken.token_hash)).all()
            assert "old-plain-api" not in stored and len(stored) == 2
            user = user_for_token(session, "old-plain-api", TokenKind.API)
            assert user is not None and user.username == "li"
            assert user_for_token(session, "old-plain-cal", TokenKind.CALENDAR) is not None
