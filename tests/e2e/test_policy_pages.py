"""The gift policy and the message templates from the browser: everyone reads them, an admin changes them
(checked first, a clear error in the page's language, audited), a rep only reads. zh and en, 1366 and 390 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.compliance.policy import load_policy
from giftwise.core import templating
from giftwise.models.accounts import AuditEntry
from tests.e2e.conftest import Site, fits_the_screen, rep_tab_in
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

WIDTHS = {"390": PHONE, "1366": DESKTOP}



@pytest.fixture
def rep_tab(browser: Any, site: Site, look: Session) -> Iterator[Any]:
    """A browser tab acting as a rep, on a phone."""
    yield from rep_tab_in(browser, site, look, PHONE, mobile=True)


class TestPolicy:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("width", ["390", "1366"])
    def test_the_policy_reads_with_its_currency_and_fits(self, tab: Any, site: Site, lang: str, width: str) -> None:
        tab.set_viewport_size(WIDTHS[width])
        tab.goto(f"/app/policy?lang={lang}")
        officials = tab.locator("#groups tr[data-group='public_official']").inner_text()
        assert ("公职人员" if lang == "zh" else "public officials") in officials.lower()
        assert "200 CNY" in officials or "200.00 CNY" in officials
        assert ("现金" if lang == "zh" else "cash") in tab.locator("#banned-everyone").inner_text().lower()
        tab.click("#edit-policy summary")
        assert fits_the_screen(tab)
        _shoot(tab, f"policy-{lang}-{width}")

    def test_an_admin_lowers_the_approval_threshold(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto("/app/policy")
        tab.click("#edit-policy summary")
        tab.fill("#policy-form input[name='everyone.approval_above']", "800")
        tab.click("#policy-form button[type=submit]")
        assert "政策已保存" in tab.locator("#saved").inner_text()
        assert "800" in tab.locator("#groups tr[data-group='everyone']").inner_text()
        assert load_policy().groups["everyone"].approval_above == 800
        assert look.scalars(select(AuditEntry).where(AuditEntry.action == "compliance.policy")).first() is not None
        look.rollback()

    @pytest.mark.parametrize(("lang", "words"), [("zh", "需要审批的金额不能高于单件礼物上限"),
                                                 ("en", "approval threshold cannot be above the per-gift cap")])
    def test_a_threshold_above_the_cap_is_refused_in_the_page_language(
        self, tab: Any, site: Site, lang: str, words: str
    ) -> None:
        cap = load_policy().groups["state_owned"].per_gift_cap
        tab.goto(f"/app/policy?lang={lang}")
        tab.click("#edit-policy summary")
        tab.fill("#policy-form input[name='state_owned.approval_above']", "999")
        tab.click("#policy-form button[type=submit]")
        assert words in tab.locator("#error-state_owned").inner_text()
        assert tab.locator("#policy-form input[name='state_owned.approval_above']").input_value() == "999"
        assert load_policy().groups["state_owned"].per_gift_cap == cap
        assert load_policy().groups["state_owned"].approval_above != 999

    def test_a_negative_amount_is_refused_beside_its_field(self, tab: Any, site: Site) -> None:
        tab.goto("/app/policy")
        tab.click("#edit-policy summary")
        tab.fill("#policy-form input[name=repeat_window_days]", "-5")
        tab.click("#policy-form button[type=submit]")
        error = tab.locator("#error-repeat_window_days").inner_text()
        assert "不重复送的天数" in error and "greater" not in error

    def test_a_rep_reads_the_policy_but_cannot_change_it(self, rep_tab: Any, site: Site) -> None:
        rep_tab.goto("/app/policy")
        expect(rep_tab.locator("#read-only")).to_be_visible()
        expect(rep_tab.locator("#policy-form")).to_have_count(0)
        response = rep_tab.request.post(f"{site.url}/app/policy", form={"repeat_window_days": "1"})
        assert response.status == 403 and "<html" in response.text()


class TestTemplates:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("width", ["390", "1366"])
    def test_the_templates_list_and_one_template_fit(self, tab: Any, site: Site, lang: str, width: str) -> None:
        tab.set_viewport_size(WIDTHS[width])
        tab.goto(f"/app/policy?lang={lang}")
        tab.click("#templates-link")
        expect(tab.locator("tr[data-template='disputes/zh/reply']")).to_be_visible()
        assert fits_the_screen(tab)
        _shoot(tab, f"templates-{lang}-{width}")
        tab.locator("tr[data-template='followups/zh/reciprocity'] a").click()
        assert tab.locator("#template-form textarea").input_value().strip()
        assert fits_the_screen(tab)
        _shoot(tab, f"template-{lang}-{width}")

    def test_an_admin_edits_a_card_and_restores_it(self, tab: Any, site: Site, look: Session) -> None:
        shipped = templating.shipped_source("gifts", "zh", "card-birthday")
        tab.goto("/app/templates/gifts/zh/card-birthday")
        text = tab.locator("#template-form textarea").input_value()
        tab.fill("#template-form textarea", "生日快乐！\n" + text)
        tab.click("#template-form button[type=submit]")
        assert "模板已保存" in tab.locator("#saved").inner_text()
        expect(tab.locator("#edited")).to_be_visible()
        assert templating.template_source("gifts", "zh", "card-birthday")[0].startswith("生日快乐！")
        assert look.scalars(select(AuditEntry).where(AuditEntry.action == "texts.template")).first() is not None
        look.rollback()
        tab.goto("/app/templates")
        assert "已修改" in tab.locator("tr[data-template='gifts/zh/card-birthday']").inner_text()
        tab.goto("/app/templates/gifts/zh/card-birthday")
        tab.click("#restore")
        assert "已恢复原文" in tab.locator("#saved").inner_text()
        assert templating.template_source("gifts", "zh", "card-birthday")[0] == shipped

    @pytest.mark.parametrize(("lang", "words"), [("zh", "第 2 行附近有误"), ("en", "near line 2")])
    def test_a_broken_template_is_refused_in_the_page_language(
        self, tab: Any, site: Site, lang: str, words: str
    ) -> None:
        tab.goto(f"/app/templates/followups/en/visit?lang={lang}")
        tab.fill("#template-form textarea", "Hello\n{% if x %}never closed")
        tab.click("#template-form button[type=submit]")
        assert words in tab.locator("#error-text").inner_text()
        assert "never closed" in tab.locator("#template-form textarea").input_value()
        assert not templating.custom_path("followups", "en", "visit").exists()

    def test_a_rep_reads_a_template_but_cannot_change_it(self, rep_tab: Any, site: Site) -> None:
        rep_tab.goto("/app/templates/disputes/zh/reply")
        assert rep_tab.locator("#text").inner_text().strip()
        expect(rep_tab.locator("#template-form")).to_have_count(0)
        assert fits_the_screen(rep_tab)
        response = rep_tab.request.post(f"{site.url}/app/templates/disputes/zh/reply", form={"text": "x"})
        assert response.status == 403

    def test_an_unknown_template_is_a_404_page(self, tab: Any, site: Site) -> None:
        assert tab.goto("/app/templates/gifts/zh/no-such-card").status == 404
