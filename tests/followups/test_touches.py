"""Touches: create, done, skip, reschedule, snooze; gift touches that schedule themselves; cadence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.followups.cadence_service import refresh_cadence
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import (
    complete_touch,
    create_touch,
    list_touches,
    reschedule_touch,
    skip_touch,
    snooze_touch,
)
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Note
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.workflows.gift_steps import move, plan
from tests.factories import make_contact, make_item, pear
from tests.gifts.factories import make_user


def _touch(session: Session, actor: Actor, contact_id: int, due: date, **values: object) -> Touch:
    return create_touch(
        session, actor, data=TouchCreate.model_validate({"contact_id": contact_id, "due_on": due, **values})
    )


def _delivered_gift(session: Session, actor: Actor, contact_id: int, on: date) -> Gift:
    item = session.scalars(select(CatalogItem)).first() or make_item(session, **pear())
    gift = plan(session, actor, data=GiftCreate(contact_id=contact_id, sku=item.sku, planned_on=on))
    for status in ("ordered", "shipped", "delivered"):
        gift = move(session, actor, gift_id=gift.id, to_status=status, on=on)
    return gift


def _gift_touches(session: Session, gift: Gift) -> dict[str, Touch]:
    return {t.purpose: t for t in session.scalars(select(Touch).where(Touch.gift_id == gift.id))}


class TestCreateTouch:
    def test_touch_belongs_to_the_contacts_owner(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        user, rep = make_user(session, username="li")
        contact = make_contact(session, rep)
        touch = _touch(session, actor, contact.id, frozen_clock, purpose="promise-due", source="promise", source_id=7)
        assert (touch.owner_id, touch.status, touch.source, touch.source_id) == (user.id, "open", "promise", 7)

    def test_a_past_due_date_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="in the past"):
            _touch(session, actor, contact.id, frozen_clock - timedelta(days=1))

    def test_a_gift_of_another_contact_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        first, second = make_contact(session, actor), make_contact(session, actor, name="李四")
        gift = plan(session, actor, data=GiftCreate(contact_id=first.id, description="茶", item_kind="drink",
                                                    cost="50"))
        with pytest.raises(Invalid, match="is not a gift to 李四"):
            _touch(session, actor, second.id, frozen_clock, gift_id=gift.id)

    def test_bad_purpose_and_channel_are_rejected_by_the_schema(self) -> None:
        with pytest.raises(ValueError, match="purpose"):
            TouchCreate.model_validate({"contact_id": 1, "due_on": "2026-11-20", "purpose": "Buy Now!"})
        with pytest.raises(ValueError, match="channel"):
            TouchCreate.model_validate({"contact_id": 1, "due_on": "2026-11-20", "channel": "pigeon"})


class TestCompleteSkip:
    def test_done_records_result_minutes_and_date(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        done = complete_touch(session, actor, touch_id=touch.id, result="他很喜欢", minutes_spent=15)
        assert (done.status, done.done_on, done.result, done.minutes_spent) == ("done", frozen_clock, "他很喜欢", 15)

    def test_a_done_touch_cannot_be_done_again(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        skip_touch(session, actor, touch_id=touch.id, reason="出差")
        with pytest.raises(Conflict, match="already skipped"):
            complete_touch(session, actor, touch_id=touch.id, result="ok")

    def test_an_empty_result_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        with pytest.raises(Invalid, match="Say how the touch went"):
            complete_touch(session, actor, touch_id=touch.id, result="  ")
        assert touch.status == "open"

    def test_someone_elses_touch_is_not_found(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        _, rep = make_user(session, username="li")
        with pytest.raises(NotFound, match=f"No touch with id {touch.id}"):
            skip_touch(session, rep, touch_id=touch.id, reason="x")


class TestRescheduleSnooze:
    def test_reschedule_moves_the_due_date(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        assert reschedule_touch(session, actor, touch_id=touch.id, due_on=date(2026, 12, 1)).due_on == date(2026, 12, 1)

    def test_reschedule_into_the_past_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        with pytest.raises(Invalid, match="in the past"):
            reschedule_touch(session, actor, touch_id=touch.id, due_on=date(2026, 11, 1))

    def test_snooze_counts_from_today_for_an_overdue_touch(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        with clock.frozen_at(frozen_clock + timedelta(days=4)):
            assert snooze_touch(session, actor, touch_id=touch.id, days=2).due_on == date(2026, 11, 26)

    def test_snooze_needs_a_sensible_number_of_days(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        touch = _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        with pytest.raises(Invalid, match="1 to 365 days"):
            snooze_touch(session, actor, touch_id=touch.id, days=0)

    def test_reciprocity_never_comes_on_the_day_the_gift_lands(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _delivered_gift(session, actor, make_contact(session, actor).id, frozen_clock)
        opportunity = _gift_touches(session, gift)["reciprocity"]
        assert reschedule_touch(session, actor, touch_id=opportunity.id, due_on=date(2026, 11, 25)).due_on == date(
            2026, 11, 25
        )
        with pytest.raises(Invalid, match="cannot come before 2026-11-21"):
            reschedule_touch(session, actor, touch_id=opportunity.id, due_on=date(2026, 11, 20))

    def test_an_overdue_reciprocity_touch_can_be_postponed_past_its_window_or_skipped(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        first = _delivered_gift(session, actor, make_contact(session, actor).id, frozen_clock - timedelta(days=9))
        second = _delivered_gift(session, actor, make_contact(session, actor, name="李四").id,
                                 frozen_clock - timedelta(days=9))
        later = snooze_touch(session, actor, touch_id=_gift_touches(session, first)["reciprocity"].id, days=3)
        assert later.due_on == frozen_clock + timedelta(days=3)
        skipped = skip_touch(session, actor, touch_id=_gift_touches(session, second)["reciprocity"].id,
                             reason="they were travelling")
        assert skipped.status == "skipped"


class TestGiftTouches:
    def test_approval_schedules_the_pre_send_story(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        gift = plan(session, actor, data=GiftCreate(contact_id=contact.id, sku=make_item(session, **pear()).sku))
        assert _gift_touches(session, gift) == {}
        move(session, actor, gift_id=gift.id, to_status="approved")
        move(session, actor, gift_id=gift.id, to_status="ordered")
        touches = _gift_touches(session, gift)
        assert list(touches) == ["pre-send"]
        assert touches["pre-send"].due_on == frozen_clock and touches["pre-send"].script == gift.story

    def test_delivery_schedules_check_with_tip_then_reciprocity_never_on_the_day(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _delivered_gift(session, actor, make_contact(session, actor).id, frozen_clock)
        touches = _gift_touches(session, gift)
        check, opportunity = touches["delivery-check"], touches["reciprocity"]
        assert check.due_on == date(2026, 11, 21) and "放两三天再吃更甜" in check.script
        assert date(2026, 11, 21) <= opportunity.due_on <= date(2026, 11, 25)
        assert opportunity.due_on != gift.delivered_on and opportunity.channel == "call"

    def test_reciprocity_offers_an_easy_step_never_a_purchase(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        for language, relationship in (("zh", "client"), ("en", "customer"), ("en", "prospect")):
            contact = make_contact(
                session, actor, name=f"C {language} {relationship}", language=language, relationship=relationship
            )
            script = _gift_touches(session, _delivered_gift(session, actor, contact.id, frozen_clock))[
                "reciprocity"
            ].script
            assert not any(word in script.lower() for word in ("buy", "purchase", "下单", "采购", "购买"))
            assert any(word in script for word in ("样品", "samples", "coffee", "how things are going", "喝杯茶"))

    def test_a_story_not_told_before_delivery_leaves_the_agenda(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = plan(session, actor, data=GiftCreate(contact_id=contact.id, sku=make_item(session, **pear()).sku))
        for status in ("approved", "ordered", "shipped", "delivered"):
            move(session, actor, gift_id=gift.id, to_status=status)
        story = _gift_touches(session, gift)["pre-send"]
        assert (story.status, story.result) == ("skipped", "the gift arrived before the story was told")

    def test_acknowledgement_answers_the_delivery_check(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _delivered_gift(session, actor, make_contact(session, actor).id, frozen_clock)
        move(session, actor, gift_id=gift.id, to_status="acknowledged")
        touches = _gift_touches(session, gift)
        assert touches["delivery-check"].status == "done" and touches["reciprocity"].status == "open"

    def test_touches_are_made_once_however_often_asked(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.followups.service import schedule_gift_touches

        gift = _delivered_gift(session, actor, make_contact(session, actor).id, frozen_clock)
        assert schedule_gift_touches(session, actor, gift_id=gift.id) == []
        assert len(list_touches(session, actor, gift_id=gift.id).items) == 3


class TestCadence:
    def test_a_call_cadence_puts_one_call_on_the_agenda_and_a_note_pushes_it(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor, touch_cadence_days=30, relationship_since=date(2020, 5, 1))
        session.add(Note(contact_id=contact.id, on=date(2026, 11, 1), channel="call", text="聊了新项目"))
        session.flush()
        (touch,) = refresh_cadence(session, actor)
        assert (touch.purpose, touch.channel, touch.due_on) == ("keep-in-touch", "call", date(2026, 12, 1))
        session.add(Note(contact_id=contact.id, on=date(2026, 11, 15), channel="meeting", text="当面拜访"))
        session.flush()
        assert refresh_cadence(session, actor) == []
        assert touch.due_on == date(2026, 12, 30)  # a meeting keeps it warm for 45 days

    def test_completing_the_call_schedules_the_next(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor, touch_cadence_days=30, relationship_since=date(2026, 10, 1))
        (touch,) = refresh_cadence(session, actor)
        assert touch.due_on == date(2026, 10, 31)
        complete_touch(session, actor, touch_id=touch.id, result="聊得不错")
        nxt = session.scalars(select(Touch).where(Touch.contact_id == contact.id, Touch.status == "open")).one()
        assert nxt.due_on == frozen_clock + timedelta(days=30)

    def test_a_message_counts_for_half_a_call(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor, touch_cadence_days=30, relationship_since=date(2026, 10, 1))
        (touch,) = refresh_cadence(session, actor)
        touch.channel = "message"
        complete_touch(session, actor, touch_id=touch.id, result="发了微信")
        nxt = session.scalars(select(Touch).where(Touch.contact_id == contact.id, Touch.status == "open")).one()
        assert nxt.due_on == frozen_clock + timedelta(days=15)

    def test_a_visit_cadence_wants_a_meeting(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        make_contact(session, actor, visit_cadence_days=90, relationship_since=date(2026, 9, 1))
        (visit,) = refresh_cadence(session, actor)
        assert (visit.purpose, visit.channel, visit.due_on) == ("visit", "meeting", date(2026, 11, 30))

    def test_a_snoozed_cadence_touch_keeps_its_new_date(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        make_contact(session, actor, touch_cadence_days=30, relationship_since=date(2026, 10, 1))
        (touch,) = refresh_cadence(session, actor)
        snooze_touch(session, actor, touch_id=touch.id, days=10)
        refresh_cadence(session, actor)
        assert touch.due_on == date(2026, 11, 30)

    def test_a_refresh_racing_another_keeps_one_open_cadence_touch(
        self, session: Session, actor: Actor, frozen_clock: date, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from giftwise.followups import repository

        contact = make_contact(session, actor, touch_cadence_days=30, relationship_since=date(2026, 10, 1))
        (first,) = refresh_cadence(session, actor)
        real = repository.open_cadence_touches
        calls: list[int] = []

        def stale_once(session: Session, contact_ids: list[int]) -> dict[tuple[int, str], Touch]:
            # Stand-in for a concurrent refresh that read before the other one committed its touch.
            calls.append(1)
            return {} if len(calls) == 1 else real(session, contact_ids)

        monkeypatch.setattr(repository, "open_cadence_touches", stale_once)
        assert refresh_cadence(session, actor) == []
        open_ones = session.scalars(select(Touch).where(Touch.contact_id == contact.id, Touch.status == "open")).all()
        assert [t.id for t in open_ones] == [first.id] and len(calls) == 2
