"""A GET never writes: every GET route of the API and the web pages leaves the database as it was.

The app's own route table is walked (a new GET route is checked without being listed), and each route is
called as the owner of a small but full book (notes not read into facts yet, a campaign, a dispute), as an
admin and as nobody; the whole database is compared before and after each call.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from tests.access.test_route_rules import FRAMEWORK_PUBLIC, ROUTES, Book, _api_routes, _path_value, _serve
from tests.snapshots import database_rows

READERS = ("rep_a", "admin", "nobody")
GETS = sorted(path for method, path, _ in _api_routes() if method == "GET" and path not in FRAMEWORK_PUBLIC)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """One app and one database for every GET (building the book is most of the time), where every contact
    has a note not read into facts yet."""
    served = _serve(tmp_path_factory.mktemp("gets"))
    book = next(served)
    _note_everyone()
    yield book
    served.close()


def _note_everyone() -> None:
    from giftwise.accounts import repository as accounts_repository
    from giftwise.accounts.service import actor_of
    from giftwise.contacts.schemas import NoteCreate
    from giftwise.contacts.service import add_note
    from giftwise.core.db import unit_of_work
    from giftwise.models.contacts import Contact

    with unit_of_work() as session:
        rep_a = accounts_repository.user_by_username(session, "rep_a")
        assert rep_a is not None
        for contact_id in session.scalars(select(Contact.id)).all():
            # Stored as the contacts domain keeps a note (the workflow that reads it into facts is skipped).
            add_note(session, actor_of(rep_a), contact_id=contact_id,
                     data=NoteCreate(text="她最近在学瑜伽，想要一块好的瑜伽垫。不喝酒。"))


@pytest.fixture(scope="module")
def engine(book: Book) -> Engine:
    """The book's database."""
    from giftwise.core.db import get_engine

    return get_engine()


def _url(path: str, book: Book) -> str:
    route = ROUTES[("GET", path)]
    url = path.replace("{sku:path}", "{sku}")
    for field in route.dependant.path_params:
        url = url.replace("{" + field.name + "}", str(_path_value(route, field.name, book, fresh=False)))
    return url


class TestTheWalk:
    def test_it_sees_the_api_and_the_web_pages(self) -> None:
        assert {"/contacts", "/app/contacts", "/campaigns/{campaign_id}/suggestions", "/app"} <= set(GETS)
        assert len(GETS) > 60


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("path", GETS)
def test_a_get_leaves_the_database_as_it_was(book: Book, engine: Engine, path: str, reader: str) -> None:
    headers = {} if reader == "nobody" else {"Authorization": f"Bearer {book.tokens[reader]}"}
    before = database_rows(engine)
    response = book.client.get(_url(path, book), headers=headers, follow_redirects=False)
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
