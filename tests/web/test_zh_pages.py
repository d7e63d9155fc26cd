"""A Chinese page shows stored values (relationships, categories, occasions, purposes, channels, statuses) in
Chinese words, never as the English ids the database keeps."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.campaigns.schemas import CampaignCreate
from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import label
from giftwise.core.settings import reset_settings
from giftwise.core.validation import field_errors
from giftwise.followups import service as followups
from giftwise.followups.schemas import TouchCreate
from giftwise.gifts import lifecycle
from giftwise.gifts.schemas import GiftCreate
from giftwise.workflows import gift_steps
from tests.cli_run import run
from tests.e2e.world import World, _item, build_world

# Stored ids a zh reader must never see as they are (whole words of the page's visible text).
RAW = ("client", "customer", "prospect", "partner", "alcohol", "food", "tea", "outdoor", "birthday", "get-well",
       "thank-you", "follow up", "follow-up", "keep promise", "keep-promise", "keep-in-touch", "keep in touch", "call",
       "message", "email", "planned", "ordered", "shipped", "delivered", "returned", "care", "token", "obligation")


class _Visible(HTMLParser):
    """The text a reader sees: no tags, no attribute values, no scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    """The visible text of ``html``, one space between pieces."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def raw_ids(text: str) -> list[str]:
    """The stored ids that appear in ``text`` as whole words."""
    return [word for word in RAW if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)]


@pytest.fixture
def book(session: Session, actor: Actor, tmp_path: Path) -> World:
    """The browser tests' book plus the values the trial saw leak: partners, customers, a birthday bottle of
    wine, a get-well basket, follow-up and promise touches by e-mail and message."""
    clock.set_now(date(2026, 11, 20))
    world = build_world(session, actor, tmp_path)
    _item(session, actor, "red-wine", "波尔多红酒", "Bordeaux red", "300", "alcohol")
    for name, relationship in (("陈晨", "partner"), ("刘洋", "customer")):
        contacts.create_contact(session, actor, data=ContactCreate(name=name, language="zh",
                                                                   relationship=relationship))  # type: ignore[arg-type]
    for occasion in ("birthday", "get-well"):
        gift_steps.plan(session, actor, data=GiftCreate(contact_id=world.li, sku="red-wine", occasion=occasion))
    for purpose, channel in (("follow-up", "email"), ("keep-promise", "message")):
        followups.create_touch(session, actor, data=TouchCreate(
            contact_id=world.wang, purpose=purpose, channel=channel, due_on=date(2026, 11, 20)))  # type: ignore[arg-type]
    session.commit()
    yield world
    clock.set_now(None)


def test_every_stored_value_has_words_in_both_languages() -> None:
    assert label("relationship", "client", "zh") == "客户"
    assert label("category", "cash equivalent", "en") == "cash equivalent"
    assert label("category", "cash equivalent", "zh") != "cash equivalent"
    assert label("category", "something typed", "zh") == "something typed"  # a user's own word stays
    assert label("status", None, "zh") == ""


@pytest.mark.parametrize("path", ["/app", "/app/contacts", "contact", "/app/ledger", "/app/ledger?by=category",
                                  "/app/gifts", "gift", "/app/campaigns", "campaign", "/app/disputes", "dispute",
                                  "/app/contacts/import", "/app/contacts/duplicates"])
def test_a_chinese_page_shows_no_stored_english_id(api: TestClient, book: World, path: str) -> None:
    url = {"contact": f"/app/contacts/{book.wang}", "gift": f"/app/gifts/{book.pear_gift}",
           "campaign": f"/app/campaigns/{book.campaign}", "dispute": f"/app/disputes/{book.dispute}"}.get(path, path)
    page = api.get(url, params={"lang": "zh"})
    assert page.status_code == 200
    assert raw_ids(visible(page.text)) == []


@pytest.mark.parametrize(("current", "target"), [("cancelled", "shipped"), ("planned", "delivered"),
                                                 ("ordered", "acknowledged"), ("shipped", "planned")])
def test_a_refused_step_names_the_statuses_in_the_readers_language(current: str, target: str) -> None:
    with pytest.raises(GiftwiseError) as refused:
        lifecycle.check_step(current, target, needs_approval=False)
    zh, en = refused.value.sentence("zh"), refused.value.sentence("en")
    assert not re.search(r"[A-Za-z]{3,}", zh), zh
    assert label("status", target, "en") in en or label("status", current, "en") in en


def test_an_unknown_record_is_named_in_the_readers_language(api: TestClient, book: World) -> None:
    page = api.get("/app/gifts/99999", params={"lang": "zh"})
    assert page.status_code == 404
    assert "没有编号为 99999 的礼物" in visible(page.text)


def test_a_cap_above_the_budget_is_refused_in_words_not_field_ids() -> None:
    with pytest.raises(ValidationError) as refused:
        CampaignCreate(name="春节", metric="reply", target_count=5, window_days=30, total_budget=Decimal("100"),
                       per_contact_cap=Decimal("200"))
    worded = field_errors(refused.value, "zh")
    assert worded and all(not re.search(r"[A-Za-z_]{3,}", text) for text in worded.values()), worded


def test_a_chinese_cli_table_words_its_headings_flags_and_relationships(
    cli: CliRunner, book: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIFTWISE_LANGUAGE", "zh")
    reset_settings()
    shown = run(cli, "contacts", "list").output
    assert "关系" in shown and "公职人员" in shown and "合作伙伴" in shown
    assert raw_ids(shown) == [] and not re.search(r"\b(True|False|public_official|relationship)\b", shown), shown
    touches = run(cli, "touches", "list").output
    assert "到期日" in touches and "跟进" in touches and "进行中" in touches
    # (the result column is the rep's own free text, so only the stored ids are looked for)
    assert not re.search(r"\b(due_on|open|status|call|email|follow-up|keep-in-touch|pre-send)\b", touches), touches
