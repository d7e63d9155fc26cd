"""A gift's life as the rep sees it: the reciprocity window day by day, a repair after a return, cancelling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.followups.agenda_service import agenda
from giftwise.followups.schemas import AgendaTouch
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.workflows.gift_steps import move, plan
from tests.factories import make_contact, make_item, pear

pytestmark = pytest.mark.usefixtures("english")
DELIVERED = date(2026, 11, 20)


def _delivered(session: Session, actor: Actor, name: str = "王建国", on: date = DELIVERED) -> Gift:
    clock.set_now(on)
    item = make_item(session, **pear(sku=f"pear-{len(name)}-{on.isoformat()}"))
    gift = plan(session, actor, data=GiftCreate(contact_id=make_contact(session, actor, name).id, sku=item.sku))
    for status in ("ordered", "shipped", "delivered"):
        gift = move(session, actor, gift_id=gift.id, to_status=status)
    return gift


def _entry(session: Session, actor: Actor, gift: Gift, day: date) -> AgendaTouch:
    clock.set_now(day)
    todo = agenda(session, actor, days=14)
    return next(t for t in todo.overdue + todo.today + todo.upcoming if t.gift_id == gift.id
                and t.purpose in ("reciprocity", "keep-in-touch"))


class TestReciprocityWindow:
    def test_open_with_its_closing_date_then_closing_on_its_last_day(self, session: Session, actor: Actor) -> None:
        gift = _delivered(session, actor)
        for day in range(1, 5):
            shown = _entry(session, actor, gift, DELIVERED + timedelta(days=day))
            assert shown.purpose == "reciprocity" and not shown.window_closing
            assert shown.window_closes_on == date(2026, 11, 25) and "open until 2026-11-25" in shown.window_note
        last = _entry(session, actor, gift, date(2026, 11, 25))
        assert last.window_closing and "closes today" in last.window_note
        clock.set_now(None)

    def test_after_the_window_it_is_an_ordinary_keep_in_touch_call(self, session: Session, actor: Actor) -> None:
        gift = _delivered(session, actor)
        for later in (6, 47):
            shown = _entry(session, actor, gift, DELIVERED + timedelta(days=later))
            assert shown.purpose == "keep-in-touch" and not shown.window_closing and shown.window_note == ""
            assert shown.gratitude_left is None and "好久没联系" in shown.script
        clock.set_now(None)


class TestRecoveryAfterAReturn:
    @pytest.mark.parametrize("status", ["returned", "refused"])
    def test_a_calm_repair_call_is_suggested(self, session: Session, actor: Actor, status: str) -> None:
        gift = _delivered(session, actor)
        clock.set_now(DELIVERED + timedelta(days=3))
        move(session, actor, gift_id=gift.id, to_status=status, reason="budget: too much for them")
        touches = {t.purpose: t for t in session.scalars(select(Touch).where(Touch.gift_id == gift.id))}
        repair = touches["recovery"]
        assert repair.status == "open" and repair.due_on == DELIVERED + timedelta(days=5)
        assert repair.channel == "call" and "抱歉" in repair.script
        assert touches["reciprocity"].status == "skipped"
        clock.set_now(None)


class TestCancel:
    def test_cli_cancels_a_planned_gift_and_closes_its_touches(
        self, cli: CliRunner, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = plan(session, actor, data=GiftCreate(contact_id=contact.id, sku=make_item(session, **pear()).sku))
        move(session, actor, gift_id=gift.id, to_status="ordered")
        session.commit()
        done = cli.invoke(app, ["gifts", "cancel", str(gift.id), "--reason", "they left the company", "-f", "json"])
        assert done.exit_code == 0, done.output
        assert '"status": "cancelled"' in done.output
        session.expire_all()
        story = session.scalars(select(Touch).where(Touch.gift_id == gift.id)).one()
        assert story.status == "skipped"

    def test_api_cancels_and_refuses_a_gift_that_already_left(
        self, api: TestClient, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = plan(session, actor, data=GiftCreate(contact_id=contact.id, sku=make_item(session, **pear()).sku))
        gone = plan(session, actor, data=GiftCreate(contact_id=contact.id, description="a book", item_kind="goods",
                                                    cost="50",
                                                    kind="token"))
        for status in ("ordered", "shipped"):
            move(session, actor, gift_id=gone.id, to_status=status)
        session.commit()
        cancelled = api.post(f"/gifts/{gift.id}/cancel", json={"reason": "changed my mind"})
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        assert api.post(f"/gifts/{gone.id}/cancel").status_code == 409
