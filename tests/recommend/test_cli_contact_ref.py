"""A stored contact can be named the way salespeople name them: by id, email or name."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.core.actor import Actor


def _wang(session: Session, actor: Actor) -> int:
    from importlib import resources

    from giftwise.catalog import service as catalog

    shipped = resources.files("giftwise") / "data" / "catalog" / "catalog.json"
    catalog.import_catalog_file(session, actor, filename="catalog.json", content=shipped.read_bytes())
    wang = contacts.create_contact(session, actor, data=ContactCreate(name="王建国", email="wang@example.com"))
    contacts.add_note(session, actor, contact_id=wang.id, data=NoteCreate(text="聊天时他说周末都去钓鱼"))
    session.commit()
    return wang.id


class TestContactByName:
    def test_recommend_and_profile_accept_a_name_or_an_email(
        self, cli: CliRunner, session: Session, actor: Actor
    ) -> None:
        wang_id = _wang(session, actor)
        by_name = cli.invoke(app, ["recommend", "王建国", "--budget-max", "400", "--format", "json"])
        assert by_name.exit_code == 0, by_name.output
        assert json.loads(by_name.stdout)["contact_id"] == wang_id
        assert "fishing" in json.loads(by_name.stdout)["recommendations"][0]["item_id"]
        profile = cli.invoke(app, ["profile", "wang@example.com", "--format", "json"])
        assert profile.exit_code == 0, profile.output
        assert json.loads(profile.stdout)["contact_id"] == wang_id

    def test_an_unknown_name_is_one_clear_sentence(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        _wang(session, actor)
        result = cli.invoke(app, ["recommend", "李四"])
        assert result.exit_code == 3
        assert "No contact named '李四'" in result.output
        assert "Traceback" not in result.output
