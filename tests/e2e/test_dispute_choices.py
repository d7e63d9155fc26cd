"""A dispute's advice from the browser: change what shapes it (route, shipping, the surprise, the client's value)
and see the figures, the recommendation and the reply redrawn in place; read the reply drafted for another
resolution or in the rep's language. In zh and en, on a 390 px phone and a 1366 px desktop; screenshots land in
tests/e2e/artifacts/layout/ (gitignored)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy.orm import Session

from giftwise.models.disputes import Dispute
from tests.e2e.conftest import E2E_TIMEOUT_MS, Site, fits_the_screen, rep_tab_in
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

MARK = "window.__stillThisPage = true"  # survives only if the page was not reloaded
COUNT_SETTLES = "window.__settles = 0; document.body.addEventListener('htmx:afterSettle', () => window.__settles++)"
HAN = re.compile(r"[\u4e00-\u9fff]")
SAID = {"zh": "已按新的前提重新计算建议", "en": "Advice worked out again"}


def _stored(look: Session, dispute_id: int) -> tuple[str, int | None, int, str | None]:
    """The dispute's status, surprise item, surprise quantity and recommendation as stored now."""
    look.expire_all()
    dispute = look.get(Dispute, dispute_id)
    assert dispute is not None
    state = (str(dispute.status), dispute.surprise_item_id, dispute.surprise_quantity, dispute.recommended)
    look.rollback()
    return state


@pytest.fixture
def sized(browser: Any, site: Site, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The local admin's tab at the width and in the language the test asks for, as ``(viewport, lang)``."""
    viewport, lang = request.param
    context = browser.new_context(base_url=site.url, viewport=viewport, device_scale_factor=1,
                                  is_mobile=viewport["width"] < 600, has_touch=viewport["width"] < 600,
                                  extra_http_headers={"Authorization": f"Bearer {site.token}"})
    context.add_cookies([{"name": "giftwise_lang", "value": lang, "url": site.url}])
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


SIZES = [(PHONE, "zh"), (DESKTOP, "zh"), (PHONE, "en"), (DESKTOP, "en")]
SIZE_IDS = ["390px-zh", "1366px-zh", "390px-en", "1366px-en"]


def sized_language(tab: Any) -> str:
    """The language the tab's pages speak (its cookie)."""
    return next(c["value"] for c in tab.context.cookies() if c["name"] == "giftwise_lang")


def _open(tab: Any, site: Site) -> None:
    tab.goto(f"/app/disputes/{site.world.dispute}")
    tab.evaluate(MARK)
    tab.evaluate(COUNT_SETTLES)


def _pick(tab: Any, name: str, value: str) -> None:
    """Pick a draft choice and wait until HTMX has settled the redrawn draft. HTMX binds the new form only after
    its settle delay, so a second pick made before that is lost: under CI's load one was, and the test waited 45 s."""
    settled = tab.evaluate("window.__settles")
    tab.select_option(f"#draft-form select[name={name}]", value)
    deadline = time.monotonic() + E2E_TIMEOUT_MS / 1000
    while tab.evaluate("window.__settles") <= settled:  # (the page's CSP refuses wait_for_function's eval)
        assert time.monotonic() < deadline, f"the draft was not redrawn after picking {value}"
        tab.wait_for_timeout(50)


class TestChangeTheSurprise:
    @pytest.mark.parametrize("sized", SIZES, indirect=True, ids=SIZE_IDS)
    def test_the_figures_and_the_draft_follow_the_surprise_in_place(
        self, sized: Any, site: Site, look: Session
    ) -> None:
        tab, lang = sized, sized_language(sized)
        _open(tab, site)
        tab.select_option("#draft-form select[name=draft_resolution]", "resend_surprise")
        expect(tab.locator("#reply")).to_have_attribute("data-resolution", "resend_surprise")
        surprise, reply = tab.locator("tr[data-figure=surprise] td.num"), tab.locator("#reply")
        before_figure, before_reply = surprise.inner_text(), reply.inner_text()
        quantity = _stored(look, site.world.dispute)[2] + 3  # more than now: a change whatever ran before
        tab.click("#choices summary")
        tab.fill("#choices-form input[name=surprise_sku]", "green-tea")
        tab.fill("#choices-form input[name=surprise_quantity]", str(quantity))
        tab.click("#choices-form button[type=submit]")

        expect(tab.locator("#dispute-live .flash.ok")).to_contain_text(SAID[lang])
        expect(surprise).not_to_have_text(before_figure)
        assert surprise.inner_text().endswith("CNY")  # money carries its currency
        expect(reply).not_to_have_text(before_reply)
        assert f"{quantity} samples of Longjing green tea" in reply.inner_text()  # Anna reads English
        assert reply.get_attribute("data-resolution") == "resend_surprise"  # the draft the rep was reading
        assert tab.evaluate("window.__stillThisPage") is True
        stored = _stored(look, site.world.dispute)
        assert stored[1] is not None and stored[2] == quantity
        assert fits_the_screen(tab)
        _shoot(tab, f"dispute-choices-{lang}-{tab.viewport_size['width']}")

    def test_without_javascript_the_choices_post_then_the_page_shows_again(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/disputes/{site.world.dispute}")
        answer = tab.request.post(f"/app/disputes/{site.world.dispute}/options", max_redirects=0,
                                  form={"route": "sea", "shipping_cost": ""})
        assert answer.status == 303 and "saved=options" in answer.headers["location"]
        tab.goto(answer.headers["location"])
        expect(tab.locator("#choices select[name=route]")).to_have_value("sea")
        assert "已按新的前提重新计算建议" in tab.locator("#dispute-live .flash.ok").inner_text()


class TestAnotherDraft:
    @pytest.mark.parametrize("sized", [(PHONE, "zh"), (DESKTOP, "en")], indirect=True, ids=["390px-zh", "1366px-en"])
    def test_the_reply_for_another_resolution_in_the_reps_language_writes_nothing(
        self, sized: Any, site: Site, look: Session
    ) -> None:
        before = _stored(look, site.world.dispute)
        _open(sized, site)
        assert sized.locator("#reply").get_attribute("lang") == "en"  # Anna's own language first
        break_even = sized.locator("#break-even").inner_text()
        reply = sized.locator("#reply")
        first = reply.inner_text()
        picked = "partial_credit" if before[3] != "partial_credit" else "hold_firm"  # not the recommended one
        _pick(sized, "draft_resolution", picked)
        expect(reply).to_have_attribute("data-resolution", picked)
        _pick(sized, "draft_language", "zh")
        expect(reply).to_have_attribute("lang", "zh-CN")
        assert reply.get_attribute("data-resolution") == picked  # the resolution stays as picked
        text = reply.inner_text()
        assert HAN.search(text) and text != first
        assert picked != "partial_credit" or "下一单" in text  # the credit comes off her next order
        assert break_even.split()[0] not in text.split()  # the client never reads our break-even
        assert sized.evaluate("window.__stillThisPage") is True
        assert _stored(look, site.world.dispute) == before  # a draft is read, never stored
        assert fits_the_screen(sized)
        _shoot(sized, f"dispute-draft-{sized.viewport_size['width']}")

    def test_without_javascript_the_draft_choice_shows_on_the_page(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/disputes/{site.world.dispute}/draft?draft_resolution=hold_firm&draft_language=zh")
        reply = tab.locator("#reply")
        assert reply.get_attribute("data-resolution") == "hold_firm" and reply.get_attribute("lang") == "zh-CN"
        expect(tab.locator("#draft-form select[name=draft_resolution]")).to_have_value("hold_firm")


class TestRefused:
    def test_a_negative_cost_then_an_unknown_sku_are_said_in_chinese_beside_their_fields(
        self, tab: Any, site: Site, look: Session
    ) -> None:
        tab.set_viewport_size(PHONE)
        before = _stored(look, site.world.dispute)
        _open(tab, site)
        tab.click("#choices summary")
        tab.fill("#choices-form input[name=surprise_sku]", "no-such-bag")
        tab.fill("#choices-form input[name=surprise_unit_cost]", "-5")
        tab.click("#choices-form button[type=submit]")
        cost = tab.locator("#choices-error-surprise_unit_cost")
        expect(cost).to_be_visible()
        assert HAN.search(cost.inner_text()) and "惊喜的单件成本" in cost.inner_text()
        assert tab.locator("#choices-form input[name=surprise_sku]").input_value() == "no-such-bag"  # kept
        _shoot(tab, "dispute-choices-refused-zh-390")

        tab.fill("#choices-form input[name=surprise_unit_cost]", "")
        tab.click("#choices-form button[type=submit]")
        sku = tab.locator("#choices-error-surprise_sku")
        expect(sku).to_contain_text("no-such-bag")
        assert HAN.search(sku.inner_text())
        assert tab.locator("#choices-form input[name=surprise_sku]").get_attribute("aria-invalid") == "true"
        assert tab.evaluate("window.__stillThisPage") is True
        assert fits_the_screen(tab)
        assert _stored(look, site.world.dispute) == before  # nothing refused is kept

    def test_a_rep_who_does_not_hold_the_client_changes_nothing(
        self, browser: Any, site: Site, look: Session
    ) -> None:
        before = _stored(look, site.world.dispute)
        for rep in rep_tab_in(browser, site, look, PHONE, mobile=True):
            answer = rep.request.post(f"{site.url}/app/disputes/{site.world.dispute}/options",
                                      form={"surprise_quantity": "9"}, headers={"HX-Request": "true"})
            assert answer.status == 404
        assert _stored(look, site.world.dispute) == before
