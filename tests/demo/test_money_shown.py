"""Money always carries its currency: the demo book's pages and commands never show a bare amount
next to a money word (cost, spent, shipping, budget, value; 花费, 成本, 运费, 预算, 价值)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.demo.schemas import DemoSummary
from giftwise.models.campaigns import Campaign
from giftwise.models.disputes import Dispute
from giftwise.models.gifts import Gift
from tests.cli_run import run

MONEY_WORD = r"(?:花费|成本|运费|预算|价值|上限|抵扣|cost|spent|shipping|budget|value|price|credit)"
# A money word, a few non-digit characters, then a number that no currency code follows.
NOT_MONEY_AFTER = r"(?!\s*(?:[A-Z]{3}\b|小时|h\b|kg|公斤|件|×))"
BARE = re.compile(MONEY_WORD + r"[^\d\n<>]{0,6}?(\d[\d,]*(?:\.\d+)?)(?![\d.,%])" + NOT_MONEY_AFTER, re.IGNORECASE)


def bare_amounts(text: str) -> list[str]:
    """Each place in ``text`` (tags stripped) where an amount follows a money word without its currency."""
    plain = re.sub(r"<[^>]+>", " ", text)
    plain = re.sub(r"[ \t]+", " ", plain)
    return [plain[max(0, m.start() - 20):m.end() + 8] for m in BARE.finditer(plain)]


def test_the_pattern_catches_the_bare_amounts_a_new_user_saw() -> None:
    for seen in ("花费 89", "350 CNY，运费 0", "成本 0", "货品成本 13.60 + 国际快递运费 32 CNY", "spent 13715.00"):
        assert bare_amounts(seen), seen
    for right in ("花费 89 CNY", "350 CNY，运费 0 CNY", "成本 13.60 CNY + 运费 32 CNY", "spent 13,715 CNY"):
        assert not bare_amounts(right), right


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_show_every_amount_with_its_currency(
    demo_book: DemoSummary, session: Session, api: TestClient, lang: str
) -> None:
    gift_ids = session.scalars(select(Gift.id).order_by(Gift.id).limit(8)).all()
    dispute_ids = session.scalars(select(Dispute.id)).all()
    campaign_ids = session.scalars(select(Campaign.id)).all()
    contact_ids = session.scalars(select(Gift.contact_id).order_by(Gift.id).limit(3)).all()
    session.rollback()
    pages = ["/app/disputes", "/app/ledger", "/app/gifts", "/app/campaigns", "/app/catalog"]
    pages += [f"/app/gifts/{n}" for n in gift_ids] + [f"/app/disputes/{n}" for n in dispute_ids]
    pages += [f"/app/campaigns/{n}" for n in campaign_ids] + [f"/app/contacts/{n}" for n in contact_ids]
    for path in pages:
        page = api.get(path, params={"lang": lang})
        assert page.status_code == 200, path
        assert bare_amounts(page.text) == [], path


def test_commands_show_every_amount_with_its_currency(
    demo_book: DemoSummary, session: Session, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")
    contact = session.scalars(select(Gift.contact_id).order_by(Gift.id)).first()
    dispute = session.scalars(select(Dispute.id)).first()
    session.rollback()  # let go of SQLite's read lock: the commands write
    shown = run(cli, "ledger", "show", "--contact", str(contact)).output
    assert bare_amounts(shown) == [] and re.search(r"spent\s*│\s*[\d,.]+ CNY", shown), shown
    assert bare_amounts(run(cli, "disputes", "advice", str(dispute)).output) == []
    for currency in ("CNY", "USD"):
        table = run(cli, "recommend", str(contact), "--currency", currency.lower()).output
        prices = re.findall(r"│\s*([\d,.]+(?: [A-Z]{3})?)\s*│\s*\d\.\d\d\s*│", table)
        assert prices and all(p.endswith(f" {currency}") for p in prices), table
