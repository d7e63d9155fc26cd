"""The ledger's books: money, time and friction against returns, with the attribution rule beside ROI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from giftwise.analytics.service import campaign_books, contact_books, roi_report
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.ledger.attribution import AttributionRule, GivenGift, ValuedOutcome, attribute, load_rule
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_campaign, make_dispute, make_gift, make_outcome, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")


class TestAttribute:
    def test_half_of_an_order_within_90_days_counts(self) -> None:
        rule = AttributionRule()
        credit = attribute(rule, [GivenGift(1, 7, date(2026, 1, 1))],
                           [ValuedOutcome(7, "order", date(2026, 3, 1), Decimal("1000"), None)])
        assert credit == {1: Decimal("500.00")}

    def test_orders_after_the_window_or_from_others_do_not(self) -> None:
        rule = AttributionRule()
        credit = attribute(rule, [GivenGift(1, 7, date(2026, 1, 1))], [
            ValuedOutcome(7, "order", date(2026, 5, 1), Decimal("1000"), None),
            ValuedOutcome(8, "order", date(2026, 1, 5), Decimal("1000"), None),
        ])
        assert credit == {}

    def test_an_order_naming_its_gift_counts_in_full(self) -> None:
        credit = attribute(AttributionRule(), [GivenGift(1, 7, date(2026, 1, 1)), GivenGift(2, 7, date(2026, 1, 2))],
                           [ValuedOutcome(7, "order", date(2026, 1, 9), Decimal("800"), 2)])
        assert credit == {2: Decimal("800.00")}

    @given(st.lists(st.integers(0, 200), min_size=1, max_size=6), st.integers(1, 100_000))
    def test_several_gifts_split_and_never_exceed_the_share(self, offsets: list[int], value: int) -> None:
        gifts = [GivenGift(i + 1, 7, date(2026, 1, 1) + __import__("datetime").timedelta(days=o))
                 for i, o in enumerate(offsets)]
        order = ValuedOutcome(7, "order", date(2026, 4, 1), Decimal(value), None)
        credit = attribute(AttributionRule(), gifts, [order])
        assert sum(credit.values()) <= Decimal(value) * Decimal("0.5") + Decimal("0.01") * len(gifts)


class TestLoadRule:
    def test_an_install_override_file_wins(self, env: Path) -> None:
        (env / "ledger").mkdir()
        (env / "ledger" / "attribution.json").write_text(json.dumps({"window_days": 30, "share": 0.25}))
        rule = load_rule()
        assert (rule.window_days, rule.share) == (30, Decimal("0.25"))
        assert "25% of each order" in rule.describe("en") and "30天" in rule.describe("zh")


class TestContactBooks:
    def test_money_time_friction_and_returns_add_up(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        first = make_gift(session, actor, wang, on=date(2026, 6, 1), cost="300", shipping="20")
        make_gift(session, actor, wang, on=date(2026, 8, 1), cost="150", status="returned")
        make_gift(session, actor, wang, on=date(2026, 9, 1), cost="999", status="planned")
        make_touch(session, actor, wang, due=date(2026, 6, 5), done=date(2026, 6, 5), minutes=30, gift=first)
        make_touch(session, actor, wang, due=date(2026, 9, 5), done=date(2026, 9, 5), minutes=15)
        make_outcome(session, wang, "reply", date(2026, 6, 6))
        make_outcome(session, wang, "order", date(2026, 7, 1), value="10000")
        make_outcome(session, wang, "complaint", date(2026, 8, 10))
        make_outcome(session, wang, "silence", date(2026, 9, 30))
        books = contact_books(session, actor, contact_id=wang.id)
        assert (books.gifts, books.spent, books.shipping) == (2, Decimal("470"), Decimal("20"))
        assert (books.touches_done, books.minutes) == (2, 45)
        assert (books.returns, books.complaints, books.unanswered_touches, books.silences) == (1, 1, 1, 1)
        assert (books.replies, books.orders, books.order_value) == (1, 1, Decimal("10000"))
        assert books.attributed_value == Decimal("5000.00")
        assert books.roi == pytest.approx((5000 - 470) / 470, abs=1e-4)
        assert "50% of each order" in books.attribution_rule

    def test_disputes_count_as_friction_with_their_cost_and_hours(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        make_dispute(session, actor, wang, opened=date(2026, 10, 1), cost="350", hours="1.5")
        make_dispute(session, actor, wang, opened=date(2025, 10, 1), cost="99")
        books = contact_books(session, actor, contact_id=wang.id, since=date(2026, 1, 1))
        assert (books.disputes, books.dispute_cost, books.dispute_minutes) == (1, Decimal("350"), 90)

    def test_a_period_narrows_everything(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        make_gift(session, actor, wang, on=date(2026, 1, 10), cost="100")
        make_gift(session, actor, wang, on=date(2026, 10, 10), cost="200")
        books = contact_books(session, actor, contact_id=wang.id, since=date(2026, 10, 1))
        assert (books.gifts, books.spent, books.roi) == (1, Decimal("200"), -1.0)

    def test_a_backwards_period_is_refused(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        with pytest.raises(Invalid, match="starts"):
            contact_books(session, actor, contact_id=wang.id, since=date(2026, 11, 10), until=date(2026, 11, 1))


class TestCampaignBooks:
    def test_counts_only_the_campaign_gifts(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        campaign = make_campaign(session, actor, starts_on=date(2026, 11, 1), targets=[wang])
        make_gift(session, actor, wang, on=date(2026, 10, 1), cost="500")
        make_gift(session, actor, wang, on=date(2026, 11, 2), cost="120", campaign_id=campaign.id)
        make_outcome(session, wang, "meeting", date(2026, 11, 10))
        books = campaign_books(session, actor, campaign_id=campaign.id)
        assert (books.subject, books.spent, books.meetings, books.since) == (
            "Q4 key accounts", Decimal("120"), 1, date(2026, 11, 1))


class TestRoiReport:
    def test_care_beats_token_and_rates_are_per_kind(self, session: Session, actor: Actor) -> None:
        wang, li = make_contact(session, actor), make_contact(session, actor, "李娜")
        make_gift(session, actor, wang, on=date(2026, 5, 1), cost="200", kind="care")
        make_gift(session, actor, li, on=date(2026, 5, 1), cost="200", kind="token")
        make_gift(session, actor, li, on=date(2026, 6, 1), cost="200", kind="token", status="refused")
        make_outcome(session, wang, "order", date(2026, 6, 1), value="2000")
        report = roi_report(session, actor, by="kind")
        rows = {r.value: r for r in report.rows}
        assert rows["care"].roi == pytest.approx(4.0)
        assert rows["token"].roi == -1.0 and rows["token"].refusal_rate == 0.5
        assert "within 90 days" in report.attribution_rule

    def test_by_category_uses_the_catalog(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        tea = make_item(session, "tea", "100", category="tea")
        make_gift(session, actor, wang, on=date(2026, 5, 1), item=tea, status="returned")
        make_gift(session, actor, wang, on=date(2026, 5, 2))
        rows = {r.value: r for r in roi_report(session, actor, by="category").rows}
        assert rows["tea"].return_rate == 1.0 and rows["free"].return_rate == 0.0

    def test_unknown_grouping_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="grouping"):
            roi_report(session, actor, by="colour")
