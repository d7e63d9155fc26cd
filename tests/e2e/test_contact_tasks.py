"""A rep's contact work from the browser: add, edit, plan a suggested or described gift, export and erase."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift
from tests.e2e.conftest import Site
from tests.e2e.test_layout import PHONE, _shoot


class TestAddAndEdit:
    def test_add_a_contact_on_a_phone(self, tab: Any, site: Site, look: Session) -> None:
        tab.set_viewport_size(PHONE)
        tab.goto("/app/contacts")
        tab.click("#add-contact summary")
        tab.fill("#add-form input[name=name]", "赵敏")
        tab.fill("#add-form input[name=role]", "采购经理")
        tab.fill("#add-form input[name=phone]", "13800138000")
        tab.click("#add-form button[type=submit]")
        assert "联系人已添加" in tab.locator(".flash.ok").inner_text()
        assert tab.locator("h1").inner_text().startswith("赵敏")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _shoot(tab, "contact-added-zh-390")
        assert look.scalars(select(Contact.role).where(Contact.name == "赵敏")).one() == "采购经理"
        look.rollback()

    def test_a_bad_email_is_refused_beside_the_field_in_english(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/contacts/{site.world.emily}?lang=en")
        tab.click("#edit-contact summary")
        tab.fill("#edit-form input[name=email]", "not-an-email")
        tab.click("#edit-form button[type=submit]")
        expect(tab.locator("#edit-error-email")).to_be_visible()
        assert "value is not" not in tab.locator("#edit-error-email").inner_text()

    def test_edit_a_role(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto(f"/app/contacts/{site.world.emily}?lang=en")
        tab.click("#edit-contact summary")
        tab.fill("#edit-form input[name=role]", "Head of purchasing")
        tab.click("#edit-form button[type=submit]")
        assert "Details saved" in tab.locator(".flash.ok").inner_text()
        assert look.get(Contact, site.world.emily).role == "Head of purchasing"  # type: ignore[union-attr]
        look.rollback()


class TestPlanFromSuggestion:
    def test_plan_the_first_suggestion_opens_the_gift_with_story_and_card(
        self, tab: Any, site: Site, look: Session
    ) -> None:
        tab.goto(f"/app/contacts/{site.world.wang}?occasion=care")
        first = tab.locator("#recommendations tbody tr").first
        sku = first.get_attribute("data-item")
        first.locator("button", has_text="计划这份礼物").click()
        assert "故事和卡片已起草" in tab.locator(".flash.ok").inner_text()
        assert tab.locator("#status").inner_text() == "已计划"
        assert tab.locator("#story").inner_text().strip() and tab.locator("#card").inner_text().strip()
        gift_id = int(tab.url.rsplit("/", 1)[1].split("?")[0])
        gift = look.get(Gift, gift_id)
        assert gift is not None and gift.occasion == "care" and gift.contact_id == site.world.wang
        assert look.get(CatalogItem, gift.item_id).sku == sku  # type: ignore[union-attr]
        look.rollback()


class TestPlanOwnGift:
    def test_a_described_gift_needs_its_kind_then_plans_with_it(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto(f"/app/contacts/{site.world.wang}")
        tab.click("#plan-own summary")
        tab.fill("#plan-own input[name=description]", "家乡的新茶")
        tab.fill("#plan-own input[name=cost]", "120")
        tab.click("#plan-own button[type=submit]")
        assert "券卡" in tab.locator("#error-item_kind").inner_text()
        tab.fill("#plan-own input[name=description]", "家乡的新茶")
        tab.fill("#plan-own input[name=cost]", "120")
        tab.select_option("#plan-own select[name=item_kind]", "drink")
        tab.click("#plan-own button[type=submit]")
        assert tab.locator("#status").inner_text() == "已计划"
        gift = look.get(Gift, int(tab.url.rsplit("/", 1)[1].split("?")[0]))
        assert gift is not None and gift.item_kind == "drink" and gift.description == "家乡的新茶"
        look.rollback()


class TestPrivacy:
    def test_export_then_erase_after_typing_the_name(self, tab: Any, site: Site, look: Session) -> None:
        zhang = look.scalars(select(Contact.id).where(Contact.name == "张伟")).one()
        look.rollback()
        tab.goto(f"/app/contacts/{zhang}")
        with tab.expect_download() as download:
            tab.locator("#privacy button", has_text="导出").click()
        exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert exported["contact"]["name"] == "张伟"
        tab.fill("#privacy input[name=confirm]", "张")
        tab.click("#privacy button.danger")
        assert "张伟" in tab.locator("#error-confirm").inner_text()
        tab.fill("#privacy input[name=confirm]", "张伟")
        tab.click("#privacy button.danger")
        assert "全部资料已删除" in tab.locator(".flash.ok").inner_text()
        assert look.get(Contact, zhang) is None
        look.rollback()


class TestFactSources:
    def test_a_tap_on_a_fact_shows_the_note_it_came_from_on_a_phone(self, tab: Any, site: Site) -> None:
        tab.set_viewport_size(PHONE)
        tab.goto(f"/app/contacts/{site.world.wang}")
        fact = tab.locator("#profile details.fact").first
        expect(fact.locator(".because")).to_be_hidden()
        fact.locator("summary").click()
        assert fact.locator(".because").inner_text().strip()
