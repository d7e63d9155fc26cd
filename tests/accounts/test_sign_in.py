"""Signing in to the web app: a password, a signed session cookie, CSRF on every form, a rate limit, sign-out."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from giftwise.accounts.service import set_password
from giftwise.accounts.tokens_service import local_sign_in_link
from giftwise.core.actor import Actor

PASSWORD = "correct horse battery"


@pytest.fixture
def with_password(session: Session, actor: Actor) -> Actor:
    """The local admin, with a password to sign in with."""
    set_password(session, actor, ref=actor.username, password=PASSWORD)
    session.commit()
    return actor


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page carries no CSRF field"
    return found.group(1)


def _sign_in(client: TestClient, username: str, password: str, next_page: str = "/app") -> object:
    form = client.get("/app/sign-in")
    data = {"username": username, "password": password, "next": next_page, "csrf_token": _csrf(form.text)}
    return client.post("/app/sign-in", data=data, follow_redirects=False)


class TestPages:
    def test_a_page_without_a_session_goes_to_sign_in_and_back(self, anonymous_api: TestClient) -> None:
        response = anonymous_api.get("/app/contacts?q=王", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/app/sign-in?next=")

    @pytest.mark.parametrize(("lang", "words"), [("zh", "登录"), ("en", "Sign in")])
    def test_the_sign_in_page_speaks_the_chosen_language(self, anonymous_api: TestClient, lang: str,
                                                         words: str) -> None:
        page = anonymous_api.get(f"/app/sign-in?lang={lang}")
        assert page.status_code == 200 and words in page.text

    def test_signing_in_gives_a_signed_httponly_lax_cookie(
        self, anonymous_api: TestClient, with_password: Actor
    ) -> None:
        response = _sign_in(anonymous_api, "me", PASSWORD, next_page="/app/contacts")
        assert response.status_code == 303 and response.headers["location"] == "/app/contacts"  # type: ignore[attr-defined]
        cookie = response.headers["set-cookie"].lower()  # type: ignore[attr-defined]
        assert "giftwise_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert anonymous_api.get("/app/contacts").status_code == 200
        assert anonymous_api.get("/contacts").status_code == 200  # the API accepts the session too

    def test_a_wrong_password_is_refused_in_words(self, anonymous_api: TestClient, with_password: Actor) -> None:
        response = _sign_in(anonymous_api, "me", "wrong password")
        assert response.status_code == 401 and "Wrong username or password" in response.text  # type: ignore[attr-defined]
        assert anonymous_api.get("/app", follow_redirects=False).status_code == 303

    def test_next_never_leaves_the_site(self, anonymous_api: TestClient, with_password: Actor) -> None:
        response = _sign_in(anonymous_api, "me", PASSWORD, next_page="//evil.example/app")
        assert response.headers["location"] == "/app"  # type: ignore[attr-defined]

    def test_a_forged_cookie_is_nobody(self, anonymous_api: TestClient, with_password: Actor) -> None:
        anonymous_api.cookies.set("giftwise_session", "eyJ1aWQiOjF9.forged.signature")
        assert anonymous_api.get("/contacts").status_code == 401


class TestCsrf:
    def test_a_form_without_the_token_is_refused_and_changes_nothing(
        self, anonymous_api: TestClient, api: TestClient, with_password: Actor
    ) -> None:
        contact = api.post("/contacts", json={"name": "王建国"}).json()
        _sign_in(anonymous_api, "me", PASSWORD)
        forged = anonymous_api.post(f"/app/contacts/{contact['id']}/notes", data={"text": "跨站写入"},
                                    follow_redirects=False)
        assert forged.status_code == 403
        assert api.get(f"/contacts/{contact['id']}/notes").json()["total"] == 0

    def test_the_pages_own_form_passes(self, anonymous_api: TestClient, api: TestClient, with_password: Actor) -> None:
        contact = api.post("/contacts", json={"name": "王建国"}).json()
        _sign_in(anonymous_api, "me", PASSWORD)
        token = _csrf(anonymous_api.get(f"/app/contacts/{contact['id']}").text)
        posted = anonymous_api.post(f"/app/contacts/{contact['id']}/notes",
                                    data={"text": "喜欢喝茶", "csrf_token": token}, follow_redirects=False)
        assert posted.status_code == 303
        assert api.get(f"/contacts/{contact['id']}/notes").json()["total"] == 1

    def test_an_api_call_on_the_session_needs_the_header(
        self, anonymous_api: TestClient, with_password: Actor
    ) -> None:
        _sign_in(anonymous_api, "me", PASSWORD)
        assert anonymous_api.post("/contacts", json={"name": "李雷"}).status_code == 403
        token = _csrf(anonymous_api.get("/app").text)
        created = anonymous_api.post("/contacts", json={"name": "李雷"}, headers={"X-CSRF-Token": token})
        assert created.status_code == 201

    def test_sign_in_itself_needs_the_token(self, anonymous_api: TestClient, with_password: Actor) -> None:
        response = anonymous_api.post("/app/sign-in", data={"username": "me", "password": PASSWORD},
                                      follow_redirects=False)
        assert response.status_code == 403


class TestRateLimit:
    def test_five_failures_pause_the_user_even_with_the_right_password(
        self, anonymous_api: TestClient, with_password: Actor
    ) -> None:
        for _ in range(5):
            assert _sign_in(anonymous_api, "me", "nope nope").status_code == 401  # type: ignore[attr-defined]
        paused = _sign_in(anonymous_api, "me", PASSWORD)
        assert paused.status_code == 429 and "Too many failed sign-ins" in paused.text  # type: ignore[attr-defined]

    def test_one_address_trying_many_users_is_paused(self, anonymous_api: TestClient, with_password: Actor) -> None:
        for number in range(20):
            _sign_in(anonymous_api, f"guess{number}", "nope nope")
        assert _sign_in(anonymous_api, "me", PASSWORD).status_code == 429  # type: ignore[attr-defined]


class TestSignOutAndLinks:
    def test_sign_out_ends_the_session(self, anonymous_api: TestClient, with_password: Actor) -> None:
        _sign_in(anonymous_api, "me", PASSWORD)
        token = _csrf(anonymous_api.get("/app").text)
        out = anonymous_api.post("/app/sign-out", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303 and "sign-in" in out.headers["location"]
        assert anonymous_api.get("/app", follow_redirects=False).status_code == 303

    def test_a_one_time_link_signs_in_once(self, anonymous_api: TestClient, session: Session, actor: Actor) -> None:
        url = local_sign_in_link(session, host="127.0.0.1", port=8000)
        session.commit()
        assert url is not None
        token = url.split("token=")[1]
        page = anonymous_api.get(f"/app/sign-in/link?token={token}")
        used = anonymous_api.post("/app/sign-in/link", data={"token": token, "csrf_token": _csrf(page.text)},
                                  follow_redirects=False)
        assert used.status_code == 303 and anonymous_api.get("/app").status_code == 200
        anonymous_api.cookies.clear()
        page = anonymous_api.get(f"/app/sign-in/link?token={token}")
        again = anonymous_api.post("/app/sign-in/link", data={"token": token, "csrf_token": _csrf(page.text)})
        assert again.status_code == 401


class TestAttemptsAreForgotten:
    def test_old_failures_no_longer_count_and_are_deleted(
        self, anonymous_api: TestClient, with_password: Actor, session: Session
    ) -> None:
        from datetime import timedelta

        from sqlalchemy import func, select

        from giftwise.core import clock
        from giftwise.models.accounts import SignInAttempt

        for _ in range(5):
            _sign_in(anonymous_api, "me", "nope nope")
        with clock.frozen_at(clock.now() + timedelta(hours=1)):
            assert _sign_in(anonymous_api, "me", PASSWORD).status_code == 303  # type: ignore[attr-defined]
        assert session.scalar(select(func.count()).select_from(SignInAttempt)) == 1
