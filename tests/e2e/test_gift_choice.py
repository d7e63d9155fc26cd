"""The recipient's gift-choice link, opened on a phone without signing in: accept, swap, decline, donate, expired."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_for_cli
from giftwise.core import clock
from giftwise.gifts import choice_service
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.catalog import CatalogItem
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift, GiftChoiceLink
from giftwise.models.understanding import Fact
from tests.e2e.conftest import E2E_TIMEOUT_MS, Site
from tests.e2e.test_layout import PHONE, _shoot


@pytest.fixture
def phone(browser: Any, site: Site) -> Iterator[Any]:
    """A phone browser with no credentials at all: the recipient is nobody we know."""
    context = browser.new_context(base_url=site.url, viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


def _offer(look: Session, contact_id: int, sku: str, alternatives: list[str], note: str = "") -> tuple[int, str]:
    """A planned gift of ``sku`` for the contact and a choice link offering ``alternatives``: (gift id, token)."""
    admin = actor_for_cli(look)
    gift = gifts.plan_gift(look, admin, data=GiftCreate(contact_id=contact_id, sku=sku, occasion="care"))
    _, token = choice_service.create_link(look, admin, gift_id=gift.id, alternative_skus=alternatives, note=note)
    look.commit()
    return gift.id, token


def _state(look: Session, gift_id: int) -> tuple[Gift, GiftChoiceLink]:
    look.expire_all()
    gift = look.get_one(Gift, gift_id)
    link = look.scalars(select(GiftChoiceLink).where(GiftChoiceLink.gift_id == gift_id)).one()
    return gift, link


class TestRecipientAnswers:
    def test_accept_in_chinese_confirms_the_address_and_clears_the_gift(
        self, phone: Any, site: Site, look: Session
    ) -> None:
        gift_id, token = _offer(look, site.world.wang, "fishing-reel", ["pear-orchard"], note="周末钓鱼用得上")
        phone.goto(f"/choice/{token}")
        assert phone.locator("html").get_attribute("lang") == "zh-CN"
        assert phone.locator("#gift-name").inner_text() == "纺车轮"
        assert "周末钓鱼" in phone.locator("#note").inner_text()
        body = phone.locator("body").inner_text()
        assert "Wang" not in body and "戒酒" not in body and "260" not in body  # nothing about him or our costs
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _shoot(phone, "choice-zh-390")
        phone.fill("#choose textarea[name=address]", "北京市朝阳区建国路 88 号")
        phone.click("#accept")
        assert "很快就会寄出" in phone.locator("#thanks").inner_text()
        gift, link = _state(look, gift_id)
        assert (gift.status, link.answer, link.address) == ("approved", "accept", "北京市朝阳区建国路 88 号")
        touch = look.scalars(select(Touch).where(Touch.gift_id == gift_id, Touch.purpose == "choice-thanks")).one()
        assert touch.due_on == clock.today() and "谢谢" in touch.script
        look.rollback()
        phone.goto(f"/choice/{token}")  # single answer: the link now says it was used
        assert "已经用过" in phone.locator("#unusable").inner_text() and "纺车轮" not in phone.content()

    def test_swap_in_english_changes_the_gift_and_redrafts_its_story(
        self, phone: Any, site: Site, look: Session
    ) -> None:
        gift_id, token = _offer(look, site.world.emily, "fishing-reel", ["pear-orchard"])
        phone.goto(f"/choice/{token}")
        assert phone.locator("html").get_attribute("lang") == "en"
        phone.click("label[data-sku='pear-orchard']")
        phone.click("#accept")
        assert "The one you chose" in phone.locator("#thanks").inner_text()
        gift, link = _state(look, gift_id)
        pears = look.scalars(select(CatalogItem).where(CatalogItem.sku == "pear-orchard")).one()
        assert (gift.item_id, gift.cost, link.answer) == (pears.id, Decimal("168.00"), "swap")
        assert "Pears" in gift.story
        look.rollback()

    def test_decline_with_a_reason_becomes_a_fact_on_the_profile(
        self, phone: Any, site: Site, look: Session
    ) -> None:
        gift_id, token = _offer(look, site.world.li, "fishing-reel", [])
        phone.goto(f"/choice/{token}")
        phone.click("#other-answers summary")
        phone.fill("#decline input[name=reason]", "我不钓鱼")
        phone.click("#decline button")
        assert "谢谢您告诉我们" in phone.locator("#thanks").inner_text()
        gift, link = _state(look, gift_id)
        assert (gift.status, link.answer, link.reason) == ("cancelled", "decline", "我不钓鱼")
        facts = look.scalars(select(Fact).where(Fact.contact_id == site.world.li, Fact.origin == "gift-choice")).all()
        assert [f.kind for f in facts] == ["dislike"] and facts[0].source_text == "我不钓鱼"
        look.rollback()

    def test_donate_cancels_the_gift_and_schedules_the_receipt(self, phone: Any, site: Site, look: Session) -> None:
        gift_id, token = _offer(look, site.world.anna, "fishing-reel", [])
        phone.goto(f"/choice/{token}")
        phone.click("#other-answers summary")
        phone.click("#donate button")
        assert "donation in your name" in phone.locator("#thanks").inner_text()
        gift, link = _state(look, gift_id)
        assert (gift.status, link.answer) == ("cancelled", "donate")
        touch = look.scalars(select(Touch).where(Touch.gift_id == gift_id)).one()
        assert touch.purpose == "donation-receipt" and touch.due_on == clock.today() + timedelta(days=3)
        look.rollback()


class TestLinksThatCannotBeUsed:
    @pytest.mark.parametrize(("who", "said"), [("wang", "已过期"), ("emily", "has expired")])
    def test_an_expired_link_says_so_in_the_recipients_language_and_nothing_else(
        self, phone: Any, site: Site, look: Session, who: str, said: str
    ) -> None:
        gift_id, token = _offer(look, getattr(site.world, who), "pear-orchard", [])
        _, link = _state(look, gift_id)
        link.expires_at = clock.now() - timedelta(minutes=1)
        look.commit()
        response = phone.goto(f"/choice/{token}")
        assert response.status == 410 and said in phone.locator("#unusable").inner_text()
        page = phone.content()
        assert "梨" not in page and "Pear" not in page and "王建国" not in page and "Emily" not in page
        _shoot(phone, f"choice-expired-{who}-390")

    def test_a_forged_token_is_not_found(self, phone: Any) -> None:
        response = phone.goto("/choice/not-a-real-token-at-all")
        assert response.status == 404
        expect(phone.locator("#unusable")).to_be_visible()


class TestTheRepOffersTheChoice:
    def test_tick_an_alternative_and_get_the_link_once(self, tab: Any, site: Site, look: Session) -> None:
        admin = actor_for_cli(look)
        gift = gifts.plan_gift(look, admin, data=GiftCreate(contact_id=site.world.wang, sku="fishing-reel",
                                                             occasion="care"))
        look.commit()
        tab.goto(f"/app/gifts/{gift.id}")
        tab.locator("#choice-offer input[type=checkbox]").first.check()
        tab.fill("#choice-offer textarea[name=note]", "挑一个喜欢的")
        tab.click("#choice-offer button")
        url = tab.locator("#choice-link").inner_text()
        assert "/choice/" in url
        _, link = _state(look, gift.id)
        assert url.rsplit("/", 1)[1] not in link.token_hash and len(link.alternative_ids) == 1  # stored hashed
        look.rollback()
        tab.goto(f"/app/gifts/{gift.id}")
        expect(tab.locator("#choice-waiting")).to_be_visible()
        expect(tab.locator("#choice-link")).to_have_count(0)
