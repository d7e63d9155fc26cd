"""Team access over the API with bearer tokens: a rep sees their own book, a manager the team's."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.contacts.service import add_note, create_contact
from giftwise.core.actor import Actor


@dataclass
class Member:
    """A user with their API token and the one contact in their book."""

    token: str
    contact_id: int

    @property
    def headers(self) -> dict[str, str]:
        """The Authorization header that makes requests act as this user."""
        return {"Authorization": f"Bearer {self.token}"}


def _member(session: Session, admin: Actor, username: str, role: str, team: str) -> Member:
    created = create_user(session, admin, data=UserCreate(username=username, role=role, team=team))  # type: ignore[arg-type]
    acting = actor_of(find_user(session, admin, ref=username))
    contact = create_contact(session, acting, data=ContactCreate(name=f"{username}的客户"))
    add_note(session, acting, contact_id=contact.id, data=NoteCreate(text="喜欢茶"))
    return Member(created.api_token, contact.id)


@pytest.fixture
def team(session: Session, actor: Actor) -> dict[str, Member]:
    """Two reps and a manager in team east, one rep in team west, all committed."""
    members = {
        "li": _member(session, actor, "li", "rep", "east"),
        "wang": _member(session, actor, "wang", "rep", "east"),
        "boss": _member(session, actor, "boss", "manager", "east"),
        "zhao": _member(session, actor, "zhao", "rep", "west"),
    }
    session.commit()
    return members


class TestRepAccess:
    def test_a_rep_sees_only_their_own_book(self, api: TestClient, team: dict[str, Member]) -> None:
        li = team["li"]
        names = [c["name"] for c in api.get("/contacts", headers=li.headers).json()["items"]]
        assert names == ["li的客户"]

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("GET", "/contacts/{id}"),
            ("PATCH", "/contacts/{id}"),
            ("POST", "/contacts/{id}/archive"),
            ("GET", "/contacts/{id}/notes"),
            ("POST", "/contacts/{id}/notes"),
            ("POST", "/contacts/{id}/privacy-export"),
            ("DELETE", "/contacts/{id}"),
        ],
    )
    def test_another_reps_contact_is_404(
        self, api: TestClient, team: dict[str, Member], method: str, path: str
    ) -> None:
        body = {"text": "x"} if path.endswith("notes") else {"role": "x"}
        url = path.format(id=team["wang"].contact_id)
        kwargs = {"json": body} if method in ("PATCH", "POST") else {}
        response = api.request(method, url, headers=team["li"].headers, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 404
        assert api.get(url.split("/notes")[0].split("/privacy")[0].split("/archive")[0]).status_code == 200

    def test_a_rep_cannot_hand_a_contact_to_another_team(self, api: TestClient, team: dict[str, Member]) -> None:
        users = api.get("/users").json()["items"]
        zhao_id = next(u["id"] for u in users if u["username"] == "zhao")
        response = api.post("/contacts", json={"name": "新客户", "owner_id": zhao_id}, headers=team["li"].headers)
        assert response.status_code == 403


class TestManagerAccess:
    def test_a_manager_sees_the_team_but_not_other_teams(self, api: TestClient, team: dict[str, Member]) -> None:
        boss = team["boss"]
        names = sorted(c["name"] for c in api.get("/contacts", headers=boss.headers).json()["items"])
        assert names == ["boss的客户", "li的客户", "wang的客户"]
        assert api.get(f"/contacts/{team['li'].contact_id}", headers=boss.headers).status_code == 200
        assert api.get(f"/contacts/{team['zhao'].contact_id}", headers=boss.headers).status_code == 404

    def test_a_manager_may_reassign_within_the_team(self, api: TestClient, team: dict[str, Member]) -> None:
        users = {u["username"]: u["id"] for u in api.get("/users").json()["items"]}
        url = f"/contacts/{team['li'].contact_id}"
        response = api.patch(url, json={"owner_id": users["wang"]}, headers=team["boss"].headers)
        assert response.status_code == 200 and response.json()["owner"] == "wang"
        assert api.get(url, headers=team["wang"].headers).status_code == 200
        assert api.get(url, headers=team["li"].headers).status_code == 404


class TestTokens:
    def test_unknown_token_is_401_problem(self, api: TestClient, team: dict[str, Member]) -> None:
        response = api.get("/contacts", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401 and "unknown, expired or revoked" in response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"

    def test_users_list_is_scoped(self, api: TestClient, team: dict[str, Member]) -> None:
        rep_view = [u["username"] for u in api.get("/users", headers=team["li"].headers).json()["items"]]
        manager_view = [u["username"] for u in api.get("/users", headers=team["boss"].headers).json()["items"]]
        assert rep_view == ["li"] and manager_view == ["boss", "li", "wang"]
        assert "api_token" not in api.get("/users").json()["items"][0]
