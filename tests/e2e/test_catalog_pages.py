"""The catalog from the browser: search and filter, an item's understood attributes with their words, a
correction with a reason (a manager's or admin's; a rep only reads), and importing a file that says what it
could not tell. Each page in zh and en, on a 1366 px desktop and a 390 px phone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts import service as accounts
from giftwise.catalog import service as catalog
from giftwise.catalog.schemas import CatalogItemCreate
from giftwise.models.accounts import AuditEntry
from giftwise.models.catalog import CatalogItem
from tests.e2e.conftest import Site, fits_the_screen, rep_tab_in
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

WIDTHS = {"390": PHONE, "1366": DESKTOP}



@pytest.fixture
def rep_tab(browser: Any, site: Site, look: Session) -> Iterator[Any]:
    """A browser tab acting as a rep (who may read the catalog but not change it)."""
    yield from rep_tab_in(browser, site, look, DESKTOP)


class TestBrowse:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    @pytest.mark.parametrize("width", ["390", "1366"])
    def test_list_and_item_fit_the_screen(self, tab: Any, site: Site, lang: str, width: str) -> None:
        tab.set_viewport_size(WIDTHS[width])
        tab.goto(f"/app/catalog?lang={lang}")
        assert fits_the_screen(tab)
        _shoot(tab, f"catalog-{lang}-{width}")
        tab.locator("#catalog tr[data-sku='pear-orchard'] a").first.click()
        expect(tab.locator("#attributes")).to_be_visible()
        assert fits_the_screen(tab)
        _shoot(tab, f"catalog-item-{lang}-{width}")

    def test_filter_by_tag_and_status(self, tab: Any, site: Site, look: Session) -> None:
        admin = accounts.actor_for_cli(look)
        catalog.create_item(look, admin, data=CatalogItemCreate(
            sku="old-calendar", name_zh="旧台历", name_en="Old desk calendar", price=Decimal(30), category="office",
            tags=["paper"]))
        catalog.deactivate_item(look, admin, sku="old-calendar")
        look.commit()
        tab.goto("/app/catalog")
        expect(tab.locator("#catalog tr[data-sku='old-calendar']")).to_have_count(0)
        tab.select_option("#catalog-filters select[name=status]", "inactive")
        tab.click("#catalog-filters button")
        expect(tab.locator("#catalog tbody tr")).to_have_count(1)
        assert "已停售" in tab.locator("#catalog tr[data-sku='old-calendar']").inner_text()
        tab.goto("/app/catalog?tag=paper&status=all&lang=en")
        assert [tab.locator("#catalog tbody tr").nth(0).get_attribute("data-sku")] == ["old-calendar"]

    def test_the_item_page_shows_words_confidence_and_unknowns_in_chinese(self, tab: Any, site: Site) -> None:
        tab.goto("/app/catalog/items/pear-orchard")
        assert "梨（“分离”）" in tab.locator("#meanings").inner_text()
        assert "秋月梨" in tab.locator("#meanings li[data-meaning='pear']").inner_text()
        edible = tab.locator("#attributes tr[data-attribute='edible']")
        assert "含有" in edible.inner_text() and "%" in edible.inner_text()
        assert "鲜果" in edible.inner_text()  # read from the kind of item, named in the page's language
        assert "糖" in tab.locator("#unknown").inner_text()
        tab.goto("/app/catalog/items/pear-orchard?lang=en")
        assert "pear (\"parting\")" in tab.locator("#meanings").inner_text()
        assert "unknown" in tab.locator("#attributes tr[data-attribute='sugar']").inner_text()
        tab.goto("/app/catalog/items/fishing-reel?lang=zh")
        assert "户外" in tab.locator("#uses [data-use='outdoor']").inner_text()

    def test_an_unknown_item_is_an_html_page_in_the_page_language(self, tab: Any, site: Site) -> None:
        response = tab.goto("/app/catalog/items/no-such-thing")
        assert response.status == 404
        assert "no-such-thing" in tab.locator("main").inner_text()
        expect(tab.locator("header nav")).to_be_visible()


class TestCorrect:
    def test_a_correction_with_a_reason_wins_and_is_audited(self, tab: Any, site: Site, look: Session) -> None:
        tab.set_viewport_size(PHONE)
        tab.goto("/app/catalog/items/green-tea")
        tab.select_option("#correct-form select[name=name]", "caffeine")
        tab.select_option("#correct-form select[name=answer]", "no")
        tab.fill("#correct-form input[name=reason]", "供应商说这是低因茶")
        tab.click("#correct-form button[type=submit]")
        expect(tab.locator("#saved")).to_be_visible()
        row = tab.locator("#attributes tr[data-attribute='caffeine']")
        assert row.get_attribute("data-source") == "corrected" and row.get_attribute("data-answer") == "no"
        assert "人工更正" in row.inner_text()
        assert "咖啡因" in tab.locator("#corrections").inner_text()
        assert fits_the_screen(tab)
        _shoot(tab, "catalog-corrected-zh-390")
        item = look.scalars(select(CatalogItem).where(CatalogItem.sku == "green-tea")).one()
        assert item.attribute_corrections == {"caffeine": "no"}
        entry = look.scalars(select(AuditEntry).where(AuditEntry.action == "catalog.correct",
                                                      AuditEntry.entity_id == item.id)).one()
        assert entry.after == {"corrections": {"caffeine": "no"}, "reason": "供应商说这是低因茶"}
        look.rollback()
        # clearing it gives the reading back
        tab.goto("/app/catalog/items/green-tea?lang=en")
        tab.select_option("#correct-form select[name=name]", "caffeine")
        tab.select_option("#correct-form select[name=answer]", "clear")
        tab.fill("#correct-form input[name=reason]", "The supplier was wrong")
        tab.click("#correct-form button[type=submit]")
        assert tab.locator("#attributes tr[data-attribute='caffeine']").get_attribute("data-source") == "inferred"
        expect(tab.locator("#corrections")).to_have_count(0)

    @pytest.mark.parametrize(("lang", "words"), [("zh", "原因"), ("en", "Reason")])
    def test_a_correction_without_a_reason_is_refused_in_the_page_language(
        self, tab: Any, site: Site, look: Session, lang: str, words: str
    ) -> None:
        tab.goto(f"/app/catalog/items/fishing-reel?lang={lang}")
        tab.select_option("#correct-form select[name=name]", "meaning:blade")
        tab.click("#correct-form button[type=submit]")
        error = tab.locator("#error-reason")
        expect(error).to_be_visible()
        assert words in error.inner_text()
        assert "String should" not in error.inner_text()
        assert look.scalars(select(CatalogItem.attribute_corrections)
                            .where(CatalogItem.sku == "fishing-reel")).one() in (None, {})
        look.rollback()

    def test_a_rep_reads_but_cannot_correct(self, rep_tab: Any, site: Site) -> None:
        rep_tab.goto("/app/catalog/items/green-tea")
        expect(rep_tab.locator("#attributes")).to_be_visible()
        expect(rep_tab.locator("#correct-form")).to_have_count(0)
        expect(rep_tab.locator("#import-link")).to_have_count(0)
        response = rep_tab.request.post(f"{site.url}/app/catalog/items/green-tea",
                                        form={"name": "nuts", "answer": "yes", "reason": "x"})
        assert response.status == 403
        assert "<html" in response.text()
        assert rep_tab.goto("/app/catalog/import").status == 403


class TestImport:
    @pytest.mark.parametrize(("lang", "width"), [("zh", "390"), ("en", "1366")])
    def test_import_says_what_it_could_not_tell(
        self, tab: Any, site: Site, look: Session, tmp_path: Path, lang: str, width: str
    ) -> None:
        items = [
            {"id": f"mystery-box-{lang}", "name": {"zh": "惊喜零食盒", "en": "Surprise snack box"},
             "price": 88, "currency": "CNY", "category": "food", "tags": []},
            {"id": f"desk-lamp-{lang}", "name": {"zh": "台灯", "en": "Desk lamp"}, "price": 199, "currency": "CNY",
             "category": "office", "tags": ["office"]},
        ]
        file = tmp_path / "catalog.json"
        file.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        tab.set_viewport_size(WIDTHS[width])
        tab.goto(f"/app/catalog?lang={lang}")
        tab.click("#import-link")
        tab.set_input_files("#import-form input[type=file]", str(file))
        tab.click("#import-form button[type=submit]")
        expect(tab.locator("#imported")).to_be_visible()
        assert ("新增 2 件" if lang == "zh" else "2 new") in tab.locator("#imported").inner_text()
        unknown = tab.locator(f"#unknowns tr[data-sku='mystery-box-{lang}']")
        assert ("坚果" if lang == "zh" else "nuts") in unknown.inner_text()
        expect(tab.locator(f"#unknowns tr[data-sku='desk-lamp-{lang}']")).to_have_count(0)
        assert fits_the_screen(tab)
        _shoot(tab, f"catalog-import-{lang}-{width}")
        assert look.scalars(select(CatalogItem.sku).where(CatalogItem.sku == f"desk-lamp-{lang}")).one()
        look.rollback()

    def test_a_bad_row_imports_nothing_and_names_its_line(
        self, tab: Any, site: Site, look: Session, tmp_path: Path
    ) -> None:
        file = tmp_path / "bad.csv"
        file.write_text("id,name_zh,name_en,price,currency,category\nok-1,好东西,Good thing,10,CNY,food\n"
                        "bad-1,坏东西,Bad thing,lots,CNY,food\n", encoding="utf-8")
        tab.goto("/app/catalog/import")
        tab.set_input_files("#import-form input[type=file]", str(file))
        tab.click("#import-form button[type=submit]")
        expect(tab.locator("#rejected tr[data-line='3']")).to_be_visible()
        expect(tab.locator("#import-error")).to_be_visible()
        assert look.scalars(select(CatalogItem).where(CatalogItem.sku == "ok-1")).first() is None
        look.rollback()

    def test_no_file_is_refused_in_chinese(self, tab: Any, site: Site) -> None:
        tab.goto("/app/catalog/import")
        tab.click("#import-form button[type=submit]")
        assert "请选择要导入的目录文件" in tab.locator("#error-file").inner_text()
