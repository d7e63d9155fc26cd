"""Reading the agenda (over REST, as its page, as the calendar feed) writes nothing; the writes keep it current."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.core.actor import Actor
from giftwise.followups.agenda_service import agenda
from giftwise.followups.calendar_feed_service import calendar_token
from giftwise.workflows import contact_steps, note_steps
from tests.factories import make_contact
from tests.snapshots import database_rows


def _cadence_contact(session: Session, actor: Actor, since: date) -> int:
    data = ContactCreate(name="李雷", touch_cadence_days=30, visit_cadence_days=90, relationship_since=since)
    return contact_steps.create(session, actor, data=data).id


class TestReadingTheAgendaWritesNothing:
    def test_the_agenda_its_page_and_the_calendar_feed_leave_the_database_as_it_was(
        self, api: TestClient, engine: Engine, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        _cadence_contact(session, actor, frozen_clock - timedelta(days=100))
        # Added below the workflows (as a book from before cadence touches were kept at writes): no touch stored yet.
        make_contact(session, actor, "韩梅梅", touch_cadence_days=30,
                     relationship_since=frozen_clock - timedelta(days=40))
        token = calendar_token(session, actor)
        session.commit()
        before = database_rows(engine)
        for path in ("/agenda", "/agenda?days=90", "/app", f"/calendar/{token}.ics"):
            assert api.get(path).status_code == 200, path
        assert database_rows(engine) == before

    def test_a_contact_added_over_rest_with_a_cadence_is_on_the_agenda_at_once(
        self, api: TestClient, frozen_clock: date
    ) -> None:
        since = (frozen_clock - timedelta(days=40)).isoformat()
        added = api.post("/contacts", json={"name": "韩梅梅", "touch_cadence_days": 30, "relationship_since": since})
        assert added.status_code == 201, added.text
        shown = api.get("/agenda").json()
        assert [(e["contact_name"], e["purpose"]) for e in shown["overdue"]] == [("韩梅梅", "keep-in-touch")]

    def test_a_dated_call_note_pushes_the_cadence_call_on_the_agenda(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact_id = _cadence_contact(session, actor, frozen_clock - timedelta(days=100))
        due = {e.purpose: e.due_on for e in agenda(session, actor, days=90).overdue}
        assert due["keep-in-touch"] == frozen_clock - timedelta(days=70)
        note_steps.add(session, actor, contact_id=contact_id,
                       data=NoteCreate(on=frozen_clock, text="打了电话，聊了孩子上学", channel="call"))
        upcoming = {e.purpose: e.due_on for e in agenda(session, actor, days=90).upcoming}
        assert upcoming["keep-in-touch"] == frozen_clock + timedelta(days=30)
