"""The agenda shows a page of each list at a time, so a big book's week stays quick to open and to read."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.followups import service as followups
from giftwise.followups.schemas import TouchCreate
from giftwise.web.agenda import AGENDA_ROWS
from tests.factories import make_contact


def _rows(html: str) -> int:
    return len(re.findall(r'<tr data-touch="\d+"', html))


class TestAgendaPages:
    def test_a_long_list_pages_while_its_count_stays_whole(
        self, session: Session, actor: Actor, api: TestClient, frozen_clock: object
    ) -> None:
        tomorrow = frozen_clock + timedelta(days=1)  # type: ignore[operator]
        for n in range(AGENDA_ROWS + 5):
            contact = make_contact(session, actor, f"Client {n:02d}", language="en")
            followups.create_touch(session, actor, data=TouchCreate(contact_id=contact.id, due_on=tomorrow))
        session.commit()

        first = api.get("/app?lang=en")
        assert first.status_code == 200
        assert re.search(r'id="count-upcoming">\s*' + str(AGENDA_ROWS + 5), first.text)
        assert _rows(first.text) == AGENDA_ROWS
        assert 'href="?upcoming_page=2#pager-upcoming"' in first.text

        second = api.get("/app?upcoming_page=2")
        assert _rows(second.text) == 5
        assert 'href="?upcoming_page=1#pager-upcoming"' in second.text and 'rel="next"' not in second.text

    def test_a_page_past_the_end_shows_an_empty_list_not_an_error(
        self, session: Session, actor: Actor, api: TestClient, frozen_clock: object
    ) -> None:
        for asked in ("99", "x", "0"):
            assert api.get(f"/app?overdue_page={asked}").status_code == 200
