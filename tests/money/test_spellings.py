"""RMB, rmb, cny, ¥, ￥ and 人民币 are read as CNY wherever a person types a currency (options, API bodies,
forms, imports), stored as CNY, and rows an older giftwise stored as RMB still convert."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.catalog.fields import parse_currency
from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.core.amounts import currency_code
from giftwise.gifts.schemas import GiftCreate
from giftwise.money import service
from giftwise.money.rates import table
from tests.factories import make_contact, make_item, pear

SPELLINGS = ["RMB", "rmb", "Rmb", "cny", "CNY", " CNY ", "¥", "￥", "人民币", "元"]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_of_the_yuan_is_cny(typed: str) -> None:
    assert currency_code(typed) == "CNY" and parse_currency(typed) == "CNY"
    assert GiftCreate(contact_id=1, sku="x", currency=typed).currency == "CNY"


@given(st.sampled_from(["usd", "Usd", "eur", "gbp", "jpy"]))
def test_an_iso_code_in_any_case_is_that_code(typed: str) -> None:
    assert currency_code(typed) == typed.upper()


def test_the_rates_table_knows_rmb_as_cny(session: Session) -> None:
    assert service.known_currency(session, "RMB") == "CNY"
    assert service.known_currency(session, "¥") == "CNY"


def test_an_older_row_stored_as_rmb_converts() -> None:
    rates = table([])
    assert rates.convert(Decimal("710"), "RMB", "USD", date(2026, 11, 20)) == Decimal("100.00")
    assert rates.convert(Decimal("100"), "RMB", "CNY", date(2026, 11, 20)) == Decimal("100.00")


def test_a_gift_planned_in_rmb_is_stored_in_cny(
    session: Session, actor: Actor, cli: CliRunner, frozen_clock: date
) -> None:
    contact = make_contact(session, actor)
    make_item(session, **pear())
    session.commit()
    shown = cli.invoke(app, ["gifts", "plan", str(contact.id), "--item", "pear-orchard", "--currency", "rmb",
                             "-f", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["currency"] == "CNY"
