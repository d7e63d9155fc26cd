"""How long the agenda, the calendar feed and the digest mail take for a growing book.

A throwaway SQLite book of N contacts (solar and lunar birthdays, relationship anniversaries, a
30-day call cadence, a note each) with 2 open touches per contact and a delivered gift every
tenth contact. The first agenda call also creates the cadence touches; later calls only read.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 20)


def _book(folder: str, contacts: int) -> Any:
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.core.db import get_engine, session_factory
    from giftwise.models import Base
    from giftwise.models.contacts import Contact, Note
    from giftwise.models.followups import Touch
    from giftwise.models.gifts import Gift

    engine = get_engine(f"sqlite:///{Path(folder) / f'agenda-{contacts}.db'}")
    Base.metadata.create_all(engine)
    session = session_factory(engine)()
    create_local_owner(session)  # a fresh benchmark database has no user yet
    actor = actor_for_cli(session)
    people = [
        Contact(name=f"联系人{i}", owner_id=actor.user_id, language="zh" if i % 3 else "en",
                birthday_calendar="lunar" if i % 2 else "solar", birthday_month=1 + i % 12, birthday_day=1 + i % 28,
                relationship_since=date(2015 + i % 10, 1 + i % 12, 1 + i % 28), touch_cadence_days=30)
        for i in range(contacts)
    ]  # fmt: skip
    session.add_all(people)
    session.flush()
    for i, person in enumerate(people):
        session.add(Note(contact_id=person.id, on=TODAY - timedelta(days=i % 60), channel="call", text="聊了近况"))
        for k in (0, 1):
            session.add(Touch(contact_id=person.id, purpose="keep-promise", channel="message", owner_id=actor.user_id,
                              due_on=TODAY + timedelta(days=(i + k * 5) % 14 - 3), script="确认赠品", source="promise"))
        if i % 10 == 0:
            gift = Gift(contact_id=person.id, description="茶", cost=Decimal("80"), status="delivered",
                        planned_on=TODAY - timedelta(days=5), delivered_on=TODAY - timedelta(days=2),
                        owner_id=actor.user_id)
            session.add(gift)
            session.flush()
            session.add(Touch(contact_id=person.id, gift_id=gift.id, purpose="reciprocity", channel="call",
                              owner_id=actor.user_id, due_on=TODAY, source="gift", source_id=gift.id))
    session.commit()
    return session, actor


def _seconds(action: Any) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run(quick: bool) -> list[dict[str, object]]:
    """Agenda (first and steady), iCalendar feed and digest composition times per book size."""
    from giftwise.core import clock
    from giftwise.digest.compose import compose
    from giftwise.followups.agenda_service import agenda
    from giftwise.followups.calendar_feed_service import feed_for_user
    from giftwise.models.accounts import User

    rows: list[dict[str, object]] = []
    sizes = (200,) if quick else (1_000, 10_000)
    with tempfile.TemporaryDirectory() as folder, clock.frozen_at(TODAY):
        for size in sizes:
            session, actor = _book(folder, size)
            user = session.get(User, actor.user_id)
            first = _seconds(lambda: agenda(session, actor))  # noqa: B023 - called at once
            session.commit()
            steady = min(_seconds(lambda: agenda(session, actor)) for _ in range(3))  # noqa: B023
            todo = agenda(session, actor)
            feed = min(_seconds(lambda: feed_for_user(session, user)) for _ in range(2))  # noqa: B023
            mail = _seconds(lambda: compose(user, todo))  # noqa: B023
            rows.append({
                "benchmark": "agenda", "case": f"{size:,} contacts",
                "touches on agenda": len(todo.overdue) + len(todo.today) + len(todo.upcoming),
                "dates": len(todo.dates), "first agenda s": first, "agenda s": steady, "ics feed (90 d) s": feed,
                "digest compose s": mail,
            })
            session.close()
    return rows
