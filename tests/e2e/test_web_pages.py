"""The web pages as a person uses them, in a real headless Chromium."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, NoteCreate, OrganizationCreate
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.followups import service as followups
from giftwise.followups.schemas import TouchCreate


def _book(session: Session, actor: Actor) -> int:
    """A small book: two contacts, a note, and a call that was due two days ago."""
    org = contacts.create_organization(session, actor, data=OrganizationCreate(name="宏达机械"))
    wang = contacts.create_contact(
        session, actor, data=ContactCreate(name="王建国", name_latin="Wang Jianguo", organization_id=org.id)
    )
    contacts.create_contact(session, actor, data=ContactCreate(name="Emily Carter", language="en"))
    contacts.add_note(session, actor, contact_id=wang.id, data=NoteCreate(text="周末都去钓鱼。"))
    two_days_ago = clock.today() - timedelta(days=2)
    with clock.frozen_at(two_days_ago):
        followups.create_touch(
            session, actor,
            data=TouchCreate(contact_id=wang.id, purpose="keep-in-touch", channel="call",
                             due_on=two_days_ago, script="问问钓鱼的收获"),
        )
    session.commit()
    return wang.id


@pytest.mark.usefixtures("frozen_clock")
class TestDashboard:
    def test_agenda_shows_the_overdue_call(self, page: Any, session: Session, actor: Actor, tmp_path: Path) -> None:
        _book(session, actor)
        page.goto("/")
        assert page.locator("#count-overdue").inner_text() == "1"
        row = page.locator("tr[data-touch]").first
        assert "王建国" in row.inner_text()
        assert "逾期 2 天" in row.inner_text()
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    def test_language_switch_to_english_sticks(self, page: Any, session: Session, actor: Actor) -> None:
        _book(session, actor)
        page.goto("/app")
        page.click("text=English")
        assert page.locator("header nav").inner_text().startswith("Agenda")
        page.click("header nav >> text=Contacts")
        assert page.locator("h1").inner_text().startswith("Contacts")


@pytest.mark.usefixtures("frozen_clock")
class TestContacts:
    def test_search_in_pinyin_then_open_and_add_a_note(self, page: Any, session: Session, actor: Actor) -> None:
        wang_id = _book(session, actor)
        page.goto("/app/contacts")
        assert page.locator("#total").inner_text() == "(2)"
        page.fill("input[name=q]", "wang")
        page.click("form.inline button")
        expect(page.locator("#contacts tbody tr")).to_have_count(1)
        page.click("text=王建国")
        assert page.url.endswith(f"/app/contacts/{wang_id}")
        page.fill("textarea[name=text]", "最近在减肥，晚上不吃饭。")
        page.select_option("select[name=channel]", "meeting")
        page.click("text=添加笔记")
        assert "笔记已保存" in page.locator(".flash.ok").inner_text()
        assert "最近在减肥" in page.locator("#notes").inner_text()
        assert contacts.list_notes(session, actor, contact_id=wang_id).total == 2

    def test_an_empty_note_is_refused_with_a_message_and_nothing_saved(
        self, page: Any, session: Session, actor: Actor
    ) -> None:
        wang_id = _book(session, actor)
        page.goto(f"/app/contacts/{wang_id}")
        page.click("text=添加笔记")
        assert page.locator("#error-text").inner_text() == "笔记不能为空。"  # beside the field, in the page's language
        session.expire_all()
        assert contacts.list_notes(session, actor, contact_id=wang_id).total == 1

    def test_unknown_contact_is_a_404(self, page: Any, session: Session, actor: Actor) -> None:
        response = page.goto("/app/contacts/999")
        assert response.status == 404


@pytest.mark.usefixtures("frozen_clock")
class TestSuggestedGifts:
    def test_a_fishing_lover_gets_fishing_gear_with_the_reason_and_no_alcohol_when_sober(
        self, page: Any, session: Session, actor: Actor, tmp_path: Path
    ) -> None:
        from giftwise.catalog import service as catalog

        shipped = resources.files("giftwise") / "data" / "catalog" / "catalog.json"
        catalog.import_catalog_file(session, actor, filename="catalog.json", content=shipped.read_bytes())
        wang_id = _book(session, actor)
        contacts.add_note(session, actor, contact_id=wang_id, data=NoteCreate(text="他戒酒三年了，滴酒不沾。"))
        session.commit()
        page.goto(f"/app/contacts/{wang_id}")
        page.fill("input[name=budget]", "500")
        page.click("text=推荐")
        first = page.locator("#recommendations tbody tr").first
        assert "fishing" in (first.get_attribute("data-item") or "")
        assert "钓鱼" in first.inner_text()
        shown = [row.get_attribute("data-item") for row in page.locator("#recommendations tbody tr").all()]
        assert not {"moutai", "red-wine", "whisky", "craft-beer"} & set(shown)
        assert page.locator("#profile .tag.restriction").count() >= 1
        page.screenshot(path=str(tmp_path / "contact.png"), full_page=True)

    def test_family_and_pets_show_in_their_own_group(self, page: Any, session: Session, actor: Actor) -> None:
        wang_id = _book(session, actor)
        dog = NoteCreate(text="他家养了一只金毛，天天带着去公园。")
        contacts.add_note(session, actor, contact_id=wang_id, data=dog)
        session.commit()
        page.goto(f"/app/contacts/{wang_id}")
        assert "家人与宠物" in page.locator("#profile").inner_text()
