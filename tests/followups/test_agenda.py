"""The agenda: overdue, today, the next days, and the dates that matter with their lead time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Invalid, NotFound
from giftwise.followups.agenda_service import agenda, upcoming_dates
from giftwise.followups.custom_dates_service import add_custom_date, delete_custom_date, list_custom_dates
from giftwise.followups.schemas import CustomDateCreate, TouchCreate
from giftwise.followups.service import create_touch
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.accounts import Team
from giftwise.workflows.gift_steps import move, plan
from tests.factories import make_contact
from tests.gifts.factories import make_user


def _touch(session: Session, actor: Actor, contact_id: int, due: date, channel: str = "message") -> int:
    data = TouchCreate(contact_id=contact_id, due_on=due, channel=channel)  # type: ignore[arg-type]
    return create_touch(session, actor, data=data).id


class TestAgendaSections:
    def test_overdue_today_and_upcoming_are_split_by_the_clock(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        past = _touch(session, actor, contact.id, frozen_clock)
        today = _touch(session, actor, contact.id, frozen_clock + timedelta(days=2))
        soon = _touch(session, actor, contact.id, frozen_clock + timedelta(days=5))
        later = _touch(session, actor, contact.id, frozen_clock + timedelta(days=12))
        with clock.frozen_at(frozen_clock + timedelta(days=2)):
            todo = agenda(session, actor)
        assert [t.id for t in todo.overdue] == [past] and todo.overdue[0].days_overdue == 2
        assert [t.id for t in todo.today] == [today]
        assert [t.id for t in todo.upcoming] == [soon]
        assert later not in {t.id for t in todo.upcoming}

    def test_a_meeting_comes_before_a_call_before_a_message_on_the_same_day(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        ids = {ch: _touch(session, actor, contact.id, frozen_clock, ch) for ch in ("message", "call", "meeting")}
        assert [t.id for t in agenda(session, actor).today] == [ids["meeting"], ids["call"], ids["message"]]

    def test_a_rep_sees_only_their_book_and_not_others_agendas(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        user, rep = make_user(session, username="li")
        _touch(session, actor, make_contact(session, actor).id, frozen_clock)
        mine = _touch(session, rep, make_contact(session, rep, name="李雷").id, frozen_clock)
        assert [t.id for t in agenda(session, rep).today] == [mine]
        assert len(agenda(session, actor).today) == 2
        assert [t.id for t in agenda(session, actor, owner_id=user.id).today] == [mine]
        with pytest.raises(NotFound, match="No agenda you may see"):
            agenda(session, rep, owner_id=actor.user_id)

    def test_a_manager_sees_the_team(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        team = Team(name="华东")
        session.add(team)
        session.flush()
        _, rep = make_user(session, username="li", team=team)
        _, manager = make_user(session, username="boss", role=Role.MANAGER, team=team)
        _touch(session, rep, make_contact(session, rep).id, frozen_clock)
        assert len(agenda(session, manager).today) == 1

    def test_days_out_of_range_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        with pytest.raises(Invalid, match="0 to 90 days"):
            agenda(session, actor, days=400)


class TestReciprocityOnAgenda:
    def _delivered(self, session: Session, actor: Actor, on: date, **contact: object) -> None:
        person = make_contact(session, actor, **contact)
        gift = plan(
            session, actor, data=GiftCreate(contact_id=person.id, description="茶", item_kind="drink", cost="80",
                                            planned_on=on)
        )
        for status in ("ordered", "shipped", "delivered"):
            move(session, actor, gift_id=gift.id, to_status=status, on=on)

    def test_gratitude_and_the_closing_date_are_shown_while_the_window_is_open(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        self._delivered(session, actor, frozen_clock)
        with clock.frozen_at(frozen_clock + timedelta(days=2)):
            (fresh,) = [t for t in agenda(session, actor).today if t.purpose == "reciprocity"]
        assert fresh.gratitude_left == pytest.approx(0.5 ** (2 / 7), abs=1e-3) and not fresh.window_closing
        assert fresh.window_closes_on == frozen_clock + timedelta(days=5)
        with clock.frozen_at(frozen_clock + timedelta(days=8)):
            late = [t for t in agenda(session, actor).overdue if t.gift_id and t.purpose != "delivery-check"]
        assert [(t.purpose, t.window_closing, t.gratitude_left) for t in late] == [("keep-in-touch", False, None)]

    def test_a_team_half_life_overrides_the_default(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        team = Team(name="fast", gratitude_half_life_days=1.5)
        session.add(team)
        session.flush()
        _, rep = make_user(session, username="li", team=team)
        self._delivered(session, rep, frozen_clock)
        with clock.frozen_at(frozen_clock + timedelta(days=2)):
            (opportunity,) = [t for t in agenda(session, rep).today if t.purpose == "reciprocity"]
        assert opportunity.gratitude_left == pytest.approx(0.5 ** (2 / 1.5), abs=1e-3)


class TestDatesOnAgenda:
    def test_birthday_with_unknown_year_appears_within_its_lead_time(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        make_contact(session, actor, birthday_month=11, birthday_day=25)
        make_contact(session, actor, name="远", birthday_month=12, birthday_day=20)
        found = [d for d in agenda(session, actor).dates if d.kind == "birthday"]
        assert [(d.on, d.prepare_from, d.years) for d in found] == [(date(2026, 11, 25), date(2026, 11, 18), None)]

    def test_lunar_birthday_is_converted_and_aged(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        make_contact(session, actor, birthday_calendar="lunar", birthday_year=1970, birthday_month=10, birthday_day=15)
        (birthday,) = [d for d in upcoming_dates(session, actor, days=30) if d.kind == "birthday"]
        assert birthday.on == date(2026, 11, 23) and birthday.years == 56  # lunar 10-15, new moon 9 Nov

    def test_relationship_anniversary_counts_years(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        make_contact(session, actor, name="Anna", relationship_since=date(2019, 11, 28))
        (anniversary,) = [d for d in upcoming_dates(session, actor, days=10) if d.kind == "anniversary"]
        assert (anniversary.on, anniversary.years) == (date(2026, 11, 28), 7)
        assert "7" in anniversary.name

    def test_festivals_come_with_their_lead_time(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        found = {d.key: d for d in upcoming_dates(session, actor, days=90) if d.kind == "festival"}
        assert found["christmas"].on == date(2026, 12, 25) and found["christmas"].prepare_from == date(2026, 12, 11)
        assert found["spring-festival"].on == date(2027, 2, 6)
        assert found["new-year"].on == date(2027, 1, 1)
        assert "mid-autumn" not in found

    def test_custom_lunar_date_is_listed_and_can_be_removed(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        custom = add_custom_date(
            session,
            actor,
            data=CustomDateCreate(
                contact_id=contact.id, name="公司成立纪念日", calendar="lunar", month=10, day=20, lead_days=3
            ),
        )
        (found,) = [d for d in upcoming_dates(session, actor, days=30) if d.kind == "custom"]
        assert (found.on, found.contact_name) == (date(2026, 11, 28), contact.name)
        assert [c.id for c in list_custom_dates(session, actor)] == [custom.id]
        delete_custom_date(session, actor, custom_date_id=custom.id)
        assert list_custom_dates(session, actor) == []

    def test_an_impossible_custom_date_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        with pytest.raises(Invalid, match="day 31 does not exist"):
            add_custom_date(session, actor, data=CustomDateCreate(name="x", month=4, day=31))

    def test_someone_elses_custom_date_cannot_be_removed(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        custom = add_custom_date(session, actor, data=CustomDateCreate(name="x", month=4, day=1))
        _, rep = make_user(session, username="li")
        with pytest.raises(NotFound):
            delete_custom_date(session, rep, custom_date_id=custom.id)


class TestTeamHalfLife:
    def test_manager_sets_it_for_the_team_and_it_is_audited(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from sqlalchemy import select

        from giftwise.core.errors import Forbidden
        from giftwise.followups.reciprocity_service import set_team_half_life
        from giftwise.models.accounts import AuditEntry

        team, other = Team(name="华南"), Team(name="华北")
        session.add_all([team, other])
        session.flush()
        _, manager = make_user(session, username="boss", role=Role.MANAGER, team=team)
        _, rep = make_user(session, username="li", team=team)
        assert set_team_half_life(session, manager, team="华南", days=3.5).gratitude_half_life_days == 3.5
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "team.half_life")).one()
        with pytest.raises(Forbidden):
            set_team_half_life(session, rep, team="华南", days=2)
        with pytest.raises(Forbidden):
            set_team_half_life(session, manager, team="华北", days=2)
        with pytest.raises(Invalid, match=r"between 0\.5 and 90"):
            set_team_half_life(session, actor, team="华南", days=0)
        with pytest.raises(NotFound, match="No team named 'x'"):
            set_team_half_life(session, actor, team="x", days=2)
        assert set_team_half_life(session, actor, team="华南", days=None).gratitude_half_life_days is None

    def test_over_rest_and_cli(self, session: Session, actor: Actor, api: object, cli: object) -> None:
        from fastapi.testclient import TestClient
        from typer.testing import CliRunner

        from giftwise.cli import app

        assert isinstance(api, TestClient) and isinstance(cli, CliRunner)
        session.add(Team(name="east"))
        session.commit()
        response = api.put("/teams/east/gratitude-half-life", json={"days": 4})
        assert response.status_code == 200 and response.json()["gratitude_half_life_days"] == 4
        assert api.put("/teams/east/gratitude-half-life", json={"days": 500}).status_code == 422
        result = cli.invoke(app, ["touches", "half-life", "east", "5", "-f", "json"])
        assert result.exit_code == 0 and '"gratitude_half_life_days": 5.0' in result.output
