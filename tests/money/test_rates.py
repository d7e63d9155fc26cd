"""Exchange rates by day: set them, list them, convert with the rate in force, never add two currencies."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.money import service
from giftwise.money.rates import NoRate, Rate, RateTable, table
from giftwise.money.schemas import RateSet

JAN, JUN = date(2026, 1, 1), date(2026, 6, 1)


class TestRateTable:
    def test_the_rate_in_force_on_the_day_converts(self) -> None:
        rates = RateTable([Rate("USD", "CNY", Decimal("7.0"), JAN), Rate("USD", "CNY", Decimal("7.2"), JUN)])
        assert rates.convert(Decimal("100"), "USD", "CNY", date(2026, 3, 1)) == Decimal("700.00")
        assert rates.convert(Decimal("100"), "USD", "CNY", date(2026, 7, 1)) == Decimal("720.00")
        assert rates.convert(Decimal("100"), "USD", "CNY", date(2025, 7, 1)) == Decimal("700.00")

    def test_the_inverse_and_a_shared_quote_convert_too(self) -> None:
        rates = RateTable([Rate("USD", "CNY", Decimal("7.2"), JAN), Rate("EUR", "CNY", Decimal("7.8"), JAN)])
        assert rates.convert(Decimal("720"), "CNY", "USD", JUN) == Decimal("100.00")
        assert rates.convert(Decimal("100"), "EUR", "USD", JUN) == Decimal("108.33")

    def test_an_unknown_currency_has_no_rate(self) -> None:
        with pytest.raises(NoRate):
            RateTable([Rate("USD", "CNY", Decimal("7.2"), JAN)]).convert(Decimal("1"), "XYZ", "CNY", JUN)

    def test_a_rate_set_by_the_user_wins_over_the_shipped_one(self) -> None:
        own = table([Rate("USD", "CNY", Decimal("6.5"), JAN)])
        assert own.convert(Decimal("10"), "USD", "CNY", JUN) == Decimal("65.00")
        assert own.convert(Decimal("10"), "EUR", "CNY", JUN) > 0  # shipped

    @given(st.decimals(min_value=1, max_value=1_000_000, places=2), st.decimals(min_value="0.01", max_value=50,
                                                                             places=4))
    def test_there_and_back_keeps_the_amount_to_a_cent_per_unit_of_rate(self, amount: Decimal, rate: Decimal) -> None:
        rates = RateTable([Rate("USD", "CNY", rate, JAN)])
        back = rates.convert(rates.convert(amount, "USD", "CNY", JUN), "CNY", "USD", JUN)
        assert abs(back - amount) <= Decimal("0.01") / rate + Decimal("0.01")


class TestSetAndList:
    def test_a_set_rate_is_listed_and_used_from_its_day(self, session: Session, actor: Actor) -> None:
        service.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("7.3"), valid_from=JUN))
        listed = [r for r in service.list_rates(session) if r.currency == "USD"]
        assert listed[0].source == "set" and listed[0].quote == "CNY" and listed[0].valid_from == JUN
        assert all(r.source == "set" for r in listed)
        moved = service.convert(session, amount=Decimal("10"), currency="USD", on=date(2026, 7, 1))
        assert moved.converted == Decimal("73.00") and moved.to == "CNY"

    def test_a_currency_against_itself_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid):
            service.set_rate(session, actor, data=RateSet(currency="CNY", rate=Decimal("1")))

    def test_no_rate_says_which_one_to_set(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid) as caught:
            service.convert(session, amount=Decimal("1"), currency="XYZ")
        assert "rates set XYZ" in caught.value.sentence("en")

    def test_cli_sets_and_lists(self, cli: CliRunner, actor: Actor) -> None:
        done = cli.invoke(app, ["rates", "set", "USD", "7.25", "--from", "2026-06-01", "-f", "json"])
        assert done.exit_code == 0, done.output
        listed = cli.invoke(app, ["rates", "list", "--own", "-f", "json"])
        assert '"7.25' in listed.output and "2026-06-01" in listed.output
        bad = cli.invoke(app, ["rates", "set", "usd", "-3"])
        assert bad.exit_code != 0

    def test_api_sets_lists_and_converts(self, api: TestClient, actor: Actor) -> None:
        made = api.post("/rates", json={"currency": "USD", "rate": "7.1", "valid_from": "2026-01-01"})
        assert made.status_code == 201, made.text
        assert any(r["currency"] == "USD" and r["source"] == "set" for r in api.get("/rates").json())
        moved = api.get("/rates/convert", params={"amount": "100", "currency": "USD", "on": "2026-02-01"}).json()
        assert moved["converted"] == "710.00" and moved["to"] == "CNY"


class TestRatesPage:
    def test_the_page_lists_rates_and_its_form_sets_one(self, api: TestClient, actor: Actor) -> None:
        page = api.get("/app/rates?lang=en")
        assert page.status_code == 200 and 'data-currency="USD" data-source="shipped"' in page.text
        posted = api.post("/app/rates?lang=en", data={"currency": "usd", "rate": "7.05", "valid_from": "2026-06-01"},
                          follow_redirects=False)
        assert posted.status_code == 303, posted.text
        assert 'data-currency="USD" data-source="set"' in api.get("/app/rates").text

    def test_a_rate_that_is_no_number_is_said_beside_the_form(self, api: TestClient, actor: Actor) -> None:
        posted = api.post("/app/rates?lang=en", data={"currency": "USD", "rate": "seven"})
        assert posted.status_code == 422 and "as a number" in posted.text


class TestOnlyIsoCodes:
    def test_the_table_offers_only_codes_a_currency_field_accepts(
        self, session: Session, actor: Actor, cli: CliRunner, api: TestClient
    ) -> None:
        listed = json.loads(cli.invoke(app, ["rates", "list", "-f", "json"]).stdout)
        offered = {r["currency"] for r in listed} | {r["currency"] for r in api.get("/rates").json()}
        assert "USD" in offered
        for code in offered:
            assert service.known_currency(session, code) == code
        page = api.get("/app/rates?lang=zh").text
        assert 'data-currency="RMB"' not in page and "RMB" not in page
