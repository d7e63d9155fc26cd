"""The contacts REST API: organizations, contacts, notes, import and export, with problem details."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

PROBLEM = "application/problem+json"


def _org(api: TestClient, name: str = "华为", **extra: Any) -> dict[str, Any]:
    response = api.post("/organizations", json={"name": name, **extra})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _contact(api: TestClient, name: str = "王建国", **extra: Any) -> dict[str, Any]:
    response = api.post("/contacts", json={"name": name, **extra})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["detail"]
    return body


class TestOrganizationRoutes:
    def test_create_show_edit_archive_restore(self, api: TestClient) -> None:
        org = _org(api, "Acme Imports", country="Germany")
        assert api.get(f"/organizations/{org['id']}").json()["country"] == "Germany"
        assert api.patch(f"/organizations/{org['id']}", json={"industry": "food"}).json()["industry"] == "food"
        assert api.post(f"/organizations/{org['id']}/archive").json()["archived"] is True
        assert api.get("/organizations").json()["total"] == 0
        assert api.get("/organizations", params={"include_archived": True}).json()["total"] == 1
        assert api.post(f"/organizations/{org['id']}/restore").json()["archived"] is False

    def test_list_searches_and_pages(self, api: TestClient) -> None:
        for name in ("华为技术", "华润集团", "Acme"):
            _org(api, name)
        page = api.get("/organizations", params={"q": "华", "limit": 1, "offset": 1}).json()
        assert (page["total"], [o["name"] for o in page["items"]]) == (2, ["华润集团"])

    def test_duplicate_is_409_problem(self, api: TestClient) -> None:
        _org(api, "Acme")
        assert "already exists" in _is_problem(api.post("/organizations", json={"name": "acme"}), 409)["detail"]

    def test_unknown_id_is_404_problem(self, api: TestClient) -> None:
        _is_problem(api.get("/organizations/999"), 404)
        _is_problem(api.patch("/organizations/999", json={"name": "x"}), 404)

    def test_missing_name_is_422_problem(self, api: TestClient) -> None:
        body = _is_problem(api.post("/organizations", json={"country": "China"}), 422)
        assert body["errors"][0]["field"] == "name"


class TestContactRoutes:
    def test_create_and_show(self, api: TestClient) -> None:
        org = _org(api)
        created = _contact(
            api, organization_id=org["id"], phone="+86 138 0013 8000", birthday_calendar="lunar",
            birthday_month=8, birthday_day=15,
        )  # fmt: skip
        shown = api.get(f"/contacts/{created['id']}").json()
        assert (shown["organization"], shown["owner"], shown["birthday_day"]) == ("华为", "me", 15)

    def test_month_13_is_422_problem(self, api: TestClient) -> None:
        body = _is_problem(api.post("/contacts", json={"name": "x", "birthday_month": 13, "birthday_day": 40}), 422)
        assert "Birthday month must be at most 12." in body["detail"]
        assert "birthday_month" in [e["field"] for e in body["errors"]]

    def test_impossible_day_is_422_with_a_sentence(self, api: TestClient) -> None:
        body = _is_problem(api.post("/contacts", json={"name": "x", "birthday_month": 2, "birthday_day": 30}), 422)
        assert "day 30 does not exist in month 2" in body["detail"]

    def test_duplicate_is_409_problem(self, api: TestClient) -> None:
        _contact(api, email="wang@x.cn")
        body = _is_problem(api.post("/contacts", json={"name": "Wang", "email": "wang@x.cn"}), 409)
        assert body["error"] == "Conflict" and body["field"] == "email"

    def test_list_filters_search_and_pages(self, api: TestClient) -> None:
        _contact(api, "王建国", name_latin="Wang Jianguo")
        _contact(api, "李局长", public_official=True)
        _contact(api, "John Smith", relationship="prospect")
        assert [c["name"] for c in api.get("/contacts", params={"q": "wang"}).json()["items"]] == ["王建国"]
        assert api.get("/contacts", params={"public_official": True}).json()["items"][0]["name"] == "李局长"
        assert api.get("/contacts", params={"relationship": "prospect"}).json()["total"] == 1
        page = api.get("/contacts", params={"limit": 2}).json()
        assert (len(page["items"]), page["total"], page["limit"]) == (2, 3, 2)
        _is_problem(api.get("/contacts", params={"relationship": "friend"}), 422)
        _is_problem(api.get("/contacts", params={"limit": 0}), 422)

    def test_edit_archive_restore(self, api: TestClient) -> None:
        contact = _contact(api, role="经理", phone="13800138000")
        edited = api.patch(f"/contacts/{contact['id']}", json={"role": "总监", "phone": None}).json()
        assert (edited["role"], edited["phone"]) == ("总监", None)
        assert api.post(f"/contacts/{contact['id']}/archive").json()["archived"] is True
        assert api.get("/contacts").json()["total"] == 0
        assert api.get("/contacts", params={"archived": True}).json()["total"] == 1
        assert api.post(f"/contacts/{contact['id']}/restore").json()["archived"] is False

    def test_unknown_id_is_404_problem(self, api: TestClient) -> None:
        for response in (
            api.get("/contacts/999"),
            api.patch("/contacts/999", json={"role": "x"}),
            api.post("/contacts/999/archive"),
            api.get("/contacts/999/notes"),
            api.post("/contacts/999/notes", json={"text": "x"}),
        ):
            _is_problem(response, 404)


class TestNoteRoutes:
    def test_add_and_list_newest_first(self, api: TestClient, frozen_clock: object) -> None:
        contact = _contact(api)
        for on, text in (("2026-10-01", "第一次见面"), ("2026-11-02", "她女儿考上大学了")):
            response = api.post(f"/contacts/{contact['id']}/notes", json={"text": text, "on": on, "channel": "meeting"})
            assert response.status_code == 201
        page = api.get(f"/contacts/{contact['id']}/notes").json()
        assert [n["text"] for n in page["items"]] == ["她女儿考上大学了", "第一次见面"]

    @pytest.mark.parametrize(
        "body",
        [
            {"text": ""},
            {"text": "x", "channel": "pigeon"},
            {"text": "x", "kind": "rumour"},
            {"text": "x", "on": "2026-13-40"},
        ],
    )
    def test_bad_note_is_422(self, api: TestClient, body: dict[str, str]) -> None:
        contact = _contact(api)
        _is_problem(api.post(f"/contacts/{contact['id']}/notes", json=body), 422)


class TestImportExportRoutes:
    CSV = "name,organization,phone,email\n王建国,华为,13800138000,wang@x.cn\nJohn,Acme,,john@acme.com\n"

    def _upload(self, api: TestClient, content: bytes, name: str = "book.csv", **data: str) -> Any:
        return api.post("/contacts/import", files={"file": (name, content)}, data=data)

    def test_import_returns_the_report_and_is_idempotent(self, api: TestClient) -> None:
        first = self._upload(api, self.CSV.encode()).json()
        assert (first["created"], first["organizations_created"], first["applied"]) == (2, 2, True)
        second = self._upload(api, self.CSV.encode()).json()
        assert (second["created"], second["unchanged"]) == (0, 2)

    def test_rejected_rows_are_422_with_their_lines_and_nothing_written(self, api: TestClient) -> None:
        content = (self.CSV + "李四,,,,\n张三,,,bad-mail\n").encode()
        body = _is_problem(self._upload(api, content), 422)
        assert "nothing was imported" in body["detail"]
        lines = [(r["line"], r["reason"][:10]) for r in body["report"]["rejected"]]
        assert [line for line, _ in lines] == [5]
        assert api.get("/contacts").json()["total"] == 0

    def test_skip_invalid_imports_the_rest(self, api: TestClient) -> None:
        content = (self.CSV + "张三,,,bad-mail\n").encode()
        report = self._upload(api, content, skip_invalid="true").json()
        assert (report["created"], [r["line"] for r in report["rejected"]]) == (2, [4])

    def test_unknown_column_and_wrong_format_are_422(self, api: TestClient) -> None:
        assert "unknown column 'shoe size'" in _is_problem(self._upload(api, b"name,shoe size\na,42\n"), 422)["detail"]
        assert ".csv, .xlsx and .vcf" in _is_problem(self._upload(api, b"%PDF", "book.pdf"), 422)["detail"]

    def test_gbk_upload(self, api: TestClient) -> None:
        assert self._upload(api, "姓名,公司\n王建国,华为\n".encode("gbk")).json()["created"] == 1

    @pytest.mark.parametrize(
        ("fmt", "kind", "marker"),
        [
            ("csv", "text/csv", "王建国".encode()),
            ("vcf", "text/vcard", b"BEGIN:VCARD"),
            ("xlsx", "spreadsheetml", b"PK"),
        ],
    )
    def test_export_formats(self, api: TestClient, fmt: str, kind: str, marker: bytes) -> None:
        self._upload(api, self.CSV.encode())
        response = api.get("/contacts/export", params={"format": fmt})
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert marker in response.content
        assert f"contacts.{fmt}" in response.headers["content-disposition"]

    def test_xlsx_export_opens_in_excel_shape(self, api: TestClient) -> None:
        self._upload(api, self.CSV.encode())
        sheet = load_workbook(io.BytesIO(api.get("/contacts/export", params={"format": "xlsx"}).content)).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "name" and {r[0] for r in rows[1:]} == {"王建国", "John"}

    def test_vcard_3_export_and_bad_format(self, api: TestClient) -> None:
        self._upload(api, self.CSV.encode())
        assert b"VERSION:3.0" in api.get("/contacts/export", params={"format": "vcf", "vcard_version": "3.0"}).content
        _is_problem(api.get("/contacts/export", params={"format": "pdf"}), 422)
