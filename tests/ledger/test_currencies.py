"""The ledger never adds two currencies: every amount converts into the base currency with the rate of its day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from giftwise.analytics.service import contact_books
from giftwise.core.actor import Actor
from giftwise.disputes import service as disputes
from giftwise.money import service as money
from giftwise.money.schemas import RateSet
from tests.factories import World, at, claim_short, make_contact, order_bags, shipped_parcel
from tests.ledger.factories import make_gift, make_outcome, make_touch


class TestBooksInTheBaseCurrency:
    @pytest.mark.usefixtures("frozen_clock")
    def test_a_usd_gift_and_order_are_converted_and_the_books_say_so(self, session: Session, actor: Actor) -> None:
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("7"), valid_from=date(2026, 1, 1)))
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("8"), valid_from=date(2026, 7, 1)))
        karen = make_contact(session, actor, "Karen Davis", language="en")
        usd = make_gift(session, actor, karen, on=date(2026, 3, 1), cost="100")
        usd.currency = "USD"
        make_gift(session, actor, karen, on=date(2026, 8, 1), cost="50")
        order = make_outcome(session, karen, "order", date(2026, 8, 10), value="1000")
        order.currency = "USD"
        make_touch(session, actor, karen, due=date(2026, 8, 2), done=date(2026, 8, 2), minutes=90)
        session.flush()
        books = contact_books(session, actor, contact_id=karen.id)
        assert books.currency == "CNY"
        assert books.spent == Decimal("750.00")  # 100 USD at 7 in March + 50 CNY
        assert books.order_value == Decimal("8000.00")  # 1000 USD at 8 in August
        assert "CNY" in books.currency_note and "rate" in books.currency_note
        assert books.time_cost == Decimal("225.00")  # 1.5 h at the default 150 CNY an hour


class TestDisputeAdviceOnAForeignOrder:
    def test_a_usd_order_gets_advice_with_the_route_and_time_in_usd(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("7.5"), valid_from=date(2026, 1, 1)))
        parcel = shipped_parcel(session, actor, order_bags(session, actor, world, currency="USD", cost="6",
                                                         price="14"), tmp_path)
        at(date(2026, 11, 16))
        dispute = claim_short(session, actor, parcel, hours="4")
        advice = disputes.advise(session, actor, dispute_id=dispute.id)
        assert advice.currency == "USD"
        assert advice.figures["hourly_value"] == Decimal("20.00")  # 150 CNY an hour at 7.5
        assert advice.figures["time_already_spent"] == Decimal("80.00")
        english = " ".join(advice.explanation["en"])
        assert "600" not in english and "USD" in english
