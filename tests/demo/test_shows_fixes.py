"""The demo book shows what a new user should see working: a client paying in USD with books in the base
currency, a cancelled gift, reciprocity windows open and closed on the agenda, and a calibration."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.analytics.service import contact_books
from giftwise.calibration.service import calibrate
from giftwise.core.actor import Actor
from giftwise.demo.schemas import DemoSummary
from giftwise.followups.agenda_service import agenda
from giftwise.models.gifts import Gift, GiftStatus
from giftwise.models.orders import Order


def test_the_demo_book_shows_each_fix(demo_book: DemoSummary, session: Session, actor: Actor) -> None:
    usd = session.scalars(select(Order).where(Order.currency == "USD")).first()
    assert usd is not None
    books = contact_books(session, actor, contact_id=usd.contact_id)
    assert books.currency == "CNY" and "CNY" in books.currency_note

    assert session.scalars(select(Gift).where(Gift.status == GiftStatus.CANCELLED)).first() is not None

    todo = agenda(session, actor, days=14)
    shown = todo.overdue + todo.today + todo.upcoming
    assert any(t.purpose == "reciprocity" and t.window_closes_on and t.window_note for t in shown)
    assert any(t.gift_id and t.purpose == "keep-in-touch" and not t.window_note for t in shown)

    fitted = calibrate(session, actor)
    assert fitted.enough_data and fitted.weights, fitted.message
