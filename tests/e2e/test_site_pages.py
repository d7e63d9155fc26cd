"""The ledger, campaign, gift, dispute and agenda pages as a person uses them, on one shared book."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from tests.e2e.conftest import Site


def _shoot(page: Any, site: Site, name: str) -> None:
    """Keep a full-page screenshot to look at, when GIFTWISE_E2E_SHOTS names a folder (they take time)."""
    if os.environ.get("GIFTWISE_E2E_SHOTS"):
        page.screenshot(path=str(site.shots / f"{name}.png"), full_page=True)


def _pages(site: Site) -> dict[str, str]:
    w = site.world
    return {"agenda": "/app", "contact": f"/app/contacts/{w.wang}", "ledger": "/app/ledger",
            "campaigns": "/app/campaigns", "campaign": f"/app/campaigns/{w.campaign}",
            "gift": f"/app/gifts/{w.pear_gift}", "disputes": "/app/disputes", "dispute": f"/app/disputes/{w.dispute}"}


class TestEveryPageInBothLanguages:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_each_page_renders_in_the_chosen_language(self, tab: Any, site: Site, lang: str) -> None:
        for name, path in _pages(site).items():
            response = tab.goto(f"{path}?lang={lang}")
            assert response.status == 200, name
            assert tab.locator("html").get_attribute("lang") == ("zh-CN" if lang == "zh" else "en")
            _shoot(tab, site, f"{name}-{lang}")


def _image_loaded(page: Any, selector: str) -> bool:
    """True once the chart image has arrived and decoded (a broken image has no width)."""
    page.wait_for_function("s => { const i = document.querySelector(s); return i && i.complete; }", arg=selector)
    return bool(page.eval_on_selector(selector, "img => img.naturalWidth > 200"))


class TestContactProfileLanguage:
    @pytest.mark.parametrize(("lang", "word"), [("zh", "钓鱼"), ("en", "fishing")])
    def test_profile_labels_follow_the_page_language(self, tab: Any, site: Site, lang: str, word: str) -> None:
        tab.goto(f"/app/contacts/{site.world.wang}?lang={lang}")
        assert word in tab.locator("#profile").inner_text().lower()


class TestLedgerPage:
    def test_drain_books_roi_with_its_rule_and_charts(self, tab: Any, site: Site) -> None:
        tab.goto("/app/ledger")
        drain = tab.locator(f"#drains [data-contact='{site.world.li}']")
        assert "2次被退回" in drain.inner_text() and "暂停" in drain.inner_text()
        wang = tab.locator(f"#books tr[data-contact='{site.world.wang}']").inner_text()
        assert "20,000" in wang and "10,000" in wang  # the October order, half of it attributed to the pears
        assert "+5852%" in wang
        for by in ("kind", "category", "occasion"):
            rule = tab.locator(f"#roi-{by} + p.rule").inner_text()
            assert "90天" in rule and "50%" in rule
        assert tab.locator("#roi-category tr[data-group='tea']").inner_text().rstrip().endswith("67%")
        assert _image_loaded(tab, "#chart-spend") and _image_loaded(tab, "#chart-roi")

    def test_english_words_follow_the_page(self, tab: Any, site: Site) -> None:
        tab.goto("/app/ledger?lang=en")
        assert "2 returned" in tab.locator(f"#drains [data-contact='{site.world.li}']").inner_text()
        assert "90 days" in tab.locator("#roi-kind + p.rule").inner_text()

    def test_a_backwards_period_is_one_sentence(self, tab: Any) -> None:
        response = tab.goto("/app/ledger?since=2026-11-10&until=2026-10-01")
        assert response.status == 422
        assert "请交换或修正日期" in tab.locator(".flash.error").inner_text()  # in the page's language


class TestCampaignPages:
    def test_list_shows_progress_and_spend(self, tab: Any, site: Site) -> None:
        tab.goto("/app/campaigns")
        row = tab.locator(f"tr[data-campaign='{site.world.campaign}']").inner_text()
        assert "年底拜访" in row and "1 / 2" in row and "168 CNY / 2,000 CNY" in row

    def test_one_campaign_goal_checkpoints_lift_corrections_charts(self, tab: Any, site: Site) -> None:
        tab.goto("/app")
        tab.click("header nav >> text=活动")
        tab.click("text=年底拜访")
        assert "聊明年的采购计划" in tab.locator("#goal").inner_text()
        metric = tab.locator("#metric").inner_text()
        assert "30 天内" in metric and "4 位联系人中有 2 位" in metric
        assert tab.locator("#achieved").inner_text() == "1 / 2"
        assert "预算 2,000" in tab.locator(".card", has=tab.locator("#spent")).inner_text()
        assert "未达标" in tab.locator("#checkpoints").inner_text()
        assert "95%" in tab.locator("#interval").inner_text()
        corrections = tab.locator("#corrections").inner_text()
        assert "对此人暂停" in corrections and "李娜" in corrections
        assert _image_loaded(tab, "#chart-funnel") and _image_loaded(tab, "#chart-progress")


class TestGiftPage:
    def test_contact_gift_row_opens_its_life_story_card_and_touches(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/contacts/{site.world.wang}")
        tab.click(f"#gifts tr[data-gift='{site.world.pear_gift}'] a")
        assert tab.url.endswith(f"/app/gifts/{site.world.pear_gift}")
        assert tab.locator("#status").inner_text() == "已送达"
        expect(tab.locator("#events tbody tr")).to_have_count(4)
        assert "这梨是我姥爷种的" in tab.locator("#story").inner_text()
        assert "王建国" in tab.locator("#card").inner_text()
        assert "回应机会" in tab.locator("#gift-touches").inner_text()

    def test_a_button_moves_the_gift_on(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto(f"/app/gifts/{site.world.emily_gift}")
        tab.click("button[value=shipped]")
        assert "已发出" in tab.locator(".flash.ok").inner_text()  # waits for the page after the post
        assert tab.locator("#status").inner_text() == "已发出"
        assert "已下单 → 已发出" in tab.locator("#events").inner_text()
        assert look.get(Gift, site.world.emily_gift).status == "shipped"  # type: ignore[union-attr]

    def test_a_future_date_is_refused_in_one_sentence_and_nothing_changes(
        self, tab: Any, site: Site, look: Session
    ) -> None:
        tab.goto(f"/app/gifts/{site.world.pear_gift}")
        tab.fill("input[name=on]", "2026-12-24")
        tab.click("button[value=acknowledged]")
        assert "未来的日期" in tab.locator(".flash.error").inner_text()  # the page's language
        assert tab.locator("#status").inner_text() == "已送达"
        gift = look.get(Gift, site.world.pear_gift)
        assert gift is not None and gift.status == "delivered" and gift.acknowledged_on is None


class TestTouchesOnTheAgenda:
    def test_mark_a_call_done_with_result_and_minutes(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto("/app")
        before = int(tab.locator("#count-overdue").inner_text())
        row = tab.locator(f"tr[data-touch='{site.world.overdue_call}']")
        row.locator("input[name=result]").fill("钓到一条大鲤鱼，约了下周喝茶")
        row.locator("input[name=minutes]").fill("25")
        row.locator("button", has_text="完成").click()
        assert "已标记完成" in tab.locator(".flash.ok").inner_text()
        assert int(tab.locator("#count-overdue").inner_text()) == before - 1
        touch = look.get(Touch, site.world.overdue_call)
        assert touch is not None and (touch.status, touch.minutes_spent) == ("done", 25)
        assert touch.result == "钓到一条大鲤鱼，约了下周喝茶"

    def test_snooze_moves_a_touch_to_the_next_days(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto("/app")
        row = tab.locator(f"tr[data-touch='{site.world.today_message}']")
        row.locator("select[name=days]").select_option("3")
        row.locator("button", has_text="推迟").click()
        assert "已推迟" in tab.locator(".flash.ok").inner_text()
        assert tab.locator(f"tr[data-touch='{site.world.today_message}']").inner_text().startswith("2026-11-23")
        touch = look.get(Touch, site.world.today_message)
        assert touch is not None and str(touch.due_on) == "2026-11-23" and touch.status == "open"

    def test_done_without_a_result_says_why_and_keeps_the_touch_open(self, tab: Any, look: Session) -> None:
        tab.goto("/app?lang=en")
        row = tab.locator("tr[data-touch]").first
        touch_id = int(row.get_attribute("data-touch"))
        row.locator("button", has_text="Done").click()
        assert "Say how the touch went" in row.locator(".field-error").inner_text()  # beside the result field
        touch = look.get(Touch, touch_id)
        assert touch is not None and touch.status == "open"


class TestDisputePages:
    def test_list_shows_the_claim_and_the_advice(self, tab: Any, site: Site) -> None:
        tab.goto("/app/disputes?lang=en")
        row = tab.locator(f"tr[data-dispute='{site.world.dispute}']").inner_text()
        assert "Anna Keller" in row and "short by 2" in row and "resend plus a surprise" in row

    def test_claim_evidence_advice_break_even_and_reply_in_the_clients_language(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/disputes/{site.world.dispute}")
        assert "少了2件" in tab.locator("h1").inner_text()
        assert "Only 20 bags arrived" in tab.locator("#client-words").inner_text()
        evidence = tab.locator("#evidence").inner_text()
        assert "6.6 kg" in evidence and "校验一致" in evidence and "Counted twice" in evidence
        assert tab.locator("#recommended").inner_text() == "补发并附赠惊喜"
        assert tab.locator("#break-even").inner_text().endswith("CNY")
        assert "1,900" in tab.locator("#figures tr[data-figure='order_value']").inner_text()
        assert "建议" in tab.locator("#explanation li").last.inner_text()
        reply = tab.locator("#reply")
        assert reply.get_attribute("lang") == "en" and reply.inner_text().startswith("Dear Anna Keller")
        assert "语气平和" in tab.locator("#calm").inner_text()
