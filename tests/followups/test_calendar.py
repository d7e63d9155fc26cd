"""The agenda as an iCalendar feed, parsed back with the icalendar library."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import NotFound
from giftwise.followups.calendar_feed_service import calendar_owner, calendar_token
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import create_touch
from tests.factories import make_contact
from tests.gifts.factories import make_user


def _events(feed: bytes) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(feed)
    assert str(calendar["VERSION"]) == "2.0" and "giftwise" in str(calendar["PRODID"])
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "summary": str(e["SUMMARY"]),
            "description": str(e["DESCRIPTION"]),
            "stamp": e.decoded("DTSTAMP"),
            "value": e["DTSTART"].params.get("VALUE"),
        }
        for e in calendar.walk("VEVENT")
    }


class TestCalendarToken:
    def test_a_new_feed_address_replaces_the_old_one(self, session: Session, actor: Actor) -> None:
        first = calendar_token(session, actor)
        assert calendar_owner(session, token=first).id == actor.user_id and len(first) >= 32
        rotated = calendar_token(session, actor)
        assert rotated != first
        with pytest.raises(NotFound, match="No calendar feed"):
            calendar_owner(session, token=first)
        assert calendar_owner(session, token=rotated).id == actor.user_id

    def test_the_feed_token_is_stored_hashed_and_expires(self, session: Session, actor: Actor) -> None:
        from sqlalchemy import select

        from giftwise.models.accounts import AccessToken

        token = calendar_token(session, actor)
        stored = session.scalars(select(AccessToken).where(AccessToken.kind == "calendar")).one()
        assert token not in (stored.token_hash, stored.prefix) and stored.prefix == token[:8]
        with clock.frozen_at(clock.now() + timedelta(days=366)), pytest.raises(NotFound):
            calendar_owner(session, token=token)


class TestFeed:
    def test_feed_holds_touches_and_dates_as_all_day_events(
        self, session: Session, actor: Actor, frozen_clock: date, api: TestClient
    ) -> None:
        contact = make_contact(session, actor, birthday_month=11, birthday_day=24)
        touch = create_touch(
            session,
            actor,
            data=TouchCreate(
                contact_id=contact.id, due_on=frozen_clock + timedelta(days=1), channel="call", script="问问近况"
            ),
        )
        token = calendar_token(session, actor)
        session.commit()
        response = api.get(f"/calendar/{token}.ics")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
        events = _events(response.content)
        event = events[f"touch-{touch.id}-u{actor.user_id}@giftwise"]
        assert (event["start"], event["end"], event["value"]) == (date(2026, 11, 21), date(2026, 11, 22), "DATE")
        assert "王建国" in str(event["summary"]) and event["description"] == "问问近况"
        birthday = next(e for uid, e in events.items() if uid.startswith(f"date-birthday-{contact.id}-"))
        assert birthday["start"] == date(2026, 11, 24)
        assert b"\r\n" in response.content  # RFC 5545 line endings

    def test_unknown_token_is_404_problem(self, api: TestClient) -> None:
        response = api.get("/calendar/not-a-token.ics")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")

    def test_feed_shows_only_the_token_owners_book(
        self, session: Session, actor: Actor, frozen_clock: date, api: TestClient
    ) -> None:
        _, rep = make_user(session, username="li")
        create_touch(
            session, actor, data=TouchCreate(contact_id=make_contact(session, actor).id, due_on=frozen_clock)
        )
        mine = create_touch(
            session, rep, data=TouchCreate(contact_id=make_contact(session, rep, name="李雷").id, due_on=frozen_clock)
        )
        token = calendar_token(session, rep)
        session.commit()
        uids = [uid for uid in _events(api.get(f"/calendar/{token}.ics").content) if uid.startswith("touch-")]
        assert uids == [f"touch-{mine.id}-u{rep.user_id}@giftwise"]


class TestCalendarCli:
    def test_each_call_makes_a_new_address(self, cli: CliRunner) -> None:
        first = cli.invoke(app, ["calendar", "token", "--format", "json"])
        again = cli.invoke(app, ["calendar", "token", "--format", "json"])
        assert first.exit_code == 0 and again.output != first.output
        assert "/calendar/" in first.output and ".ics" in first.output

    def test_export_writes_a_parsable_file(
        self, session: Session, actor: Actor, frozen_clock: date, cli: CliRunner, tmp_path: Path
    ) -> None:
        create_touch(
            session, actor, data=TouchCreate(contact_id=make_contact(session, actor).id, due_on=frozen_clock)
        )
        session.commit()
        target = tmp_path / "agenda.ics"
        result = cli.invoke(app, ["calendar", "export", str(target)])
        assert result.exit_code == 0, result.output
        assert any(uid.startswith("touch-") for uid in _events(target.read_bytes()))

    @pytest.mark.parametrize(
        ("name", "message"), [("agenda.txt", "does not end in .ics"), ("missing/agenda.ics", "does not exist")]
    )
    def test_export_refuses_bad_paths(self, cli: CliRunner, tmp_path: Path, name: str, message: str) -> None:
        result = cli.invoke(app, ["calendar", "export", str(tmp_path / name)])
        assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
