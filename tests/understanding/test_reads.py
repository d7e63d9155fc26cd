"""Showing what giftwise understands (the profile over REST, the contact's page) writes nothing; a note is read
into facts when it is added, over REST, on the web and from the command line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.contacts import Contact
from giftwise.models.understanding import Fact
from tests.factories import make_contact
from tests.snapshots import database_rows
from tests.understanding.factories import add_note, load_own_catalog

pytestmark = pytest.mark.usefixtures("frozen_clock")


def concepts(session: Session, contact: Contact) -> set[str]:
    session.expire_all()
    return set(session.scalars(select(Fact.concept).where(Fact.contact_id == contact.id, Fact.status == "active")))


class TestShowingWritesNothing:
    def test_profile_and_contact_page_leave_the_database_as_it_was(
        self, api: TestClient, engine: Engine, session: Session, actor: Actor
    ) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, language="en", notes=[("2026-11-01", "Loves fishing.")])
        # A note no lexicon has read yet (kept by an older giftwise): shown, but only stored by a write.
        add_note(session, contact, "2026-11-02", "She drinks a lot of tea.")
        session.commit()
        before = database_rows(engine)
        profile = api.get(f"/contacts/{contact.id}/profile")
        assert profile.status_code == 200
        assert {s["concept"] for s in profile.json()["interests"]} >= {"fishing", "tea"}
        page = api.get(f"/app/contacts/{contact.id}")
        assert page.status_code == 200 and "fishing" in page.text
        assert database_rows(engine) == before


class TestNotesAreReadWhenAdded:
    def test_over_rest(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en")
        session.commit()
        added = api.post(f"/contacts/{contact.id}/notes", json={"text": "He goes fishing every weekend."})
        assert added.status_code == 201
        assert "fishing" in concepts(session, contact)

    def test_on_the_web(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en")
        session.commit()
        sent = api.post(f"/app/contacts/{contact.id}/notes", data={"text": "He goes fishing every weekend."},
                        follow_redirects=False)
        assert sent.status_code == 303
        assert "fishing" in concepts(session, contact)

    def test_from_the_command_line(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en")
        session.commit()
        assert cli.invoke(app, ["notes", "add", str(contact.id), "He goes fishing every weekend."]).exit_code == 0
        assert "fishing" in concepts(session, contact)
