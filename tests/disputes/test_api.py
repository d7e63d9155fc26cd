"""The story and the bad input over REST: JSON in and out, multipart evidence, zip export, problem details."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from hashlib import sha256
from typing import Any

import pytest
from fastapi.testclient import TestClient

from giftwise.core.settings import get_settings
from tests.factories import PNG_BYTES, World, at


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    return body


def order(api: TestClient, world: World, quantity: int = 20, reference: str = "PO-118") -> dict[str, Any]:
    return ok(api.post("/orders", json={"contact_id": world.contact.id, "reference": reference, "lines": [
        {"sku": "cosmetic-bag", "quantity": quantity, "unit_cost": "40", "unit_price": "95"}]}), 201)


def purposes(api: TestClient) -> set[str]:
    board = ok(api.get("/agenda", params={"days": 90}))
    return {t["purpose"] for part in ("overdue", "today", "upcoming") for t in board[part]}


class TestStoryOverRest:
    def test_promise_to_reorder(self, api: TestClient, world: World) -> None:
        for on, value in (("2026-02-10", "1800"), ("2026-06-15", "2100")):
            ok(api.post("/outcomes", json={"contact_id": world.contact.id, "kind": "order", "value": value,
                                           "on": on}), 201)
        first = order(api, world)
        promise = ok(api.post("/promises", json={
            "contact_id": world.contact.id, "order_id": first["id"], "sku": "cosmetic-bag", "quantity": 2,
            "condition": "once payment is received", "due_on": "2026-11-10"}), 201)
        assert "keep-promise" in purposes(api)

        at(date(2026, 11, 5))
        ok(api.post(f"/orders/{first['id']}/payment", json={}))
        parcel = ok(api.post("/shipments", json={"order_id": first["id"], "route": "express"}), 201)
        assert [ln["kind"] for ln in parcel["lines"]] == ["ordered", "promised"]
        sid = parcel["id"]
        kept = ok(api.post(f"/shipments/{sid}/evidence", files={"file": ("parcel.png", PNG_BYTES, "image/png")},
                           data={"weight_kg": "6.6", "note": "22 bags"}), 201)
        assert [e["kind"] for e in kept] == ["photo", "weight"]
        assert kept[0]["sha256"] == sha256(PNG_BYTES).hexdigest() and kept[0]["verified"] == "ok"
        assert ok(api.post(f"/shipments/{sid}/pack", json={}))["packed_units"] == 22
        ok(api.post(f"/shipments/{sid}/ship", json={"carrier": "DHL", "tracking_number": "JD0146"}))
        assert ok(api.get(f"/promises/{promise['id']}"))["status"] == "kept"
        export = api.get(f"/shipments/{sid}/export")
        assert export.status_code == 200 and export.headers["content-type"] == "application/zip"
        assert len(zipfile.ZipFile(io.BytesIO(export.content)).namelist()) == 2

        at(date(2026, 11, 16))
        dispute = ok(api.post("/disputes", json={
            "shipment_id": sid, "claim": "short", "quantity": 2, "hours_spent": "16",
            "client_words": "Only 20 bags arrived!", "surprise_sku": "velvet-bag", "surprise_quantity": 3}), 201)
        did = dispute["id"]
        advice = ok(api.get(f"/disputes/{did}/advice"))
        assert advice["recommended"] == "resend_surprise"
        assert Decimal(advice["break_even_lifetime_value"]) == 0
        assert len(advice["explanation"]["zh"]) == len(advice["explanation"]["en"]) == 10
        for language in ("en", "zh"):
            draft = ok(api.get(f"/disputes/{did}/draft", params={"language": language}))
            assert draft["calm"] and draft["flagged_words"] == []
        resolved = ok(api.post(f"/disputes/{did}/resolve", json={}))
        assert len(resolved["touch_ids"]) == 3
        assert ok(api.get(f"/gifts/{resolved['gift_id']}"))["occasion"] == "apology"
        assert {"confirm-receipt", "sample-feedback", "offer-next-order"} <= purposes(api)

        at(date(2026, 12, 20))
        order(api, world, quantity=30, reference="PO-131")
        closed = ok(api.post(f"/disputes/{did}/close", json={}))
        assert closed["outcome"] == "reordered" and Decimal(closed["reorder_value"]) == 2850


class TestBadInputOverRest:
    def test_negative_quantity_is_422(self, api: TestClient, world: World) -> None:
        body = problem(api.post("/orders", json={"contact_id": world.contact.id, "lines": [
            {"sku": "cosmetic-bag", "quantity": -2, "unit_cost": "40", "unit_price": "95"}]}), 422)
        assert body["detail"] == "Quantity must be more than 0." and body["errors"][0]["field"] == "lines.0.quantity"

    def test_claim_on_unknown_shipment_is_404(self, api: TestClient, world: World) -> None:
        body = problem(api.post("/disputes", json={"shipment_id": 999, "claim": "short", "quantity": 2}), 404)
        assert body["detail"] == "No shipment with id 999."

    def test_upload_without_anything_is_422(self, api: TestClient, world: World) -> None:
        sid = ok(api.post("/shipments", json={"order_id": order(api, world)["id"]}), 201)["id"]
        assert "photo, a weight" in problem(api.post(f"/shipments/{sid}/evidence", data={}), 422)["detail"]

    def test_too_large_upload_is_422_and_keeps_nothing(
        self, api: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        sid = ok(api.post("/shipments", json={"order_id": order(api, world)["id"]}), 201)["id"]
        monkeypatch.setattr(get_settings(), "evidence_max_bytes", 20)
        body = problem(api.post(f"/shipments/{sid}/evidence",
                                files={"file": ("parcel.jpg", b"\xff" * 21, "image/jpeg")}), 422)
        assert "at most" in body["detail"]
        assert ok(api.get(f"/shipments/{sid}/evidence")) == []

    def test_packing_with_a_missing_promise_is_409(self, api: TestClient, world: World) -> None:
        first = order(api, world)
        promise = ok(api.post("/promises", json={
            "contact_id": world.contact.id, "order_id": first["id"], "sku": "cosmetic-bag", "quantity": 2,
            "condition": "once paid", "due_on": "2026-11-10"}), 201)
        sid = ok(api.post("/shipments", json={"order_id": first["id"]}), 201)["id"]
        ok(api.post(f"/orders/{first['id']}/payment", json={}))
        body = problem(api.post(f"/shipments/{sid}/pack", json={}), 409)
        assert body["error"] == "PromiseMissing" and f"promise {promise['id']}" in body["detail"]
        packed = ok(api.post(f"/shipments/{sid}/pack", json={"missing_promises_reason": "sent by post separately"}))
        assert packed["missing_promises_reason"] == "sent by post separately"

    def test_unknown_dispute_advice_is_404(self, api: TestClient, world: World) -> None:
        problem(api.get("/disputes/5/advice"), 404)
