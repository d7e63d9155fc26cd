"""The ledger's books page is ordered over the whole book: the biggest spender is first, not on page 3."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.analytics.service import books_page
from giftwise.core.actor import Actor
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftCreate
from tests.factories import make_contact


def _spend(session: Session, actor: Actor, contact_id: int, cost: str) -> None:
    gift = gifts.plan_gift(session, actor, data=GiftCreate(contact_id=contact_id, description="a box of tea",
                                                           item_kind="drink",
                                                            cost=Decimal(cost), currency="CNY"))
    gifts.transition(session, actor, gift_id=gift.id, to_status="ordered")


class TestBooksPage:
    def test_the_biggest_spender_leads_page_one_whatever_their_name(
        self, session: Session, actor: Actor, frozen_clock: object
    ) -> None:
        for n in range(30):
            make_contact(session, actor, f"Aaron {n:02d}", language="en")
        zhou = make_contact(session, actor, "Zhou Last", language="en")
        middle = make_contact(session, actor, "Mia Middle", language="en")
        _spend(session, actor, zhou.id, "900")
        _spend(session, actor, middle.id, "300")
        first, total = books_page(session, actor, limit=25)
        second, _ = books_page(session, actor, limit=25, offset=25)
        assert total == 32
        assert [b.subject for b in first[:2]] == ["Zhou Last", "Mia Middle"]
        assert first[0].spent == Decimal("900") and first[2].spent == 0
        spent = [b.spent for b in first + second]
        assert spent == sorted(spent, reverse=True) and len(spent) == 32

    def test_a_period_before_the_gifts_orders_by_name(
        self, session: Session, actor: Actor, frozen_clock: object
    ) -> None:
        bob = make_contact(session, actor, "Bob", language="en")
        make_contact(session, actor, "Ann", language="en")
        _spend(session, actor, bob.id, "500")
        page, _ = books_page(session, actor, until=frozen_clock.replace(year=2025), limit=10)  # type: ignore[attr-defined]
        assert [b.subject for b in page] == ["Ann", "Bob"]
