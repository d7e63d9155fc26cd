"""The Fact service on a real database: notes read into facts once per lexicon version, and a user's
confirmation, correction or deletion always wins over extraction."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid, NotFound
from giftwise.models.accounts import AuditEntry
from giftwise.models.readings import NoteReading
from giftwise.models.understanding import Fact
from giftwise.understanding import service
from tests.factories import make_contact


def active(session: Session, contact_id: int) -> set[tuple[str, str]]:
    rows = session.scalars(select(Fact).where(Fact.contact_id == contact_id, Fact.status == "active"))
    return {(f.kind, f.concept) for f in rows}


class TestReadNotes:
    def test_facts_keep_their_note_words_and_date(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "他不喝酒，周末都去钓鱼。")])
        assert service.read_notes(session, actor, contact_ids=[contact.id]) == 0  # read when it was added
        facts = {f.concept: f for f in session.scalars(select(Fact).where(Fact.contact_id == contact.id))}
        assert facts["no_alcohol"].kind == "restriction" and facts["no_alcohol"].fades_after is None
        assert facts["fishing"].source_text == "周末都去钓鱼" and facts["fishing"].observed_on == date(2026, 10, 2)
        assert facts["fishing"].source_note_id is not None and facts["fishing"].origin == "extracted"

    def test_reading_twice_adds_nothing(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Loves fishing.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        assert service.read_notes(session, actor, contact_ids=[contact.id]) == 0
        assert session.scalar(select(func.count()).select_from(Fact)) == 1

    def test_a_note_saying_nothing_known_is_still_read_once(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Called about the invoice.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        assert session.scalar(select(func.count()).select_from(NoteReading)) == 1
        assert service.read_notes(session, actor, contact_ids=[contact.id]) == 0

    def test_a_new_lexicon_rereads_but_keeps_what_the_user_decided(
        self, session: Session, actor: Actor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Loves fishing and golf; doesn't drink.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        facts = {f.concept: f for f in session.scalars(select(Fact).where(Fact.contact_id == contact.id))}
        service.delete_fact(session, actor, contact_id=contact.id, fact_id=facts["golf"].id)
        service.correct_fact(session, actor, contact_id=contact.id, fact_id=facts["fishing"].id, concept="hiking")
        monkeypatch.setattr(service, "lexicon_version", lambda lexicon=None: "next-version")
        assert service.read_notes(session, actor, contact_ids=[contact.id]) == 1
        assert active(session, contact.id) == {("interest", "hiking"), ("restriction", "no_alcohol")}


class TestAddFact:
    def test_a_user_fact_is_resolved_to_a_concept(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        fact = service.add_fact(session, actor, contact_id=contact.id, kind="interest", concept="fly fishing rods")
        assert (fact.concept, fact.origin) == ("fishing", "manual")

    def test_a_lesson_from_a_refused_gift_becomes_a_status(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        fact = service.add_fact(session, actor, contact_id=contact.id, kind="restriction", concept="no-gifts",
                                source_text="gift #3 refused", observed_on=date(2026, 11, 1), confidence=0.9,
                                origin="outcome")
        assert (fact.kind, fact.concept, fact.origin) == ("status", "refuses_gifts", "outcome")

    def test_an_unknown_kind_is_one_clear_error(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="not a fact kind"):
            service.add_fact(session, actor, contact_id=contact.id, kind="hobby", concept="golf")


class TestUserDecisions:
    def test_a_correction_replaces_the_fact_and_is_audited(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Big golfer.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        golf = session.scalars(select(Fact).where(Fact.concept == "golf")).one()
        fixed = service.correct_fact(session, actor, contact_id=contact.id, fact_id=golf.id, kind="dislike")
        assert (fixed.kind, fixed.concept, fixed.origin) == ("dislike", "golf", "corrected")
        assert golf.status == "rejected"
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "fact.correct"))

    def test_confirm_marks_the_fact(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Loves tea.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        tea = session.scalars(select(Fact)).one()
        assert service.confirm_fact(session, actor, contact_id=contact.id, fact_id=tea.id).origin == "confirmed"

    def test_another_contacts_fact_is_not_found(self, session: Session, actor: Actor) -> None:
        mine = make_contact(session, actor, notes=[("2026-10-02", "Loves tea.")])
        other = make_contact(session, actor, name="李四")
        service.read_notes(session, actor, contact_ids=[mine.id])
        tea = session.scalars(select(Fact)).one()
        with pytest.raises(NotFound):
            service.delete_fact(session, actor, contact_id=other.id, fact_id=tea.id)

    def test_a_correction_needs_something_to_change(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Loves tea.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        tea = session.scalars(select(Fact)).one()
        with pytest.raises(Invalid, match="--kind or --concept"):
            service.correct_fact(session, actor, contact_id=contact.id, fact_id=tea.id)

    def test_a_correction_into_a_restriction_nothing_can_enforce_is_refused(
        self, session: Session, actor: Actor
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "Loves tea.")])
        service.read_notes(session, actor, contact_ids=[contact.id])
        tea = session.scalars(select(Fact)).one()
        with pytest.raises(Invalid) as refused:
            service.correct_fact(session, actor, contact_id=contact.id, fact_id=tea.id, kind="restriction",
                                 concept="zzz-unknown")
        assert refused.value.field == "concept"
        assert active(session, contact.id) == {("interest", "tea")}


class TestProfileApi:
    def test_profile_reads_notes_and_shows_sources(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en", notes=[("2026-11-01", "Loves fishing.")])
        session.commit()
        added = api.post(f"/contacts/{contact.id}/notes", json={"on": "2026-11-18", "text": "Caught a cold.",
                                                                "kind": "event"})
        assert added.status_code == 201
        body = api.get(f"/contacts/{contact.id}/profile", params={"as_of": "2026-11-20"}).json()
        assert [s["concept"] for s in body["interests"]] == ["fishing"]
        assert body["needs"][0]["concept"] == "cold_relief" and "Caught a cold" in body["needs"][0]["because"]
        assert {f["source_text"] for f in body["facts"]} >= {"Loves fishing", "Caught a cold"}

    def test_post_patch_delete_facts(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        session.commit()
        created = api.post(f"/contacts/{contact.id}/facts", json={"kind": "interest", "concept": "golf"})
        assert created.status_code == 201
        fact_id = created.json()["id"]
        patched = api.patch(f"/contacts/{contact.id}/facts/{fact_id}", json={"concept": "tennis"})
        assert patched.json()["concept"] == "tennis" and patched.json()["origin"] == "corrected"
        new_id = patched.json()["id"]
        assert api.delete(f"/contacts/{contact.id}/facts/{new_id}").json()["status"] == "rejected"
        assert api.get(f"/contacts/{contact.id}/profile").json()["facts"] == []

    def test_errors_are_problem_details(self, api: TestClient, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        session.commit()
        assert api.get("/contacts/999999/profile").status_code == 404
        bad = api.post(f"/contacts/{contact.id}/facts", json={"kind": "hobby", "concept": "golf"})
        assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
        assert api.patch(f"/contacts/{contact.id}/facts/123", json={"confirm": True}).status_code == 404


class TestProfileCli:
    def test_show_add_and_correct(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-10-02", "他对坚果过敏。")])
        session.commit()
        shown = cli.invoke(app, ["profile", str(contact.id)])
        assert shown.exit_code == 0 and "nut allergy" in shown.output
        added = cli.invoke(app, ["profile", str(contact.id), "--add", "interest:tea", "--format", "json"])
        assert added.exit_code == 0 and '"concept": "tea"' in added.output
        bad = cli.invoke(app, ["profile", str(contact.id), "--add", "tea"])
        assert bad.exit_code == 2 and "kind:concept" in bad.output
