"""A GET never writes: every GET route of the API and the web pages leaves the database as it was.

The app's own route table is walked (a new GET route is checked without being listed), and each route is
called as the owner of a small but full book (notes not read into facts yet, a campaign, a dispute), as an
admin, and as nobody where the route is public; the whole database is compared before and after each call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.access.test_route_rules import FRAMEWORK_PUBLIC, ROUTES, Book, _api_routes, _path_value, _serve, rule_of
from tests.snapshots import database_rows

GETS = sorted(path for method, path, _ in _api_routes() if method == "GET" and path not in FRAMEWORK_PUBLIC)
# Nobody is turned away before a handler runs, except where the route is public (sign-in, a feed, a choice link).
CALLS = [(path, reader) for path in GETS
         for reader in ("rep_a", "admin", "nobody") if reader != "nobody" or rule_of(ROUTES[("GET", path)]) == "public"]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """One app and one database for every GET (building the book is most of the time), where every contact
    has a note not read into facts yet."""
    served = _serve(tmp_path_factory.mktemp("gets"))
    book = next(served)
    book.ids.update(_prepare(book.ids))
    yield book
    served.close()


def _prepare(book_ids: dict[str, Any]) -> dict[str, str]:
    """A note not read yet on every contact, and live tokens for the public pages: rep A's calendar feed and a
    recipient's gift-choice link."""
    from giftwise.accounts import repository as accounts_repository
    from giftwise.accounts.service import actor_of
    from giftwise.contacts.schemas import NoteCreate
    from giftwise.contacts.service import add_note
    from giftwise.core.db import unit_of_work
    from giftwise.followups.calendar_feed_service import calendar_token
    from giftwise.gifts.choice_service import create_link
    from giftwise.gifts.schemas import GiftCreate
    from giftwise.models.contacts import Contact
    from giftwise.workflows import gift_steps

    with unit_of_work() as session:
        rep_a = accounts_repository.user_by_username(session, "rep_a")
        assert rep_a is not None
        actor = actor_of(rep_a)
        note = NoteCreate(text="她最近在学瑜伽，想要一块好的瑜伽垫。不喝酒。")
        for contact_id in session.scalars(select(Contact.id)).all():
            # Stored as the contacts domain keeps a note (the workflow that reads it into facts is skipped).
            add_note(session, actor, contact_id=contact_id, data=note)
        planned = gift_steps.plan(session, actor, data=GiftCreate(contact_id=book_ids["contact_id"], sku="fishing-reel",
                                                                  occasion="thank-you", reason="钓鱼"))
        _, choice_token = create_link(session, actor, gift_id=planned.id, alternative_skus=[])
        return {"calendar_token": calendar_token(session, actor), "choice_token": choice_token}


@pytest.fixture(scope="module")
def engine(book: Book) -> Engine:
    """The book's database."""
    from giftwise.core.db import get_engine

    return get_engine()


def _url(path: str, book: Book) -> str:
    route = ROUTES[("GET", path)]
    url = path.replace("{sku:path}", "{sku}")
    for field in route.dependant.path_params:
        value = _path_value(route, field.name, book, fresh=False)
        if field.name == "token":
            value = book.ids["calendar_token" if path.startswith("/calendar/") else "choice_token"]
        url = url.replace("{" + field.name + "}", str(value))
    return url


class TestTheWalk:
    def test_it_sees_the_api_and_the_web_pages(self) -> None:
        assert {"/contacts", "/app/contacts", "/campaigns/{campaign_id}/suggestions", "/app"} <= set(GETS)
        assert len(GETS) > 60


@pytest.mark.parametrize(("path", "reader"), CALLS)
def test_a_get_leaves_the_database_as_it_was(book: Book, engine: Engine, path: str, reader: str) -> None:
    headers = {} if reader == "nobody" else {"Authorization": f"Bearer {book.tokens[reader]}"}
    before = database_rows(engine)
    response = book.client.get(_url(path, book), headers=headers, follow_redirects=False)
    if reader == "nobody" and "{token}" in path:
        assert response.status_code == 200, f"GET {path} with a live token: {response.status_code}"
    assert response.status_code < 500, f"GET {path} as {reader}: {response.status_code}\n{response.text[:300]}"
    after = database_rows(engine)
    changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert changed == {}, f"GET {path} as {reader} wrote to {sorted(changed)}"


def test_every_contact_has_a_note_not_read_yet(book: Book, engine: Engine) -> None:
    """So a GET that would read notes into facts (instead of reading them in memory) shows up above."""
    from giftwise.models.contacts import Contact, Note
    from giftwise.models.readings import NoteReading

    with engine.connect() as conn:
        everyone = set(conn.scalars(select(Contact.id)))
        unread = set(conn.scalars(select(Note.contact_id).where(Note.id.not_in(select(NoteReading.note_id)))))
    assert everyone and everyone <= unread
