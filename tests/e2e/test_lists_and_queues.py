"""Lists a rep or manager works from: gifts with filters, the approvals queue, the catalog, the users."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from playwright.sync_api import expect
from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_for_cli
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.gifts import Gift
from tests.e2e.conftest import Site
from tests.e2e.test_layout import PHONE, _shoot


class TestGiftList:
    def test_filter_by_status(self, tab: Any, site: Site) -> None:
        tab.goto("/app/gifts")
        assert tab.locator("#gifts tbody tr").count() >= 5
        tab.select_option("#gift-filters select[name=status]", "returned")
        tab.click("#gift-filters button")
        rows = tab.locator("#gifts tbody tr")
        expect(rows).to_have_count(2)
        assert all("被退回" in rows.nth(i).inner_text() for i in range(2))


class TestApprovals:
    def test_a_manager_approves_a_costly_gift_from_the_queue(self, tab: Any, site: Site, look: Session) -> None:
        admin = actor_for_cli(look)
        costly = gifts.plan_gift(look, admin, data=GiftCreate(
            contact_id=site.world.emily, description="Leather briefcase", item_kind="goods", cost=Decimal("1500"),
                currency="CNY"))
        look.commit()
        assert costly.needs_approval
        tab.set_viewport_size(PHONE)
        tab.goto("/app/approvals?lang=en")
        row = tab.locator(f"#approvals tr[data-gift='{costly.id}']")
        assert "1,500 CNY" in row.inner_text()
        _shoot(tab, "approvals-en-390")
        row.locator("button", has_text="Approve").click()
        assert "Approved" in tab.locator(".flash.ok").inner_text()
        expect(tab.locator(f"#approvals tr[data-gift='{costly.id}']")).to_have_count(0)
        look.expire_all()
        assert look.get(Gift, costly.id).status == "approved"  # type: ignore[union-attr]
        look.rollback()


class TestCatalogAndUsers:
    def test_catalog_search_in_both_languages(self, tab: Any, site: Site) -> None:
        tab.goto("/app/catalog?q=梨")
        assert "姥爷果园的秋月梨" in tab.locator("#catalog").inner_text()
        tab.goto("/app/catalog?q=pear&lang=en")
        assert "Pears from grandpa's orchard" in tab.locator("#catalog").inner_text()

    def test_an_admin_adds_a_rep_and_sees_the_token_once(self, tab: Any, site: Site) -> None:
        tab.goto("/app/users")
        tab.click("#add-user summary")
        tab.fill("#user-form input[name=username]", "mei")
        tab.fill("#user-form input[name=display_name]", "梅")
        tab.click("#user-form button[type=submit]")
        assert "mei" in tab.locator("#created").inner_text() and tab.locator("#created code").inner_text()
        assert "销售" in tab.locator("#users").inner_text()
