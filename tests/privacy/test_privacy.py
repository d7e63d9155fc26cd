"""A person's data: export everything held about them, or erase it and keep only the fact."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.contacts.schemas import ContactCreate, ContactUpdate, NoteCreate
from giftwise.contacts.service import add_note, create_contact, update_contact
from giftwise.core.actor import Actor
from giftwise.core.errors import NotFound
from giftwise.models import Base
from giftwise.models.accounts import AuditEntry
from giftwise.models.contacts import Contact, Note
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift, GiftEvent
from giftwise.models.outcomes import Outcome
from giftwise.models.understanding import Fact
from giftwise.privacy.service import erase_contact, privacy_export

PERSONAL = ("王建国", "wang@secret.cn", "13800138000", "女儿", "深圳")


def _person(session: Session, actor: Actor, name: str, email: str, phone: str) -> int:
    """A contact with a note, a fact, a gift with its history, a touch and an outcome."""
    contact = create_contact(
        session, actor, data=ContactCreate(name=name, email=email, phone=phone, address="深圳市南山区")
    )
    update_contact(session, actor, contact_id=contact.id, data=ContactUpdate(role="采购总监"))
    note = add_note(session, actor, contact_id=contact.id, data=NoteCreate(text="女儿下个月结婚，喜欢普洱"))
    # Rows of other domains are set up directly: their services are not what is under test here.
    owner = actor.user_id
    gift = Gift(
        contact_id=contact.id, description="普洱茶饼", cost=Decimal("380"), planned_on=date(2026, 11, 1), owner_id=owner
    )
    fact = Fact(
        contact_id=contact.id, kind="interest", concept="tea", source_note_id=note.id, source_text="喜欢普洱",
        observed_on=date(2026, 11, 1),
    )  # fmt: skip
    session.add_all([gift, fact])
    session.flush()
    event = GiftEvent(gift_id=gift.id, from_status="planned", to_status="approved", on=date(2026, 11, 2))
    touch = Touch(
        contact_id=contact.id, gift_id=gift.id, purpose="delivery-check", due_on=date(2026, 11, 9), owner_id=owner
    )
    outcome = Outcome(contact_id=contact.id, on=date(2026, 11, 10), kind="reply", gift_id=gift.id, note="谢谢")
    session.add_all([event, touch, outcome])
    session.flush()
    return contact.id


@pytest.fixture
def people(session: Session, actor: Actor) -> tuple[int, int]:
    """(the person asking, someone else), both with a full history, committed."""
    asking = _person(session, actor, "王建国", "wang@secret.cn", "13800138000")
    other = _person(session, actor, "李娜", "li@else.cn", "13900139000")
    session.commit()
    return asking, other


class TestPrivacyExport:
    def test_holds_everything_about_the_person_and_nothing_else(
        self, session: Session, actor: Actor, people: tuple[int, int]
    ) -> None:
        asking, _ = people
        data = privacy_export(session, actor, contact_id=asking)
        assert data["contact"]["email"] == "wang@secret.cn"
        for table in ("notes", "facts", "gifts", "gift_events", "touches", "outcomes"):
            assert len(data[table]) == 1, table
        assert all(
            row.get("contact_id") in (None, asking) for rows in data.values() if isinstance(rows, list) for row in rows
        )
        assert data["gifts"][0]["cost"] == "380.00"
        json.dumps(data)  # everything is JSON-ready

    def test_is_recorded_in_the_audit(self, session: Session, actor: Actor, people: tuple[int, int]) -> None:
        privacy_export(session, actor, contact_id=people[0])
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "privacy-export")) is not None

    def test_unknown_contact_is_not_found(self, session: Session, actor: Actor) -> None:
        with pytest.raises(NotFound):
            privacy_export(session, actor, contact_id=404)


class TestEraseContact:
    def test_deletes_the_person_and_all_their_rows(
        self, session: Session, actor: Actor, people: tuple[int, int]
    ) -> None:
        asking, other = people
        report = erase_contact(session, actor, contact_id=asking)
        session.commit()
        assert report.deleted["notes"] == 1 and report.deleted["gift_events"] == 1
        for model in (Note, Fact, Gift, Touch, Outcome):
            assert session.scalar(select(func.count()).select_from(model).where(model.contact_id == asking)) == 0
            assert session.scalar(select(func.count()).select_from(model).where(model.contact_id == other)) == 1
        assert session.get(Contact, asking) is None and session.get(Contact, other) is not None
        assert session.scalar(select(func.count()).select_from(GiftEvent)) == 1

    def test_the_audit_keeps_the_fact_but_no_personal_data(
        self, session: Session, actor: Actor, people: tuple[int, int]
    ) -> None:
        asking, _ = people
        erase_contact(session, actor, contact_id=asking)
        session.commit()
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "contact", AuditEntry.entity_id == asking)
        ).all()
        assert {e.action for e in entries} >= {"create", "update", "erase"}
        dumped = json.dumps([[e.before, e.after] for e in entries], ensure_ascii=False)
        assert not any(secret in dumped for secret in PERSONAL)

    def test_every_table_about_a_contact_goes_with_it(self) -> None:
        # Erasure relies on the database: each foreign key to a contact must cascade or clear itself.
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table.name == "contacts":
                    assert fk.ondelete in ("CASCADE", "SET NULL"), f"{table.name}.{fk.parent.name}"


class TestPrivacyCommands:
    def test_export_prints_json_or_writes_a_file(self, cli: CliRunner, people: tuple[int, int], tmp_path: Path) -> None:
        result = cli.invoke(app, ["privacy", "export", "wang@secret.cn"])
        assert result.exit_code == 0 and json.loads(result.stdout)["contact"]["name"] == "王建国"
        out = tmp_path / "wang.json"
        assert cli.invoke(app, ["privacy", "export", "王建国", "-o", str(out)]).exit_code == 0
        assert json.loads(out.read_text(encoding="utf-8"))["notes"][0]["text"].startswith("女儿")

    def test_erase_needs_yes(self, cli: CliRunner, session: Session, people: tuple[int, int]) -> None:
        result = cli.invoke(app, ["privacy", "erase", str(people[0])])
        assert result.exit_code == 2 and "--yes" in result.output
        assert session.get(Contact, people[0]) is not None

    def test_erase(self, cli: CliRunner, people: tuple[int, int]) -> None:
        result = cli.invoke(app, ["privacy", "erase", "王建国", "--yes", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["deleted"]["contacts"] == 1
        again = cli.invoke(app, ["privacy", "erase", "王建国", "--yes"])
        assert again.exit_code == 3 and "No contact named" in again.output


class TestPrivacyRoutes:
    def test_export_and_erase(self, api: TestClient, people: tuple[int, int]) -> None:
        asking, other = people
        exported = api.post(f"/contacts/{asking}/privacy-export").json()
        assert exported["contact"]["name"] == "王建国" and len(exported["touches"]) == 1
        erased = api.delete(f"/contacts/{asking}")
        assert erased.status_code == 200 and erased.json()["deleted"]["outcomes"] == 1
        assert api.get(f"/contacts/{asking}").status_code == 404
        assert api.delete(f"/contacts/{asking}").status_code == 404
        assert api.get(f"/contacts/{other}").status_code == 200
