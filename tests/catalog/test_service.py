"""The catalog's rules: items keyed by sku, edits, search, and the portable shape readers rely on."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user
from giftwise.catalog.errors import CatalogEditForbidden, CatalogItemNotFound, DuplicateSku
from giftwise.catalog.schemas import CatalogItemCreate, CatalogItemUpdate, CatalogQuery, ExportFormat, ItemStatus
from giftwise.catalog.service import (
    deactivate_item,
    export_catalog,
    get_item,
    import_catalog_file,
    list_items,
    portable_catalog,
    update_item,
)
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.settings import reset_settings
from giftwise.models.accounts import AuditEntry
from tests.catalog.factories import add_item


def _rep(session: Session, actor: Actor) -> Actor:
    create_user(session, actor, data=UserCreate(username="rep1", role="rep"))
    return actor_of(find_user(session, actor, ref="rep1"))


def _shared_catalog() -> bytes:
    return (resources.files("giftwise") / "data" / "catalog" / "catalog.json").read_bytes()


class TestCreateItem:
    def test_stores_the_item_with_clean_values(self, session: Session, actor: Actor) -> None:
        item = add_item(session, actor, price="¥1,280.50", currency="rmb", tags="tea| 茶叶 |tea")
        assert item.id and item.sku == "tea-leaves"
        assert item.price == Decimal("1280.50") and item.currency == "CNY" and item.tags == ["tea", "茶叶"]

    def test_duplicate_sku_is_a_conflict(self, session: Session, actor: Actor) -> None:
        add_item(session, actor)
        with pytest.raises(DuplicateSku, match="already exists"):
            add_item(session, actor, name_en="Another tea")

    @pytest.mark.parametrize(("language", "words"), [("en", "no name"), ("zh", "没有名称")])
    def test_an_item_needs_a_name_said_in_the_installations_language(
        self, language: str, words: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GIFTWISE_LANGUAGE", language)
        reset_settings()
        with pytest.raises(ValidationError, match=words):
            CatalogItemCreate.model_validate({"sku": "x", "price": 1})
        reset_settings()

    def test_a_rep_may_not_change_the_catalog(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogEditForbidden, match="managers and admins"):
            add_item(session, _rep(session, actor))

    def test_creation_is_audited(self, session: Session, actor: Actor) -> None:
        item = add_item(session, actor)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "catalog_item")).one()
        assert entry.entity_id == item.id and entry.action == "catalog.create"


class TestUpdateItem:
    def test_changes_only_given_fields(self, session: Session, actor: Actor) -> None:
        add_item(session, actor, supplier="天禾茶业")
        item = update_item(session, actor, sku="tea-leaves", changes=CatalogItemUpdate(price=Decimal("520")))
        assert item.price == Decimal("520") and item.supplier == "天禾茶业" and item.name_zh == "明前龙井"

    def test_null_clears_an_optional_field(self, session: Session, actor: Actor) -> None:
        add_item(session, actor, supplier="天禾茶业")
        changes = CatalogItemUpdate.model_validate({"supplier": None})
        assert update_item(session, actor, sku="tea-leaves", changes=changes).supplier is None

    def test_removing_both_names_is_refused(self, session: Session, actor: Actor) -> None:
        add_item(session, actor)
        with pytest.raises(Invalid, match="no name"):
            update_item(session, actor, sku="tea-leaves", changes=CatalogItemUpdate(name_en="", name_zh=""))

    def test_unknown_sku_is_not_found(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogItemNotFound, match="no-such"):
            update_item(session, actor, sku="no-such", changes=CatalogItemUpdate(price=Decimal("1")))

    def test_the_change_is_audited_with_before_and_after(self, session: Session, actor: Actor) -> None:
        item = add_item(session, actor)
        update_item(session, actor, sku="tea-leaves", changes=CatalogItemUpdate(price=Decimal("99.5")))
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "catalog.update")).one()
        assert entry.entity_id == item.id and entry.before == {"price": 480} and entry.after == {"price": 99.5}


class TestDeactivateItem:
    def test_item_stays_stored_but_leaves_the_active_list(self, session: Session, actor: Actor) -> None:
        add_item(session, actor)
        deactivate_item(session, actor, sku="tea-leaves")
        assert get_item(session, actor, sku="tea-leaves").active is False
        assert list_items(session, actor, query=CatalogQuery()).total == 0
        assert list_items(session, actor, query=CatalogQuery(status=ItemStatus.inactive)).total == 1


class TestGetItem:
    def test_unknown_sku_says_how_to_find_ids(self, session: Session, actor: Actor) -> None:
        with pytest.raises(CatalogItemNotFound, match="catalog list"):
            get_item(session, actor, sku="nope")


class TestListItems:
    @pytest.fixture
    def stocked(self, session: Session, actor: Actor) -> None:
        import_catalog_file(session, actor, filename="catalog.json", content=_shared_catalog())

    def _skus(self, session: Session, actor: Actor, **filters: object) -> list[str]:
        page = list_items(session, actor, query=CatalogQuery.model_validate(filters), limit=500)
        return [item.sku for item in page.items]

    def test_search_by_chinese_name(self, session: Session, actor: Actor, stocked: None) -> None:
        assert "tea-leaves" in self._skus(session, actor, search="龙井")

    def test_search_by_english_name_ignores_case(self, session: Session, actor: Actor, stocked: None) -> None:
        assert self._skus(session, actor, search="LONGJING") == ["tea-leaves"]

    def test_search_finds_chinese_tags(self, session: Session, actor: Actor, stocked: None) -> None:
        assert set(self._skus(session, actor, search="钓鱼")) == {"fishing-chair", "fishing-lure-set"}

    def test_every_search_word_must_match(self, session: Session, actor: Actor, stocked: None) -> None:
        assert self._skus(session, actor, search="golf lesson") == ["golf-lesson"]

    def test_filter_by_category(self, session: Session, actor: Actor, stocked: None) -> None:
        assert set(self._skus(session, actor, category="Alcohol")) == {"moutai", "red-wine", "whisky", "craft-beer"}

    def test_filter_by_tag_matches_whole_tags(self, session: Session, actor: Actor, stocked: None) -> None:
        assert set(self._skus(session, actor, tag="清真")) == {"halal-snacks"}
        assert self._skus(session, actor, tag="tea") == ["tea-ceremony", "tea-leaves", "tea-pet-color"]
        assert self._skus(session, actor, tag="te") == []

    def test_filter_by_price_range(self, session: Session, actor: Actor, stocked: None) -> None:
        skus = self._skus(session, actor, min_price=Decimal("2000"), max_price=Decimal("2500"))
        assert set(skus) == {"cigarettes-carton", "red-envelope", "skydiving"}

    def test_a_page_reports_the_total(self, session: Session, actor: Actor, stocked: None) -> None:
        page = list_items(session, actor, query=CatalogQuery(), limit=10, offset=70)
        assert page.total == 76 and len(page.items) == 6

    def test_like_wildcards_are_plain_text(self, session: Session, actor: Actor, stocked: None) -> None:
        assert self._skus(session, actor, search="%") == []


class TestPortableCatalog:
    def test_imported_shared_catalog_comes_back_identical(self, session: Session, actor: Actor) -> None:
        import_catalog_file(session, actor, filename="catalog.json", content=_shared_catalog())
        expected = sorted(json.loads(_shared_catalog())["catalog"], key=lambda item: item["id"])
        assert portable_catalog(session) == expected

    def test_extras_appear_only_when_set(self, session: Session, actor: Actor) -> None:
        add_item(session, actor, supplier="天禾", usage_tip_zh="80度水冲泡", stock=0)
        (item,) = portable_catalog(session)
        assert item["supplier"] == "天禾" and item["usage_tip"] == {"en": "", "zh": "80度水冲泡"}
        assert item["stock"] == 0 and "lead_time_days" not in item and "active" not in item

    def test_inactive_items_are_left_out_unless_asked(self, session: Session, actor: Actor) -> None:
        add_item(session, actor)
        deactivate_item(session, actor, sku="tea-leaves")
        assert portable_catalog(session) == []
        assert portable_catalog(session, include_inactive=True)[0]["active"] is False

    def test_it_is_plain_json(self, session: Session, actor: Actor) -> None:
        add_item(session, actor, price="99.90")
        (item,) = portable_catalog(session)
        assert json.loads(json.dumps(item))["price"] == 99.9


class TestExportCatalog:
    @pytest.mark.parametrize("fmt", list(ExportFormat))
    def test_export_reimports_unchanged(self, session: Session, actor: Actor, fmt: ExportFormat) -> None:
        import_catalog_file(session, actor, filename="catalog.json", content=_shared_catalog())
        add_item(session, actor, sku="extra", supplier="天禾", lead_time_days=3, story_prompt="From our orchard.")
        deactivate_item(session, actor, sku="extra")
        content = export_catalog(session, actor, fmt=fmt)
        report = import_catalog_file(session, actor, filename=f"catalog.{fmt.value}", content=content)
        assert (report.total, report.unchanged, report.created, report.updated) == (77, 77, [], [])

    def test_formula_looking_text_stays_text_in_xlsx(self, session: Session, actor: Actor) -> None:
        import io

        from openpyxl import load_workbook

        add_item(session, actor, name_en='=HYPERLINK("http://evil.example","click")')
        sheet = load_workbook(io.BytesIO(export_catalog(session, actor, fmt=ExportFormat.xlsx)))["catalog"]
        assert sheet["B2"].data_type == "s" and sheet["B2"].value.startswith("=HYPERLINK")
