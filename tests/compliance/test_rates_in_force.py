"""The policy converts with the dated rates a user set (``giftwise rates set``), not only the shipped table:
a cap in CNY judged on a USD gift follows the rate in force on the day, and older rows spelled RMB still count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.compliance.service import check_gift, policy_read
from giftwise.core.actor import Actor
from giftwise.models.gifts import Gift
from giftwise.money import service as money
from giftwise.money.schemas import RateSet
from tests.factories import make_contact


def _usd_25_for_an_official(session: Session, actor: Actor) -> tuple[bool, list[str]]:
    official = make_contact(session, actor, public_official=True)
    verdict = check_gift(session, actor, contact_id=official.id, item_id=None, description="a desk lamp",
                         item_kind="goods", cost=Decimal("25"), currency="USD")
    return verdict.allowed, verdict.codes


class TestTheRateUsersSet:
    def test_the_shipped_rate_applies_until_one_is_set(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        allowed, codes = _usd_25_for_an_official(session, actor)  # 25 x 7.1 = 177.50 CNY, under the 200 cap
        assert allowed and codes == ["approval"]

    def test_a_set_rate_moves_the_same_gift_over_the_cap(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("10"), valid_from=frozen_clock))
        allowed, codes = _usd_25_for_an_official(session, actor)  # 25 x 10 = 250 CNY
        assert not allowed and codes == ["cap"]

    def test_a_rate_from_a_later_day_does_not_apply_today(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("7"), valid_from=date(2026, 1, 1)))
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("10"), valid_from=date(2026, 12, 31)))
        allowed, codes = _usd_25_for_an_official(session, actor)  # 25 x 7 = 175 CNY today
        assert allowed and codes == ["approval"]

    def test_the_policy_shows_the_rate_it_converts_with(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        money.set_rate(session, actor, data=RateSet(currency="USD", rate=Decimal("7.25"), valid_from=frozen_clock))
        assert policy_read(session).rates["USD"] == Decimal("7.25")


class TestOlderRows:
    def test_a_gift_stored_in_rmb_counts_toward_the_yearly_cap(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        session.add(Gift(contact_id=contact.id, description="茶", cost=Decimal("5900"), currency="RMB",
                         status="delivered", planned_on=date(2026, 6, 1), owner_id=contact.owner_id))
        session.flush()
        verdict = check_gift(session, actor, contact_id=contact.id, item_id=None, description="一盒点心",
                             item_kind="food", cost=Decimal("200"), currency="CNY")
        assert not verdict.allowed and verdict.codes == ["rolling_cap"]
