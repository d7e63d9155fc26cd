"""Small gestures instead of one big present: the pure planner and the stored-contact plan."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.core.settings import reset_settings
from giftwise.gestures import planner as gestures
from giftwise.gestures.service import accept_gesture_plan, gesture_plan
from giftwise.models.contacts import Note
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.understanding import Fact
from tests.factories import make_contact, make_item, pear

START = date(2026, 11, 20)


def _candidate(item_id: int, price: str, *concepts: str) -> gestures.Candidate:
    return gestures.Candidate(
        item_id=item_id,
        sku=f"sku-{item_id}",
        name=f"item {item_id}",
        price=Decimal(price),
        concepts=frozenset(concepts),
    )


CATALOG = [
    _candidate(1, "120", "cough", "tea"),
    _candidate(2, "260", "fishing"),
    _candidate(3, "80", "tea"),
    _candidate(4, "350", "back-pain"),
    _candidate(5, "45", "snack"),
    _candidate(6, "199", "fishing", "outdoor"),
    _candidate(7, "1800", "watch"),
]


class TestPlanner:
    def test_one_gesture_a_month_within_budget_tied_to_needs(self) -> None:
        plan = gestures.plan(
            start=START,
            months=6,
            budget=Decimal("2000"),
            anchors=[],
            needs=["fishing", "cough"],
            candidates=CATALOG,
            language="en",
        )
        assert len(plan.gestures) == 6
        assert sum(g.cost for g in plan.gestures) + plan.unspent == Decimal("2000")
        assert all(g.item is None or g.item.sku != "sku-7" for g in plan.gestures)  # never the one big present
        assert plan.gestures[0].need == "fishing" and plan.gestures[0].item is not None
        assert "fishing" in plan.gestures[0].item.concepts
        assert len({g.item.item_id for g in plan.gestures if g.item}) == len([g for g in plan.gestures if g.item])

    def test_a_birthday_anchors_its_month_with_an_item(self) -> None:
        birthday = gestures.Anchor(on=date(2027, 1, 10), kind="birthday", name="Li's birthday", occasion="birthday")
        plan = gestures.plan(
            start=START, months=3, budget=Decimal("600"), anchors=[birthday], needs=["tea"], candidates=CATALOG
        )
        anchored = [g for g in plan.gestures if g.anchor]
        assert [(g.on, g.occasion, g.kind) for g in anchored] == [(date(2027, 1, 7), "birthday", "item")]
        assert anchored[0].item is not None

    def test_too_small_a_budget_keeps_the_dates_and_writes_otherwise(self) -> None:
        festival = gestures.Anchor(on=date(2026, 12, 25), kind="festival", name="Christmas", occasion="festival")
        plan = gestures.plan(start=START, months=4, budget=Decimal("200"), anchors=[festival], needs=["tea"],
                             candidates=[*CATALOG, _candidate(8, "40", "tea")])
        paid = [g for g in plan.gestures if g.item]
        assert len(paid) <= 2 and any(g.anchor == "Christmas" for g in paid)
        assert all(g.cost == 0 and g.kind in ("card", "article", "call") for g in plan.gestures if g.item is None)

    @given(st.decimals(min_value=1, max_value=20000, places=2), st.integers(1, 24))
    def test_each_gesture_is_small_a_quarter_of_the_budget_at_most(self, budget: Decimal, months: int) -> None:
        plan = gestures.plan(start=START, months=months, budget=budget, anchors=[], needs=["tea", "fishing"],
                             candidates=CATALOG)
        assert all(g.cost <= budget * gestures.SMALL_SHARE for g in plan.gestures)

    def test_gestures_vary_an_item_a_card_an_article_and_a_call(self) -> None:
        plan = gestures.plan(start=START, months=8, budget=Decimal("2000"), anchors=[], needs=["tea", "fishing"],
                             candidates=CATALOG)
        kinds = [g.kind for g in plan.gestures]
        assert {"item", "card", "article", "call"} <= set(kinds)
        assert max(kinds.count(k) for k in set(kinds)) <= 3
        assert next(g for g in plan.gestures if g.kind == "article").why.startswith("一篇对方会喜欢的关于")

    @given(st.decimals(min_value=1, max_value=20000, places=2), st.integers(1, 24))
    def test_never_over_budget_and_one_per_month(self, budget: Decimal, months: int) -> None:
        plan = gestures.plan(
            start=START, months=months, budget=budget, anchors=[], needs=["tea", "fishing"], candidates=CATALOG
        )
        assert sum(g.cost for g in plan.gestures) <= budget and plan.unspent >= 0
        assert len(plan.gestures) == months
        assert [g.on for g in plan.gestures] == sorted(g.on for g in plan.gestures)

    def test_add_months_clamps_to_month_end(self) -> None:
        assert gestures.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
        assert gestures.add_months(date(2026, 11, 20), 14) == date(2028, 1, 20)


class TestGesturePlanForContact:
    def _book(self, session: Session, actor: Actor, today: date) -> int:
        contact = make_contact(session, actor, birthday_month=1, birthday_day=12)
        session.add(
            Note(
                contact_id=contact.id,
                on=today - timedelta(days=3),
                channel="call",
                text="他戒酒三年了。最近腰疼，周末喜欢钓鱼。",
            )
        )
        for sku, price, category, name_zh, name_en in (
            ("back-cushion", "248", "home", "腰部按摩靠垫", "Lumbar cushion"),
            ("fishing-rod", "260", "outdoor", "路亚鱼竿", "Lure rod"),
            ("baijiu", "300", "drink", "白酒", "Baijiu"),
            ("tea", "160", "drink", "红茶", "Black tea"),
        ):
            make_item(session, **pear(sku=sku, price=price, tags=[], category=category, name_zh=name_zh,
                                      name_en=name_en, story_prompt=None))
        watch = pear(sku="watch", price="1900", tags=[], name_zh="手表", name_en="Watch", story_prompt=None)
        make_item(session, **watch)
        session.commit()
        return contact.id

    def test_plan_uses_needs_dates_and_avoids_restrictions(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact_id = self._book(session, actor, frozen_clock)
        proposal = gesture_plan(session, actor, contact_id=contact_id, budget=Decimal("2000"), months=6)
        skus = [g.sku for g in proposal.gestures]
        assert "baijiu" not in skus  # he quit drinking
        assert "watch" not in skus  # a small gesture never needs a manager's approval
        assert all(g.cost <= Decimal("500") for g in proposal.gestures)  # small: a quarter of the budget at most
        assert (proposal.gestures[0].sku, proposal.gestures[0].need) == ("back-cushion", "back_support")
        first = proposal.gestures[0].why
        assert first.startswith("回应对方提过的：") and "back_support" not in first
        assert {g.kind for g in proposal.gestures} >= {"item", "card"}
        assert any(g.occasion == "birthday" and g.on == date(2027, 1, 9) for g in proposal.gestures)
        assert any(g.occasion == "festival" for g in proposal.gestures)  # Spring Festival 2027-02-06
        assert proposal.total_cost + proposal.unspent <= Decimal("2000") and proposal.source == "recommender"

    def test_a_proposal_stores_nothing_and_accepting_stores_what_it_read(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact_id = self._book(session, actor, frozen_clock)  # its note is not read yet
        proposal = gesture_plan(session, actor, contact_id=contact_id, budget=Decimal("2000"), months=6)
        session.flush()
        assert proposal.gestures[0].need == "back_support"
        assert session.scalar(select(func.count()).select_from(Fact)) == 0
        accept_gesture_plan(session, actor, contact_id=contact_id, budget=Decimal("2000"), months=6)
        assert {f.concept for f in session.scalars(select(Fact))} >= {"back_support", "no_alcohol"}

    def test_a_food_they_are_sick_of_is_never_a_gesture(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact_id = self._book(session, actor, frozen_clock)
        session.add(Note(contact_id=contact_id, on=frozen_clock - timedelta(days=1), channel="call",
                         text="他说逢年过节收到的茶叶堆满了柜子，喝都喝不完。"))
        session.commit()
        proposal = gesture_plan(session, actor, contact_id=contact_id, budget=Decimal("2000"), months=6)
        assert "tea" not in [g.sku for g in proposal.gestures]

    def test_accept_turns_the_plan_into_gifts_and_touches(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact_id = self._book(session, actor, frozen_clock)
        accepted = accept_gesture_plan(session, actor, contact_id=contact_id, budget=Decimal("2000"), months=6)
        assert len(accepted.touch_ids) == 6 and len(accepted.gift_ids) == len(
            [g for g in accepted.plan.gestures if g.item_id]
        )
        touches = session.scalars(select(Touch).where(Touch.purpose == "gesture").order_by(Touch.due_on)).all()
        assert [t.due_on for t in touches] == [g.on for g in accepted.plan.gestures]
        gifts = session.scalars(select(Gift)).all()
        assert {g.status for g in gifts} == {"planned"}

    def test_cli_shows_a_table_and_accepts(
        self, session: Session, actor: Actor, frozen_clock: date, cli: CliRunner
    ) -> None:
        self._book(session, actor, frozen_clock)
        table = cli.invoke(app, ["plan-gestures", "王建国", "--budget", "2000", "--months", "6"])
        assert table.exit_code == 0, table.output
        assert "腰部按摩靠垫" in table.output and "--accept" in table.output
        assert re.search(r"Total [\d,.]+ CNY, unspent [\d,.]+ CNY", table.output), table.output
        assert session.scalar(select(func.count()).select_from(Touch)) == 0
        session.rollback()  # end the read so the CLI can write (SQLite takes the write lock at BEGIN)
        accepted = cli.invoke(app, ["plan-gestures", "王建国", "--budget", "2000", "--accept", "-f", "json"])
        assert accepted.exit_code == 0, accepted.output
        assert len(json.loads(accepted.output)["touch_ids"]) == 6

    def test_a_chinese_install_says_the_plan_in_chinese(
        self, session: Session, actor: Actor, frozen_clock: date, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self._book(session, actor, frozen_clock)
        session.commit()
        monkeypatch.setenv("GIFTWISE_LANGUAGE", "zh")
        reset_settings()
        table = cli.invoke(app, ["plan-gestures", "王建国", "--budget", "2000", "--months", "6"])
        assert table.exit_code == 0, table.output
        assert "分 6 个月" in table.output and re.search(r"合计 [\d,.]+ CNY，未用 [\d,.]+ CNY", table.output)
        assert not re.search(r"\b(?:over|months|total|unspent)\b", table.output), table.output

    def test_bad_budget_and_months(self, session: Session, actor: Actor, frozen_clock: date, cli: CliRunner) -> None:
        self._book(session, actor, frozen_clock)
        refusals = ((["--budget", "-5"], "Budget must be more"), (["--budget", "100", "--months", "40"], "Months"))
        for args, message in refusals:
            result = cli.invoke(app, ["plan-gestures", "王建国", *args])
            assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
