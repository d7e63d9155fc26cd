"""Gifts over REST and the CLI: answers, problem details and one-line errors for bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.models.gifts import Gift
from tests.factories import make_contact, make_item, pear


@pytest.fixture
def book(session: Session, actor: Actor) -> int:
    """A contact with a catalog item; returns the contact id."""
    contact = make_contact(session, actor)
    make_item(session, **pear())
    session.commit()
    return contact.id


class TestGiftsApi:
    def test_plan_list_show_and_edit(self, api: TestClient, book: int, frozen_clock: date) -> None:
        created = api.post("/gifts", json={"contact_id": book, "sku": "pear-orchard", "occasion": "get-well"})
        assert created.status_code == 201
        gift = created.json()
        assert gift["kind"] == "care" and gift["events"][0]["to_status"] == "planned"
        assert gift["compliance_notes"] == [] and gift["needs_approval"] is False  # compliance found nothing
        listed = api.get("/gifts", params={"contact_id": book, "limit": 1}).json()
        assert listed["total"] == 1 and listed["items"][0]["id"] == gift["id"]
        edited = api.patch(f"/gifts/{gift['id']}", json={"card_text": "王总，早日康复！"})
        assert edited.json()["card_text"] == "王总，早日康复！"
        preview = api.get(f"/gifts/{gift['id']}/drafts", params={"situation": "empathy", "language": "en"}).json()
        assert preview["language"] == "en" and api.get(f"/gifts/{gift['id']}").json()["card_text"] == "王总，早日康复！"
        saved = api.post(f"/gifts/{gift['id']}/drafts", json={"situation": "get-well"}).json()
        assert api.get(f"/gifts/{gift['id']}").json()["card_text"] == saved["card_text"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"occasion": "festival"}, "say what the gift is"),
            ({"sku": "pear-orchard", "item_id": 1}, "either item_id or sku"),
            ({"sku": "pear-orchard", "cost": "-5"}, "cost"),
            ({"sku": "pear-orchard", "kind": "bribe"}, "kind"),
            ({"sku": "pear-orchard", "currency": "dollars"}, "currency"),
        ],
    )
    def test_bad_input_is_a_422_problem_and_writes_nothing(
        self, api: TestClient, book: int, session: Session, body: dict[str, object], field: str
    ) -> None:
        response = api.post("/gifts", json={"contact_id": book, **body})
        assert response.status_code == 422 and field in response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert session.scalar(select(func.count()).select_from(Gift)) == 0

    def test_unknown_ids_are_404(self, api: TestClient, book: int) -> None:
        assert api.get("/gifts/999").status_code == 404
        assert api.post("/gifts/999/transitions", json={"to_status": "approved"}).status_code == 404
        assert api.post("/gifts", json={"contact_id": 999, "description": "x", "item_kind": "goods",
                                        "cost": "1"}).status_code == 404

    def test_wrong_step_is_409_with_the_sentence(self, api: TestClient, book: int, frozen_clock: date) -> None:
        gift = api.post("/gifts", json={"contact_id": book, "sku": "pear-orchard"}).json()
        response = api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "shipped"})
        assert response.status_code == 409
        assert response.json()["detail"] == "A gift must be ordered before it is shipped; this one is 'planned'."

    def test_unknown_status_is_422(self, api: TestClient, book: int) -> None:
        gift = api.post("/gifts", json={"contact_id": book, "sku": "pear-orchard"}).json()
        assert api.post(f"/gifts/{gift['id']}/transitions", json={"to_status": "sent"}).status_code == 422


class TestGiftsCli:
    def test_plan_mark_show_and_list(self, cli: CliRunner, book: int, frozen_clock: date) -> None:
        planned = cli.invoke(
            app, ["gifts", "plan", "王建国", "--item", "pear-orchard", "--reason", "您说家里老人爱吃梨", "-f", "json"]
        )
        assert planned.exit_code == 0, planned.output
        gift = json.loads(planned.output)
        assert "您说家里老人爱吃梨" in gift["story"]
        assert cli.invoke(app, ["gifts", "mark", str(gift["id"]), "ordered"]).exit_code == 0
        shown = cli.invoke(app, ["gifts", "show", str(gift["id"])])
        assert shown.exit_code == 0 and "这梨是我姥爷种的" in shown.output and "ordered" in shown.output
        listed = cli.invoke(app, ["gifts", "list", "--status", "ordered", "-f", "json"])
        assert json.loads(listed.output)["total"] == 1

    def test_step_shortcuts(self, cli: CliRunner, book: int, frozen_clock: date) -> None:
        gift = json.loads(cli.invoke(app, ["gifts", "plan", str(book), "-d", "x", "--item-kind", "goods", "--cost",
                                           "5", "-f", "json"]).output)
        for verb in ("approve", "order", "ship", "deliver"):
            assert cli.invoke(app, ["gifts", verb, str(gift["id"])]).exit_code == 0
        refused = cli.invoke(app, ["gifts", "refuse", str(gift["id"]), "--reason", "budget: 太贵重了", "-f", "json"])
        assert refused.exit_code == 0 and json.loads(refused.output)["status_reason"] == "budget"

    def test_edit_and_drafts(self, cli: CliRunner, book: int, frozen_clock: date) -> None:
        gift = json.loads(
            cli.invoke(app, ["gifts", "plan", str(book), "-d", "家乡茶叶", "--item-kind", "drink", "--cost", "88",
                             "-f", "json"]).output
        )
        edited = cli.invoke(app, ["gifts", "edit", str(gift["id"]), "--card", "谢谢王总！", "-f", "json"])
        assert json.loads(edited.output)["card_text"] == "谢谢王总！"
        drafted = cli.invoke(app, ["gifts", "drafts", str(gift["id"]), "--situation", "wedding", "--language", "en"])
        assert drafted.exit_code == 0 and "wedding" in drafted.output

    @pytest.mark.parametrize(
        ("args", "message", "code"),
        [
            (["gifts", "plan", "王建国"], "say what the gift is", 2),
            (["gifts", "plan", "nobody", "-d", "x", "--item-kind", "goods", "--cost", "1"],
             "No contact named 'nobody'", 3),
            (["gifts", "plan", "王建国", "--item", "nope"], "No catalog item with sku 'nope'", 3),
            (["gifts", "plan", "王建国", "-d", "x", "--cost", "5"], "voucher (voucher or card", 2),
            (["gifts", "plan", "王建国", "-d", "x", "--item-kind", "goods", "--cost", "abc"], "Cost must be a number",
             2),
            (["gifts", "mark", "999", "approved"], "No gift with id 999", 3),
            (["gifts", "show", "999"], "No gift with id 999", 3),
        ],
    )
    def test_bad_input_is_one_red_line(
        self, cli: CliRunner, book: int, args: list[str], message: str, code: int
    ) -> None:
        result = cli.invoke(app, args)
        assert result.exit_code == code and message in result.output and "Traceback" not in result.output

    def test_wrong_step_and_bad_date(self, cli: CliRunner, book: int, frozen_clock: date) -> None:
        gift = json.loads(cli.invoke(app, ["gifts", "plan", str(book), "-d", "x", "--item-kind", "goods", "--cost",
                                           "5", "-f", "json"]).output)
        wrong = cli.invoke(app, ["gifts", "mark", str(gift["id"]), "delivered"])
        assert wrong.exit_code == 4 and "must be shipped before it is delivered" in wrong.output
        bad_date = cli.invoke(app, ["gifts", "mark", str(gift["id"]), "ordered", "--on", "2026-13-40"])
        assert bad_date.exit_code == 2 and "Date must be a date like 2026-11-20" in bad_date.output
        assert "Traceback" not in bad_date.output
        future = cli.invoke(app, ["gifts", "mark", str(gift["id"]), "ordered", "--on", "2027-01-01"])
        assert future.exit_code == 2 and "in the future" in future.output
