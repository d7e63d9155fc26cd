"""A change is saved before its answer leaves the server: a rep who is told "saved" (or redirected to the page that
shows the change) never reads the page as it was before, and a save that fails is the answer the rep gets."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.e2e.conftest import Live

# Long enough that a server answering before it commits is caught every time, on any machine.
SLOW_COMMIT_S = 0.4


@pytest.fixture
def slow_commits() -> Iterator[None]:
    """Every commit takes a while, as on a busy database."""

    def slow(session: Session) -> None:
        time.sleep(SLOW_COMMIT_S)

    event.listen(Session, "before_commit", slow)
    yield
    event.remove(Session, "before_commit", slow)


@pytest.mark.usefixtures("slow_commits")
def test_what_is_read_right_after_a_change_shows_it(live: Live) -> None:
    with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {live.token}"}) as client:
        answered = client.post("/contacts", json={"name": "陈慧"})
        assert answered.status_code == 201, answered.text
        assert client.get(f"/contacts/{answered.json()['id']}").json()["name"] == "陈慧"
