"""In a real browser: signing in and out, a form without its CSRF token refused, and a rep who cannot
open another rep's contact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user, set_password
from giftwise.contacts.schemas import ContactCreate
from giftwise.contacts.service import create_contact
from giftwise.core.actor import Actor
from giftwise.models.contacts import Note
from tests.e2e.conftest import E2E_TIMEOUT_MS, Live

PASSWORD = "correct horse battery"


@pytest.fixture
def people(session: Session, actor: Actor) -> dict[str, int]:
    """Two reps with a password each, and one contact in each book."""
    ids = {}
    for name in ("li", "wang"):
        create_user(session, actor, data=UserCreate(username=name, team="east"))
        rep = actor_of(find_user(session, actor, ref=name))
        set_password(session, actor, ref=name, password=PASSWORD)
        ids[name] = create_contact(session, rep, data=ContactCreate(name=f"{name}的客户")).id
    session.commit()
    return ids


@pytest.fixture
def anonymous(browser: Any, live: Live) -> Iterator[Any]:
    """A browser page with no credentials at all, speaking English."""
    context = browser.new_context(base_url=live.url, locale="en-US")
    context.add_cookies([{"name": "giftwise_lang", "value": "en", "url": live.url}])
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


def _sign_in(tab: Any, username: str) -> None:
    tab.goto("/app")
    assert "/app/sign-in" in tab.url
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("#sign-in-button")
    tab.wait_for_url("**/app")


class TestSignIn:
    def test_sign_in_then_out(self, anonymous: Any, people: dict[str, int]) -> None:
        _sign_in(anonymous, "li")
        expect(anonymous.locator("#sign-out")).to_be_visible()
        anonymous.click("#sign-out")
        anonymous.wait_for_url("**/app/sign-in?out=1")
        assert "You are signed out" in anonymous.content()
        anonymous.goto("/app/contacts")
        assert "/app/sign-in" in anonymous.url

    def test_a_wrong_password_stays_on_the_form(self, anonymous: Any, people: dict[str, int]) -> None:
        anonymous.goto("/app/sign-in")
        anonymous.fill("input[name=username]", "li")
        anonymous.fill("input[name=password]", "not the password")
        anonymous.click("#sign-in-button")
        assert "Wrong username or password" in anonymous.locator("#sign-in").inner_text()


class TestCsrf:
    def test_a_post_without_the_token_is_refused(self, anonymous: Any, people: dict[str, int],
                                                 session: Session) -> None:
        _sign_in(anonymous, "li")
        status = anonymous.evaluate(
            """async (id) => (await fetch(`/app/contacts/${id}/notes`, {method: "POST", body: new URLSearchParams(
                {text: "written by another site"})})).status""",
            people["li"],
        )
        assert status == 403
        assert session.scalar(select(func.count()).select_from(Note)) == 0


class TestBooks:
    def test_a_rep_cannot_open_another_reps_contact(self, anonymous: Any, people: dict[str, int]) -> None:
        _sign_in(anonymous, "wang")
        anonymous.goto("/app/contacts")
        assert "wang的客户" in anonymous.content() and "li的客户" not in anonymous.content()
        response = anonymous.goto(f"/app/contacts/{people['li']}")
        assert response.status == 404 and "li的客户" not in anonymous.content()
