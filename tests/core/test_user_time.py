"""Each user's "today" is the day where they are: planning, the agenda and the digest follow their timezone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.settings import reset_settings
from giftwise.followups.calendar_feed import FEED_DAYS
from giftwise.followups.calendar_feed_service import calendar_token
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import create_touch
from giftwise.jobs.digest import digest_due
from tests.factories import make_contact

# 23:30 UTC on 1 December is 07:30 on 2 December in Beijing and 18:30 on 1 December in New York.
LATE_UTC = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)


@pytest.fixture
def utc_install(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An installation whose default timezone is UTC, so only the user's own timezone can move "today"."""
    monkeypatch.setenv("GIFTWISE_TIMEZONE", "UTC")
    reset_settings()
    yield
    reset_settings()
    clock.use_timezone(None)


@pytest.mark.usefixtures("utc_install")
class TestTodayWhereTheUserIs:
    def test_a_beijing_user_before_8am_plans_a_gift_for_their_today(
        self, api: TestClient, session: Session, actor: Actor
    ) -> None:
        contact = make_contact(session, actor)
        session.commit()
        assert api.patch("/users/me", json={"timezone": "Asia/Shanghai"}).status_code == 200
        with clock.frozen_at(LATE_UTC):
            planned = api.post("/gifts", json={"contact_id": contact.id, "description": "一盒茶", "cost": "80",
                                               "kind": "token", "item_kind": "food", "planned_on": "2026-12-02"})
            assert planned.status_code == 201, planned.text
            assert api.get("/agenda").json()["as_of"] == "2026-12-02"

    def test_a_new_york_user_is_still_on_the_first(self, api: TestClient, actor: Actor) -> None:
        assert api.patch("/users/me", json={"timezone": "America/New_York"}).status_code == 200
        with clock.frozen_at(LATE_UTC):
            assert api.get("/agenda").json()["as_of"] == "2026-12-01"

    def test_the_cli_follows_the_users_timezone(self, cli: CliRunner, actor: Actor) -> None:
        assert cli.invoke(app, ["users", "me", "--timezone", "Asia/Shanghai"]).exit_code == 0
        with clock.frozen_at(LATE_UTC):
            shown = cli.invoke(app, ["agenda", "-f", "json"])
        assert '"as_of": "2026-12-02"' in shown.output

    def test_an_unknown_timezone_is_refused(self, api: TestClient, actor: Actor) -> None:
        refused = api.patch("/users/me", json={"timezone": "Mars/Olympus"})
        assert refused.status_code == 422 and "Mars/Olympus" in refused.text


class TestCalendarFeedDay:
    """The feed's "today" is its owner's: its 90-day horizon ends on their day, not the server's."""

    @pytest.mark.parametrize(("timezone", "shown"), [("Asia/Shanghai", True), ("America/New_York", False)])
    def test_a_touch_on_the_last_day_of_the_owners_horizon_is_in_the_feed(
        self, utc_install: None, api: TestClient, session: Session, actor: Actor, timezone: str, shown: bool
    ) -> None:
        assert api.patch("/users/me", json={"timezone": timezone}).status_code == 200
        last_beijing_day = date(2026, 12, 2) + timedelta(days=FEED_DAYS)
        with clock.frozen_at(LATE_UTC):
            touch = create_touch(session, actor, data=TouchCreate(contact_id=make_contact(session, actor).id,
                                                                   due_on=last_beijing_day))
            token = calendar_token(session, actor)
            session.commit()
            feed = Calendar.from_ical(api.get(f"/calendar/{token}.ics").content)
        uids = {str(event["UID"]) for event in feed.walk("VEVENT")}
        assert (f"touch-{touch.id}-u{actor.user_id}@giftwise" in uids) is shown


class TestDigestHour:
    def test_the_digest_time_is_read_on_the_users_clock(self) -> None:
        with clock.in_timezone("Asia/Shanghai"), clock.frozen_at(datetime(2026, 12, 2, 0, 10, tzinfo=UTC)):
            assert not digest_due(clock.local_now(), "08:30")  # 08:10 in Beijing
        with clock.in_timezone("Asia/Shanghai"), clock.frozen_at(datetime(2026, 12, 2, 0, 40, tzinfo=UTC)):
            assert digest_due(clock.local_now(), "08:30")  # 08:40 in Beijing
