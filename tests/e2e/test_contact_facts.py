"""A rep confirms, corrects and deletes what giftwise read from a note, from the contact page, in zh and en,
on a desktop and on a phone; the note each fact came from is on the page, and a correction or a deletion
survives the note being read again."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.models.accounts import AuditEntry
from giftwise.models.readings import NoteReading
from giftwise.models.understanding import Fact
from giftwise.understanding.service import read_notes
from giftwise.workflows import note_steps
from tests.conftest import local_admin
from tests.e2e.conftest import Site, fits_the_screen
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

NOTE = "周末都去钓鱼。他戒酒三年了，滴酒不沾。"
SIZES = {"1366": DESKTOP, "390": PHONE}


def _contact_with_note(look: Session, name: str) -> int:
    """A new contact with one note read into facts (fishing, no alcohol), committed."""
    actor = local_admin(look)
    contact = contacts.create_contact(look, actor, data=ContactCreate(name=name))
    note_steps.add(look, actor, contact_id=contact.id, data=NoteCreate(text=NOTE))
    look.commit()
    return contact.id


def _fact(look: Session, contact_id: int, concept: str) -> Fact:
    return look.scalars(select(Fact).where(Fact.contact_id == contact_id, Fact.concept == concept)).one()


def _reread(look: Session, contact_id: int) -> None:
    """Read the contact's notes again, as a new lexicon version would."""
    look.execute(update(NoteReading).where(NoteReading.contact_id == contact_id).values(lexicon_version="old"))
    read_notes(look, local_admin(look), contact_ids=[contact_id])
    look.commit()


def _open(tab: Any, contact_id: int, lang: str, size: str) -> Any:
    tab.set_viewport_size(SIZES[size])
    tab.goto(f"/app/contacts/{contact_id}?lang={lang}")
    tab.evaluate("window.stillHere = true")  # gone if the page reloads
    return tab.locator("#facts li.fact-card")



@pytest.mark.parametrize(("lang", "size"), [("zh", "1366"), ("en", "390")])
def test_the_note_a_fact_came_from_is_shown_in_full(tab: Any, site: Site, look: Session, lang: str,
                                                     size: str) -> None:
    contact_id = _contact_with_note(look, f"看来源{lang}{size}")
    cards = _open(tab, contact_id, lang, size)
    fishing = tab.locator("#facts li[data-concept=fishing]")
    expect(fishing.locator(".source-note")).to_be_visible()
    assert fishing.locator(".source-note").inner_text().strip() == NOTE
    assert ("来自" if lang == "zh" else "From the note") in fishing.locator(".source").inner_text()
    expect(cards).to_have_count(2)
    assert fits_the_screen(tab)
    _shoot(tab, f"facts-source-{lang}-{size}")


@pytest.mark.parametrize(("lang", "size"), [("zh", "1366"), ("en", "390")])
def test_confirm_a_fact_in_place(tab: Any, site: Site, look: Session, lang: str, size: str) -> None:
    contact_id = _contact_with_note(look, f"确认{lang}{size}")
    _open(tab, contact_id, lang, size)
    tab.locator("#facts li[data-concept=fishing] form.confirm button").click()
    assert ("已确认" if lang == "zh" else "Confirmed") in tab.locator("#understood .flash.ok").inner_text()
    assert tab.evaluate("window.stillHere === true")  # HTMX swapped the profile part only
    tag = tab.locator("#facts li[data-concept=fishing] .tag.origin").inner_text()
    assert tag == ("已确认" if lang == "zh" else "Confirmed")
    assert fits_the_screen(tab)
    _shoot(tab, f"facts-confirmed-{lang}-{size}")
    fact = _fact(look, contact_id, "fishing")
    assert fact.origin == "confirmed"
    assert look.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == fact.id,
                                                        AuditEntry.entity == "fact")).all() == ["fact.confirm"]
    look.rollback()


@pytest.mark.parametrize(("lang", "size"), [("en", "1366"), ("zh", "390")])
def test_a_correction_wins_over_reading_the_note_again(tab: Any, site: Site, look: Session, lang: str,
                                                       size: str) -> None:
    contact_id = _contact_with_note(look, f"更正{lang}{size}")
    _open(tab, contact_id, lang, size)
    card = tab.locator("#facts li[data-concept=fishing]")
    card.locator("details.correct summary").click()
    card.locator("input[name=concept]").fill("golf")
    card.locator("form.correct-form button").click()
    assert ("Corrected" if lang == "en" else "已更正") in tab.locator("#understood .flash.ok").inner_text()
    assert tab.locator("#facts li[data-concept=golf] .source-note").inner_text().strip() == NOTE
    expect(tab.locator("#facts li[data-concept=fishing]")).to_have_count(0)
    assert fits_the_screen(tab)
    _shoot(tab, f"facts-corrected-{lang}-{size}")
    _reread(look, contact_id)
    tab.reload()
    expect(tab.locator("#facts li[data-concept=fishing]")).to_have_count(0)
    expect(tab.locator("#facts li[data-concept=golf]")).to_have_count(1)
    actions = look.scalars(select(AuditEntry.action).where(AuditEntry.action == "fact.correct",
                                                           AuditEntry.after["contact_id"].as_integer() == contact_id))
    assert list(actions) == ["fact.correct"]
    look.rollback()


@pytest.mark.parametrize(("lang", "size"), [("zh", "390"), ("en", "1366")])
def test_a_deleted_fact_stays_deleted(tab: Any, site: Site, look: Session, lang: str, size: str) -> None:
    contact_id = _contact_with_note(look, f"删除{lang}{size}")
    _open(tab, contact_id, lang, size)
    tab.locator("#facts li[data-concept=no_alcohol] form.delete button").click()
    assert ("已删除" if lang == "zh" else "Deleted") in tab.locator("#understood .flash.ok").inner_text()
    expect(tab.locator("#facts li[data-concept=no_alcohol]")).to_have_count(0)
    assert fits_the_screen(tab)
    _shoot(tab, f"facts-deleted-{lang}-{size}")
    _reread(look, contact_id)
    tab.reload()
    expect(tab.locator("#facts li[data-concept=no_alcohol]")).to_have_count(0)
    assert _fact(look, contact_id, "no_alcohol").status == "rejected"
    look.rollback()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_restriction_is_refused_beside_the_field_in_the_page_language(
    tab: Any, site: Site, look: Session, lang: str
) -> None:
    contact_id = _contact_with_note(look, f"拒绝{lang}")
    _open(tab, contact_id, lang, "390")
    card = tab.locator("#facts li[data-concept=fishing]")
    card.locator("details.correct summary").click()
    card.locator("select[name=kind]").select_option("restriction")
    card.locator("input[name=concept]").fill("zzz-unknown")
    card.locator("form.correct-form button").click()
    problem = tab.locator(f"#fact-{_fact(look, contact_id, 'fishing').id}-error-concept")
    look.rollback()
    problem.wait_for()
    text = problem.inner_text()
    assert "zzz-unknown" in text
    assert ("不认识" if lang == "zh" else "does not know") in text
    assert fits_the_screen(tab)
    _shoot(tab, f"facts-refused-{lang}-390")
    assert _fact(look, contact_id, "fishing").status == "active"
    look.rollback()
