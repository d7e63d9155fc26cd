"""Timestamps come back timezone-aware and in UTC on both backends, whatever zone they were written in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from giftwise.core.db import session_factory
from giftwise.models.contacts import Organization

BEIJING = timezone(timedelta(hours=8))


def _stored(engine: Engine, moment: datetime) -> datetime:
    with session_factory(engine)() as session:
        organization = Organization(name=f"org {moment.isoformat()}", created_at=moment, updated_at=moment)
        session.add(organization)
        session.commit()
        organization_id = organization.id
    with session_factory(engine)() as session:
        return session.scalars(select(Organization.created_at).where(Organization.id == organization_id)).one()


class TestTimestamps:
    def test_a_row_written_now_reads_back_aware_in_utc(self, engine: Engine, session: Session) -> None:
        read = _stored(engine, datetime.now(UTC))
        assert read.tzinfo is not None and read.utcoffset() == timedelta(0)

    def test_a_beijing_moment_keeps_its_instant(self, engine: Engine) -> None:
        moment = datetime(2026, 11, 20, 7, 30, tzinfo=BEIJING)
        read = _stored(engine, moment)
        assert read == moment and read.hour == 23 and read.day == 19

    @settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2999, 12, 30),
                        timezones=st.sampled_from([UTC, BEIJING, timezone(timedelta(hours=-5))])))
    def test_any_moment_round_trips(self, engine: Engine, moment: datetime) -> None:
        assert _stored(engine, moment) == moment
