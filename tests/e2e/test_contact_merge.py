"""A rep finds likely duplicate contacts and folds one into the other from the browser, in zh and en, on a
desktop and on a phone: the folded contact's notes and facts are on the kept contact's page afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.models.accounts import AuditEntry
from giftwise.models.contacts import Contact
from giftwise.workflows import contact_steps, note_steps
from tests.conftest import local_admin
from tests.e2e.conftest import Site, fits_the_screen
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

SIZES = {"1366": DESKTOP, "390": PHONE}


def _twins(look: Session, name: str, base: int) -> tuple[int, int]:
    """Two contacts of one name and no organization, told apart only by their phones; the second has a note."""
    actor = local_admin(look)
    kept = contacts.create_contact(look, actor, data=ContactCreate(name=name, phone=f"13{base:09d}"))
    folded = contacts.create_contact(look, actor, data=ContactCreate(name=name, phone=f"13{base + 1:09d}",
                                                                     email=f"{base}@example.cn"))
    note_steps.add(look, actor, contact_id=folded.id, data=NoteCreate(text=f"{name}周末都去钓鱼。"))
    look.commit()
    return kept.id, folded.id



@pytest.mark.parametrize(("lang", "size", "base"), [("zh", "1366", 5000), ("en", "390", 6000)])
def test_fold_a_duplicate_into_the_contact_kept(tab: Any, site: Site, look: Session, lang: str, size: str,
                                                base: int) -> None:
    kept, folded = _twins(look, f"重名{lang}{size}", base)
    tab.set_viewport_size(SIZES[size])
    tab.goto(f"/app/contacts?lang={lang}")
    tab.click("#duplicates-link")
    pair = tab.locator(f"section[data-pair='{kept}-{folded}']")
    why = pair.locator(".why").inner_text()
    assert ("名字相同，单位也相同" if lang == "zh" else "Same name, same organization") in why
    assert f"{base}@example.cn" in pair.inner_text()
    assert fits_the_screen(tab)
    _shoot(tab, f"duplicates-{lang}-{size}")
    pair.locator(f"form.merge[data-keep='{kept}'] button").click()
    assert ("已合并" if lang == "zh" else "Merged") in tab.locator(".flash.ok").inner_text()
    assert tab.url.split("?")[0].endswith(f"/app/contacts/{kept}")
    assert "周末都去钓鱼" in tab.locator("#notes").inner_text()
    expect(tab.locator("#facts li[data-concept=fishing]")).to_have_count(1)
    assert fits_the_screen(tab)
    _shoot(tab, f"merged-{lang}-{size}")
    assert look.get(Contact, folded) is None
    shown = look.get(Contact, kept)
    assert shown is not None and shown.email == f"{base}@example.cn"
    assert look.scalars(select(AuditEntry.action).where(AuditEntry.entity == "contact", AuditEntry.entity_id == kept,
                                                        AuditEntry.action == "merge")).all() == ["merge"]
    look.rollback()
    tab.goto("/app/contacts/duplicates")
    expect(tab.locator(f"section[data-pair='{kept}-{folded}']")).to_have_count(0)


@pytest.mark.parametrize(("lang", "base"), [("zh", 7000), ("en", 8000)])
def test_a_pair_merged_meanwhile_is_refused_on_the_page_in_its_language(tab: Any, site: Site, look: Session,
                                                                        lang: str, base: int) -> None:
    kept, folded = _twins(look, f"已合并{lang}", base)
    tab.set_viewport_size(PHONE)
    tab.goto(f"/app/contacts/duplicates?lang={lang}")
    contact_steps.merge(look, local_admin(look), keep_id=kept, drop_id=folded)
    look.commit()
    tab.locator(f"section[data-pair='{kept}-{folded}'] form.merge[data-keep='{kept}'] button").click()
    problem = tab.locator("#merge-error")
    assert str(folded) in problem.inner_text()
    assert ("联系人" if lang == "zh" else "contact") in problem.inner_text()
    assert tab.locator("h1").inner_text().startswith("可能重复" if lang == "zh" else "Likely duplicates")
    assert fits_the_screen(tab)
    _shoot(tab, f"merge-refused-{lang}-390")
