"""The story and the bad input through the ``giftwise`` command, JSON out, one red line on error."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.settings import reset_settings
from tests.factories import World, at, photo_file


def run(cli: CliRunner, *args: str) -> Any:
    result = cli.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def num(value: Any) -> Decimal:
    return Decimal(str(value))


def fails(cli: CliRunner, *args: str, code: int) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.output


def agenda_purposes(cli: CliRunner) -> set[str]:
    board = run(cli, "agenda", "--days", "90")
    return {t["purpose"] for part in ("overdue", "today", "upcoming") for t in board[part]}


class TestStoryOnTheCommandLine:
    def test_promise_to_reorder(self, cli: CliRunner, world: World, tmp_path: Path) -> None:
        anna = str(world.contact.id)
        for on, value in (("2026-02-10", "1800"), ("2026-06-15", "2100")):  # her earlier orders, in the ledger
            run(cli, "outcomes", "add", anna, "order", "--value", value, "--on", on)
        order = run(cli, "orders", "add", anna, "--line", "cosmetic-bag:20:40:95", "--reference", "PO-118")
        assert (num(order["value"]), num(order["profit"])) == (1900, 1100)
        promise = run(cli, "promises", "add", anna, "--order", str(order["id"]), "--item", "cosmetic-bag",
                      "--quantity", "2", "--condition", "once payment is received", "--due", "2026-11-10")
        assert promise["condition_kind"] == "payment_received" and not promise["condition_met"]
        assert "keep-promise" in agenda_purposes(cli)

        at(date(2026, 11, 5))
        assert run(cli, "orders", "pay", str(order["id"]))["payment_received_on"] == "2026-11-05"
        parcel = run(cli, "shipments", "prepare", str(order["id"]), "--route", "express")
        assert [(ln["kind"], ln["quantity"], ln["promised_extra"]) for ln in parcel["lines"]] == [
            ("ordered", 20, False), ("promised", 2, True)]
        sid = str(parcel["id"])
        kept = run(cli, "shipments", "evidence", "add", sid, "--photo", str(photo_file(tmp_path)),
                   "--weight", "6.6", "--note", "22 bags, counted twice")
        assert [e["kind"] for e in kept] == ["photo", "weight"]
        assert run(cli, "shipments", "pack", sid)["packed_units"] == 22
        assert run(cli, "shipments", "ship", sid, "--carrier", "DHL", "--tracking", "JD0146")["status"] == "shipped"
        assert run(cli, "promises", "list", "--status", "kept")["total"] == 1
        assert [e["verified"] for e in run(cli, "shipments", "evidence", "list", sid)] == ["ok", None]
        exported = run(cli, "shipments", "export", sid, "--out", str(tmp_path / "evidence.zip"))
        assert exported["evidence"] == 2 and exported["unverified"] == []
        assert "manifest.json" in zipfile.ZipFile(tmp_path / "evidence.zip").namelist()

        at(date(2026, 11, 16))
        dispute = run(cli, "disputes", "open", sid, "--claim", "short", "--quantity", "2", "--hours", "16",
                      "--words", "Only 20 bags arrived!", "--surprise", "velvet-bag", "--surprise-quantity", "3")
        did = str(dispute["id"])
        advice = run(cli, "disputes", "advice", did)
        assert advice["recommended"] == "resend_surprise"
        table = cli.invoke(app, ["disputes", "advice", did, "--language", "zh"])
        assert "补发并附赠惊喜" in table.output and "不再下单" in table.output
        for language in ("en", "zh"):
            draft = run(cli, "disputes", "draft", did, "--language", language)
            assert draft["calm"] and "22" in draft["text"]
        resolved = run(cli, "disputes", "resolve", did)
        assert resolved["gift_id"] and resolved["resend_shipment_id"]
        assert {"confirm-receipt", "sample-feedback", "offer-next-order"} <= agenda_purposes(cli)

        at(date(2026, 12, 20))
        run(cli, "orders", "add", anna, "--line", "cosmetic-bag:30:40:95", "--reference", "PO-131")
        listed = run(cli, "disputes", "list")["items"][0]
        assert num(listed["reorder_value"]) == 2850
        closed = run(cli, "disputes", "close", did)
        assert (closed["outcome"], num(closed["outcome_value"])) == ("reordered", 2850)


class TestBadInputOnTheCommandLine:
    def test_negative_quantity(self, cli: CliRunner, world: World) -> None:
        output = fails(cli, "orders", "add", str(world.contact.id), "--line", "cosmetic-bag:-2:40:95", code=2)
        assert "Quantity must be more than 0." in output

    def test_malformed_line(self, cli: CliRunner, world: World) -> None:
        output = fails(cli, "orders", "add", str(world.contact.id), "--line", "cosmetic-bag", code=2)
        assert "ITEM:QUANTITY:UNIT_COST:UNIT_PRICE" in output

    def test_claim_on_unknown_shipment(self, cli: CliRunner, world: World) -> None:
        output = fails(cli, "disputes", "open", "999", "--claim", "short", "--quantity", "2", code=3)
        assert "No shipment with id 999" in output

    def test_unknown_claim_kind(self, cli: CliRunner, world: World) -> None:
        output = fails(cli, "disputes", "open", "1", "--claim", "sad", "--quantity", "2", code=2)
        assert "Claim must be one of" in output

    def test_missing_and_too_large_evidence_files(
        self, cli: CliRunner, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        order = run(cli, "orders", "add", str(world.contact.id), "--line", "cosmetic-bag:20:40:95")
        sid = str(run(cli, "shipments", "prepare", str(order["id"]))["id"])
        assert "does not exist" in fails(cli, "shipments", "evidence", "add", sid, "--photo",
                                         str(tmp_path / "nope.jpg"), code=2)
        monkeypatch.setenv("GIFTWISE_EVIDENCE_MAX_BYTES", "10")
        reset_settings()
        assert "at most" in fails(cli, "shipments", "evidence", "add", sid, "--photo",
                                  str(photo_file(tmp_path)), code=2)
        assert run(cli, "shipments", "evidence", "list", sid) == []

    def test_packing_with_a_missing_promise(self, cli: CliRunner, world: World) -> None:
        anna = str(world.contact.id)
        order = run(cli, "orders", "add", anna, "--line", "cosmetic-bag:20:40:95")
        promise = run(cli, "promises", "add", anna, "--order", str(order["id"]), "--item", "cosmetic-bag",
                      "--quantity", "2", "--condition", "once paid", "--due", "2026-11-10")
        sid = str(run(cli, "shipments", "prepare", str(order["id"]))["id"])
        run(cli, "orders", "pay", str(order["id"]))
        output = fails(cli, "shipments", "pack", sid, code=4)
        assert f"--promise {promise['id']}" in output
        parcel = run(cli, "shipments", "add-line", sid, "--promise", str(promise["id"]))
        assert parcel["lines"][-1]["promised_extra"] is True
        assert run(cli, "shipments", "pack", sid)["packed_units"] == 22
