"""The catalog over REST: list/search with pages, get, create, patch, import upload, export download."""

from __future__ import annotations

import io
import json
from importlib import resources

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.catalog.factories import BASIC_HEADER, csv_text, json_file, portable

SHARED = (resources.files("giftwise") / "data" / "catalog" / "catalog.json").read_bytes()
PROBLEM = "application/problem+json"


def _upload(api: TestClient, name: str, content: bytes, **params: str) -> httpx.Response:
    return api.post("/catalog/import", files={"file": (name, content)}, params=params)


@pytest.fixture
def stocked(api: TestClient) -> TestClient:
    """The API with the shared catalog imported."""
    assert _upload(api, "catalog.json", SHARED).status_code == 200
    return api


class TestListItems:
    def test_pages_and_total(self, stocked: TestClient) -> None:
        page = stocked.get("/catalog/items", params={"limit": 10, "offset": 10}).json()
        assert page["total"] == 76 and len(page["items"]) == 10 and page["offset"] == 10

    def test_search_and_filters(self, stocked: TestClient) -> None:
        found = stocked.get("/catalog/items", params={"search": "高尔夫", "max_price": 500}).json()
        assert [item["sku"] for item in found["items"]] == ["golf-balls"]
        by_tag = stocked.get("/catalog/items", params={"tag": "宠物"}).json()
        assert {item["sku"] for item in by_tag["items"]} == {"dog-treats", "cat-tree"}

    def test_bad_filter_is_a_422_problem(self, stocked: TestClient) -> None:
        response = stocked.get("/catalog/items", params={"min_price": -1})
        assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)

    def test_status_filter(self, stocked: TestClient) -> None:
        stocked.patch("/catalog/items/moutai", json={"active": False})
        assert stocked.get("/catalog/items", params={"status": "inactive"}).json()["total"] == 1
        assert stocked.get("/catalog/items", params={"status": "all"}).json()["total"] == 76


class TestGetItem:
    def test_by_sku(self, stocked: TestClient) -> None:
        item = stocked.get("/catalog/items/tea-leaves").json()
        assert item["name_zh"] == "明前龙井茶叶 250克礼罐" and item["price"] == "480.00"

    def test_unknown_sku_is_404_problem(self, api: TestClient) -> None:
        response = api.get("/catalog/items/nope")
        assert response.status_code == 404 and response.json()["error"] == "CatalogItemNotFound"


class TestCreateItem:
    def test_creates_and_returns_201(self, api: TestClient) -> None:
        body = {"sku": "pears", "name_zh": "自家果园的梨", "price": "150", "tags": ["fruit", "梨"]}
        response = api.post("/catalog/items", json=body)
        assert response.status_code == 201 and response.json()["currency"] == "CNY"
        assert api.get("/catalog/items/pears").status_code == 200

    def test_duplicate_is_409(self, api: TestClient) -> None:
        body = {"sku": "pears", "name_zh": "梨", "price": 1}
        api.post("/catalog/items", json=body)
        response = api.post("/catalog/items", json=body)
        assert response.status_code == 409 and "already exists" in response.json()["detail"]

    def test_invalid_values_are_422_with_the_reason(self, api: TestClient) -> None:
        response = api.post("/catalog/items", json={"sku": "x", "name_en": "X", "price": -1, "currency": "RMB"})
        assert response.status_code == 422
        assert "negative" in response.json()["detail"]


class TestPatchItem:
    def test_changes_given_fields(self, stocked: TestClient) -> None:
        item = stocked.patch("/catalog/items/tea-leaves", json={"price": 520, "supplier": "天禾"}).json()
        assert item["price"] == "520.00" and item["supplier"] == "天禾" and item["category"] == "food"

    def test_unknown_sku_is_404(self, api: TestClient) -> None:
        assert api.patch("/catalog/items/nope", json={"price": 1}).status_code == 404


class TestImport:
    def test_idempotent_upload(self, stocked: TestClient) -> None:
        report = _upload(stocked, "catalog.json", SHARED).json()
        assert report == {"created": [], "updated": [], "unchanged": 76, "total": 76}

    def test_rejected_rows_come_back_listed(self, api: TestClient) -> None:
        content = csv_text(BASIC_HEADER, ["a", "A", "", "1", "CNY", "", ""], ["b", "B", "", "-2", "CNY", "", ""])
        response = _upload(api, "c.csv", content.encode())
        body = response.json()
        assert response.status_code == 422 and body["rejected"] == [
            {"line": 3, "sku": "b", "reason": "price -2 is negative; a price must be 0 or more"}
        ]
        assert api.get("/catalog/items").json()["total"] == 0

    def test_wrong_format_is_one_sentence(self, api: TestClient) -> None:
        response = _upload(api, "c.pdf", b"%PDF-1.4")
        assert response.status_code == 422 and "none of these" in response.json()["detail"]

    def test_format_parameter_overrides_the_name(self, api: TestClient) -> None:
        response = _upload(api, "upload", json_file(portable()), format="json")
        assert response.json()["created"] == ["tea-leaves"]


class TestExport:
    def test_json_is_the_shared_shape(self, stocked: TestClient) -> None:
        response = stocked.get("/catalog/export", params={"format": "json"})
        assert response.headers["content-type"].startswith("application/json")
        assert "attachment" in response.headers["content-disposition"]
        exported = sorted(json.loads(response.content)["catalog"], key=lambda i: i["id"])
        assert exported == sorted(json.loads(SHARED)["catalog"], key=lambda i: i["id"])

    def test_csv_opens_in_excel_as_utf8(self, stocked: TestClient) -> None:
        response = stocked.get("/catalog/export", params={"format": "csv"})
        assert response.content.startswith(b"\xef\xbb\xbfid,name_en,name_zh")
        assert "明前龙井" in response.content.decode("utf-8-sig")

    def test_xlsx_is_a_workbook_with_a_catalog_sheet(self, stocked: TestClient) -> None:
        content = stocked.get("/catalog/export", params={"format": "xlsx"}).content
        sheet = load_workbook(io.BytesIO(content))["catalog"]
        assert sheet.max_row == 77 and sheet["A1"].value == "id"

    def test_unknown_format_is_422(self, api: TestClient) -> None:
        assert api.get("/catalog/export", params={"format": "pdf"}).status_code == 422
