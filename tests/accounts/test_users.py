"""Users and the audit trail: who may add users, what each role sees."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user, list_audit, list_users
from giftwise.cli import app
from giftwise.contacts.schemas import ContactCreate
from giftwise.contacts.service import create_contact
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Forbidden


class TestCreateUser:
    def test_gives_a_token_and_creates_the_team(self, session: Session, actor: Actor) -> None:
        user = create_user(session, actor, data=UserCreate(username="li", role="manager", team="east"))
        assert user.team == "east" and len(user.api_token) >= 32 and user.role == "manager"

    def test_username_taken_is_a_conflict(self, session: Session, actor: Actor) -> None:
        create_user(session, actor, data=UserCreate(username="li"))
        with pytest.raises(Conflict, match="taken"):
            create_user(session, actor, data=UserCreate(username="li"))

    def test_only_admins_add_users(self, session: Session, actor: Actor) -> None:
        create_user(session, actor, data=UserCreate(username="li", role="manager", team="east"))
        manager = actor_of(find_user(session, actor, ref="li"))
        with pytest.raises(Forbidden):
            create_user(session, manager, data=UserCreate(username="wang"))


class TestListAudit:
    def test_a_rep_sees_only_their_own_entries(self, session: Session, actor: Actor) -> None:
        create_user(session, actor, data=UserCreate(username="li"))
        rep = actor_of(find_user(session, actor, ref="li"))
        create_contact(session, rep, data=ContactCreate(name="张三"))
        create_contact(session, actor, data=ContactCreate(name="李四"))
        assert [e.username for e in list_audit(session, rep).items] == ["li"]
        assert list_audit(session, actor, entity="contact").total == 2
        assert list_users(session, rep).total == 1


class TestUsersCommands:
    def test_add_and_list(self, cli: CliRunner) -> None:
        added = cli.invoke(app, ["users", "add", "li.na", "--role", "rep", "--team", "east", "--format", "json"])
        assert added.exit_code == 0, added.output
        assert json.loads(added.stdout)["api_token"]
        text = cli.invoke(app, ["users", "add", "wang", "--role", "manager", "--team", "east"])
        assert "API token (shown only now)" in text.output
        listed = json.loads(cli.invoke(app, ["users", "list", "--format", "json"]).stdout)
        assert [u["username"] for u in listed["items"]] == ["li.na", "me", "wang"]

    @pytest.mark.parametrize(
        ("args", "message"),
        [(["users", "add", "x", "--role", "boss"], "Role must be one of: rep, manager, admin."),
         (["users", "add", "bad name!"], "Username")],
    )
    def test_bad_input_is_one_line(self, cli: CliRunner, args: list[str], message: str) -> None:
        result = cli.invoke(app, args)
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output

    def test_audit_list(self, cli: CliRunner) -> None:
        cli.invoke(app, ["contacts", "add", "王建国"])
        cli.invoke(app, ["contacts", "edit", "王建国", "--role", "总监"])
        entries = json.loads(
            cli.invoke(app, ["audit", "list", "--entity", "contact", "--id", "1", "-f", "json"]).stdout
        )
        assert [e["action"] for e in entries["items"]] == ["update", "create"]
        assert entries["items"][0]["after"] == {"role": "总监"}
        assert "update" in cli.invoke(app, ["audit", "list"]).stdout


class TestUserRoutes:
    def test_new_users_token_works_and_reps_cannot_add_users(self, api: TestClient) -> None:
        created = api.post("/users", json={"username": "li", "team": "east"})
        assert created.status_code == 201
        headers = {"Authorization": f"Bearer {created.json()['api_token']}"}
        assert [u["username"] for u in api.get("/users", headers=headers).json()["items"]] == ["li"]
        assert api.post("/users", json={"username": "x"}, headers=headers).status_code == 403
        assert api.post("/users", json={"username": "li"}).status_code == 409
        assert api.post("/users", json={"username": "y", "role": "king"}).status_code == 422

    def test_audit_route(self, api: TestClient) -> None:
        api.post("/contacts", json={"name": "王建国"})
        page = api.get("/audit", params={"entity": "contact"}).json()
        assert page["total"] == 1 and page["items"][0]["action"] == "create"
