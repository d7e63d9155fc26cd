"""The draining-relationship flag, in the salesperson's words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from giftwise.analytics.service import draining_relationships
from giftwise.core.actor import Actor
from giftwise.ledger.drains import describe_pattern, months_back
from tests.factories import make_contact
from tests.ledger.factories import make_dispute, make_gift, make_outcome, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")
TODAY = date(2026, 11, 20)


class TestDrainingRelationships:
    def test_three_gifts_one_returned_no_reply_since_august(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        make_outcome(session, wang, "reply", date(2026, 8, 3))
        make_gift(session, actor, wang, on=date(2026, 6, 25))
        for month, status in ((9, "delivered"), (10, "returned")):
            make_gift(session, actor, wang, on=date(2026, month, 2), status=status)
        (drain,) = draining_relationships(session, actor)
        assert drain.pattern == "3 gifts in 5 months, 1 returned, no reply since August"
        assert drain.action == "recalibrate" and drain.suggestion.startswith("Recalibrate")

    def test_the_pattern_reads_in_chinese(self) -> None:
        text = describe_pattern("zh", today=TODAY, first=date(2026, 6, 25), gifts=3, touches=0, returned=1,
                                refused=0, complaints=0, disputes=0, unanswered=0, last_positive=date(2026, 8, 3))
        assert text == "5个月送了3次礼，1次被退回，8月以来没有回复"

    def test_gifts_that_keep_coming_back_suggest_a_pause(self, session: Session, actor: Actor) -> None:
        li = make_contact(session, actor, "李娜")
        make_gift(session, actor, li, on=date(2026, 9, 1), status="returned")
        make_outcome(session, li, "reply", date(2026, 10, 1))
        make_gift(session, actor, li, on=date(2026, 10, 5), status="refused")
        (drain,) = draining_relationships(session, actor)
        assert drain.action == "pause" and "gifts keep coming back" in drain.reasons
        assert "1 returned, 1 refused" in drain.pattern

    def test_touches_without_answers_drain_too(self, session: Session, actor: Actor) -> None:
        zhang = make_contact(session, actor, "张伟")
        for day in (1, 15):
            for month in (9, 10):
                make_touch(session, actor, zhang, due=date(2026, month, day), done=date(2026, month, day), minutes=20)
        (drain,) = draining_relationships(session, actor)
        assert "4 touches in 3 months" in drain.pattern and "no reply yet" in drain.pattern
        assert drain.minutes == 80

    def test_a_dispute_on_top_of_flat_returns_suggests_a_pause(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        for month in (8, 10):
            make_gift(session, actor, wang, on=date(2026, month, 1))
        make_dispute(session, actor, wang, opened=date(2026, 10, 20))
        (drain,) = draining_relationships(session, actor)
        assert drain.action == "pause" and "1 dispute(s)" in drain.pattern

    def test_a_relationship_that_answers_is_not_flagged(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        for month in (8, 10):
            make_gift(session, actor, wang, on=date(2026, month, 1))
            make_outcome(session, wang, "order", date(2026, month, 20), value="3000")
        assert draining_relationships(session, actor) == []

    def test_the_last_n_touches_window(self, session: Session, actor: Actor) -> None:
        wang = make_contact(session, actor)
        make_gift(session, actor, wang, on=date(2025, 1, 1))
        make_gift(session, actor, wang, on=date(2025, 2, 1))
        for day in (1, 2):
            make_touch(session, actor, wang, due=date(2025, 3, day), done=date(2025, 3, day))
        assert draining_relationships(session, actor) == []
        (drain,) = draining_relationships(session, actor, touches=2)
        assert drain.gifts == 0 and "2 touches" in drain.pattern


class TestMonthsBack:
    def test_clamps_to_the_end_of_a_short_month(self) -> None:
        assert months_back(date(2026, 5, 31), 3) == date(2026, 2, 28)
        assert months_back(date(2026, 1, 15), 2) == date(2025, 11, 15)
