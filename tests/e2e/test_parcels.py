"""Orders, promises, parcels with their evidence, and disputes, from the browser: in zh and en, on a 390 px phone
and a 1366 px desktop. Screenshots land in tests/e2e/artifacts/parcels/ (gitignored) to look at after a run."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core.settings import reset_settings
from giftwise.models.disputes import Dispute
from giftwise.models.orders import Order, Promise
from giftwise.models.shipments import Evidence, Shipment, ShipmentLine
from tests.e2e.conftest import E2E_TIMEOUT_MS, Site, fits_the_screen
from tests.e2e.test_layout import BROKEN_LABELS_JS, DESKTOP, PHONE
from tests.e2e.world import PNG

ARTIFACTS = Path(__file__).parent / "artifacts" / "parcels"


def _shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)



@pytest.fixture
def phone(browser: Any, site: Site) -> Iterator[Any]:
    """A Chinese-speaking phone (390 px) on the shared site."""
    context = browser.new_context(base_url=site.url, viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                  has_touch=True, locale="zh-CN",
                                  extra_http_headers={"Authorization": f"Bearer {site.token}"})
    context.add_cookies([{"name": "giftwise_lang", "value": "zh", "url": site.url}])
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


def _record_order(tab: Any, contact_id: int, sku: str, quantity: str, cost: str, price: str) -> int:
    tab.goto(f"/app/contacts/{contact_id}")
    tab.click("#orders-link")
    tab.click("#add-order summary")
    tab.fill("#order-form input[name=reference]", f"WEB-{contact_id}-{quantity}")
    for name, value in (("sku", sku), ("quantity", quantity), ("unit_cost", cost), ("unit_price", price)):
        tab.fill(f"#order-form input[name=line1_{name}]", value)
    tab.click("#order-form button[type=submit]")
    return int(re.search(r"/app/orders/(\d+)", tab.url).group(1))  # type: ignore[union-attr]


def _prepare_parcel(tab: Any, order_id: int) -> int:
    tab.goto(f"/app/orders/{order_id}")
    tab.click("#prepare-form button[type=submit]")
    return int(re.search(r"/app/shipments/(\d+)", tab.url).group(1))  # type: ignore[union-attr]


class TestOrdersAndPromises:
    def test_record_an_order_and_a_promise_then_see_it_go_into_the_parcel_on_a_phone(
        self, phone: Any, site: Site, look: Session
    ) -> None:
        wang = site.world.wang
        order_id = _record_order(phone, wang, "pear-orchard", "10", "100", "168")
        assert "订单已记录" in phone.locator(".flash.ok").inner_text()
        assert phone.locator("#order-value").inner_text() == "1,680 CNY"
        assert "姥爷果园的秋月梨" in phone.locator("#order-lines").inner_text()  # the name in the page language
        assert fits_the_screen(phone)
        _shoot(phone, "order-zh-390")

        phone.goto(f"/app/contacts/{wang}/orders")
        phone.click("#add-promise summary")
        phone.select_option("#promise-form select[name=order_id]", str(order_id))
        phone.fill("#promise-form input[name=description]", "免费样品")
        phone.fill("#promise-form input[name=quantity]", "2")
        phone.fill("#promise-form input[name=unit_cost]", "5")
        phone.fill("#promise-form input[name=condition]", "收到货款后")
        phone.select_option("#promise-form select[name=condition_kind]", "payment_received")
        phone.fill("#promise-form input[name=due_on]", "2026-11-30")
        phone.click("#promise-form button[type=submit]")
        assert "承诺已记录" in phone.locator(".flash.ok").inner_text()
        row = phone.locator("#promise-list tr", has_text="免费样品")
        assert "还没放进包裹" in row.inner_text() and "条件未满足" in row.inner_text()
        assert fits_the_screen(phone)
        _shoot(phone, "promises-zh-390")

        phone.goto(f"/app/orders/{order_id}")
        phone.click("#payment-form button[type=submit]")
        assert "已记录付款" in phone.locator(".flash.ok").inner_text()
        parcel = _prepare_parcel(phone, order_id)
        promised = phone.locator("#parcel-lines tr[data-kind=promised]")
        assert "免费样品" in promised.inner_text() and "承诺的赠品" in promised.inner_text()
        assert fits_the_screen(phone)
        _shoot(phone, "parcel-with-promise-zh-390")

        phone.goto(f"/app/contacts/{wang}/orders")
        row = phone.locator("#promise-list tr", has_text="免费样品")
        assert f"包裹 {parcel}" in row.inner_text() and "备货中" in row.inner_text()
        kinds = look.scalars(select(ShipmentLine.kind).where(ShipmentLine.shipment_id == parcel)).all()
        assert sorted(kinds) == ["ordered", "promised"]
        look.rollback()

    def test_an_order_without_lines_is_refused_in_english_beside_the_form(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/contacts/{site.world.emily}/orders?lang=en")
        tab.click("#add-order summary")
        tab.fill("#order-form input[name=reference]", "EMPTY-1")
        tab.click("#order-form button[type=submit]")
        said = tab.locator("#order-error-lines").inner_text()
        assert said.startswith("Order lines") and "should" not in said  # the field as the form names it, our words
        assert tab.locator("#add-order").get_attribute("open") is not None
        assert tab.locator("#order-form input[name=reference]").input_value() == "EMPTY-1"  # nothing typed is lost

    def test_a_promise_due_in_the_past_is_refused_in_chinese(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto(f"/app/contacts/{site.world.li}/orders")
        tab.click("#add-promise summary")
        tab.fill("#promise-form input[name=description]", "茶杯")
        tab.fill("#promise-form input[name=unit_cost]", "30")
        tab.fill("#promise-form input[name=due_on]", "2026-01-01")
        tab.click("#promise-form button[type=submit]")
        said = tab.locator("#promise-error-due_on").inner_text()
        assert re.search(r"[\u4e00-\u9fff]", said) and not re.search(r"[A-Za-z]{4,}", said)
        assert look.scalars(select(Promise).where(Promise.contact_id == site.world.li)).first() is None
        look.rollback()


class TestParcelEvidence:
    def test_upload_a_photo_and_a_weight_pack_and_ship_in_english(self, tab: Any, site: Site, look: Session) -> None:
        tab.set_viewport_size(DESKTOP)
        order_id = _record_order(tab, site.world.emily, "fishing-reel", "3", "150", "260")
        parcel = _prepare_parcel(tab, order_id)
        tab.goto(f"/app/shipments/{parcel}?lang=en")
        tab.set_input_files("#evidence-form input[name=file]",
                            files=[{"name": "parcel-top.png", "mimeType": "image/png", "buffer": PNG}])
        tab.fill("#evidence-form input[name=weight_kg]", "2.4")
        tab.fill("#evidence-form input[name=note]", "Three reels, counted by Mei")
        tab.click("#evidence-form button[type=submit]")
        assert "Evidence kept" in tab.locator(".flash.ok").inner_text()
        photo = tab.locator("#evidence-list tr[data-kind=photo]")
        assert "parcel-top.png" in photo.inner_text() and "checksum ok" in photo.inner_text()
        assert "2.4 kg" in tab.locator("#evidence-list tr[data-kind=weight]").inner_text()
        kept = look.scalars(select(Evidence).where(Evidence.shipment_id == parcel, Evidence.kind == "photo")).one()
        assert kept.sha256 == hashlib.sha256(PNG).hexdigest() and kept.size_bytes == len(PNG)
        photo_id = kept.id
        look.rollback()  # (reading a row again after this would hold SQLite's lock against the server's writes)
        shown = tab.request.get(f"/app/shipments/{parcel}/evidence/{photo_id}")
        assert shown.status == 200 and shown.body() == PNG

        tab.click("#pack-form button[type=submit]")
        assert "packed" in tab.locator(".flash.ok").inner_text()
        tab.fill("#ship-form input[name=carrier]", "SF Express")
        tab.fill("#ship-form input[name=tracking_number]", "SF1234")
        tab.click("#ship-form button[type=submit]")
        assert "Parcel shipped" in tab.locator(".flash.ok").inner_text()
        assert tab.locator("#parcel-status").inner_text() == "shipped"
        assert tab.locator("#tracking").inner_text() == "SF1234"
        assert fits_the_screen(tab) and tab.evaluate(BROKEN_LABELS_JS) == []
        _shoot(tab, "parcel-shipped-en-1366")
        assert look.get(Shipment, parcel).status == "shipped"  # type: ignore[union-attr]
        look.rollback()

    def test_a_file_that_is_not_a_photo_or_too_large_is_refused_in_chinese(
        self, phone: Any, site: Site, monkeypatch: pytest.MonkeyPatch, look: Session
    ) -> None:
        order_id = _record_order(phone, site.world.li, "green-tea", "1", "200", "380")
        parcel = _prepare_parcel(phone, order_id)
        phone.set_input_files("#evidence-form input[name=file]",
                              files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}])
        phone.click("#evidence-form button[type=submit]")
        said = phone.locator("#evidence-error-file").inner_text()
        assert "notes.txt" in said and re.search(r"[\u4e00-\u9fff]", said)

        monkeypatch.setenv("GIFTWISE_EVIDENCE_MAX_BYTES", "40")
        reset_settings()
        try:
            phone.set_input_files("#evidence-form input[name=file]",
                                  files=[{"name": "big.png", "mimeType": "image/png", "buffer": PNG}])
            phone.click("#evidence-form button[type=submit]")
            said = phone.locator("#evidence-error-file").inner_text()
        finally:
            monkeypatch.delenv("GIFTWISE_EVIDENCE_MAX_BYTES")
            reset_settings()
        assert re.search(r"[\u4e00-\u9fff]", said) and "MB" in said
        assert fits_the_screen(phone)
        _shoot(phone, "evidence-refused-zh-390")
        assert look.scalars(select(Evidence).where(Evidence.shipment_id == parcel)).all() == []
        look.rollback()


class TestDisputeFromTheParcel:
    def test_open_a_claim_on_a_shipped_parcel_then_resolve_and_close_it(
        self, tab: Any, site: Site, look: Session
    ) -> None:
        # 王建国 speaks Chinese; the rep reads the page in English: the reply stays in the client's language.
        order_id = _record_order(tab, site.world.wang, "pear-orchard", "6", "100", "168")
        tab.goto(f"/app/orders/{order_id}")
        parcel = _prepare_parcel(tab, order_id)
        tab.click("#pack-form button[type=submit]")
        tab.fill("#ship-form input[name=carrier]", "顺丰")
        tab.click("#ship-form button[type=submit]")
        tab.goto(f"/app/shipments/{parcel}?lang=en")
        tab.click("#open-dispute summary")
        tab.select_option("#dispute-form select[name=claim]", "damaged")
        tab.fill("#dispute-form input[name=quantity]", "2")
        tab.fill("#dispute-form textarea[name=client_words]", "有两箱梨压坏了")
        tab.click("#dispute-form button[type=submit]")
        assert "Claim opened" in tab.locator(".flash.ok").inner_text()
        assert tab.locator("#recommended").inner_text().strip()
        assert tab.locator("#explanation li").count() > 0
        reply = tab.locator("#reply")
        assert reply.get_attribute("lang") == "zh-CN" and re.search(r"[\u4e00-\u9fff]", reply.inner_text())
        dispute_id = int(re.search(r"/app/disputes/(\d+)", tab.url).group(1))  # type: ignore[union-attr]

        tab.select_option("#resolve select[name=resolution]", "resend")
        tab.fill("#resolve input[name=note]", "Two boxes again by express")
        tab.click("#resolve button")
        assert "Resolved as chosen" in tab.locator(".flash.ok").inner_text()
        tab.click("#resend-parcel")
        expect(tab.locator("#parcel-lines tr[data-kind=resend]")).to_have_count(1)
        # The client orders again; only then may the dispute close as reordered (another test's order for the
        # same client must not be what makes this pass).
        _record_order(tab, site.world.wang, "pear-orchard", "4", "100", "168")
        tab.goto(f"/app/disputes/{dispute_id}")
        tab.select_option("#close select[name=outcome]", "reordered")
        tab.click("#close button")
        assert "Closed" in tab.locator(".flash.ok").inner_text()
        dispute = look.get(Dispute, dispute_id)
        assert dispute is not None and (dispute.claim_kind, dispute.status, dispute.outcome) == (
            "damaged", "closed", "reordered")
        look.rollback()

    def test_a_claim_on_a_parcel_not_yet_shipped_cannot_be_opened(self, tab: Any, site: Site) -> None:
        order_id = _record_order(tab, site.world.emily, "pear-orchard", "1", "100", "168")
        parcel = _prepare_parcel(tab, order_id)
        tab.goto(f"/app/shipments/{parcel}?lang=en")
        expect(tab.locator("#open-dispute")).to_have_count(0)
        answer = tab.request.post(f"/app/shipments/{parcel}/disputes", form={"claim": "short", "quantity": "1"})
        assert answer.status == 409 and "<html" in answer.text()


class TestLayout:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
    def test_the_pages_fit_and_short_labels_stay_whole(
        self, browser: Any, site: Site, look: Session, lang: str, viewport: dict[str, int]
    ) -> None:
        dispute = look.get(Dispute, site.world.dispute)
        assert dispute is not None
        order = look.scalars(select(Order.id).where(Order.reference == "PO-118")).one()
        look.rollback()
        pages = {"orders": f"/app/contacts/{site.world.anna}/orders", "order": f"/app/orders/{order}",
                 "parcel": f"/app/shipments/{dispute.shipment_id}", "dispute": f"/app/disputes/{dispute.id}"}
        context = browser.new_context(base_url=site.url, viewport=viewport, device_scale_factor=1,
                                      is_mobile=viewport["width"] < 600, has_touch=viewport["width"] < 600,
                                      extra_http_headers={"Authorization": f"Bearer {site.token}"})
        tab = context.new_page()
        tab.set_default_timeout(E2E_TIMEOUT_MS)
        try:
            too_wide, broken = {}, {}
            for name, path in pages.items():
                assert tab.goto(f"{path}?lang={lang}").status == 200, name
                tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the forms too
                if not fits_the_screen(tab):
                    too_wide[name] = tab.evaluate("document.documentElement.scrollWidth")
                if viewport["width"] >= 600 and (words := tab.evaluate(BROKEN_LABELS_JS)):
                    broken[name] = words
                _shoot(tab, f"{name}-{lang}-{viewport['width']}")
            assert too_wide == {} and broken == {}
        finally:
            context.close()

    def test_an_unknown_parcel_is_an_html_page_in_the_page_language(self, tab: Any) -> None:
        answer = tab.goto("/app/shipments/999999")
        assert answer.status == 404 and "html" in answer.headers["content-type"]
        assert re.search(r"[\u4e00-\u9fff]", tab.locator("main").inner_text())
