"""The daily digest over a real local SMTP server: content, languages, once a day, retries."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.settings import reset_settings
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import create_touch
from giftwise.jobs.digest import send_daily_digests
from giftwise.jobs.scheduler import digest_due, start_digest_scheduler
from giftwise.models.accounts import User
from giftwise.models.followups import DigestLog
from tests.factories import make_contact
from tests.followups.conftest import Mailbox
from tests.gifts.factories import make_user


def _book(session: Session, actor: Actor, today: date) -> None:
    """Two owners with mail: 'me' (Chinese) and 'anna' (English), each with touches."""
    me = session.get_one(User, actor.user_id)
    me.email, me.display_name, me.language = "me@giftwise.test", "小李", "zh"
    contact = make_contact(session, actor)
    create_touch(
        session,
        actor,
        data=TouchCreate(contact_id=contact.id, due_on=today, channel="call", script="问问新项目进展如何"),
    )
    _, anna = make_user(session, username="anna", email="anna@giftwise.test", language="en")
    other = make_contact(session, anna, name="Tom Hardy", language="en", birthday_month=11, birthday_day=26)
    create_touch(
        session,
        anna,
        data=TouchCreate(
            contact_id=other.id, due_on=today + timedelta(days=2), channel="meeting", script="Lunch about the Q1 plan"
        ),
    )
    make_user(session, username="nomail")
    session.commit()


def _logs(engine: Engine) -> list[DigestLog]:
    with Session(engine) as session:
        return list(session.scalars(select(DigestLog).order_by(DigestLog.user_id)))


class TestSendDailyDigests:
    def test_each_owner_gets_one_mail_in_their_language(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine
    ) -> None:
        _book(session, actor, frozen_clock)
        run = send_daily_digests()
        assert sorted(o.status for o in run.outcomes) == ["sent", "sent"]
        by_recipient = {m["To"]: m for m in mailbox.messages}
        chinese, english = by_recipient["me@giftwise.test"], by_recipient["anna@giftwise.test"]
        assert chinese["Subject"] == "giftwise 每日提醒 2026-11-20：今天 1 项，逾期 0 项"
        assert chinese["From"] == "digest@giftwise.test"
        body = chinese.get_content()
        assert "小李，早上好！" in body and "- [电话] 王建国 · 保持联系" in body and "问问新项目进展如何" in body
        assert "Tom Hardy" not in body
        assert english["Subject"] == "giftwise daily digest for 2026-11-20: 0 due today, 0 overdue"
        assert "- 2026-11-22 [meeting] Tom Hardy · keep in touch" in english.get_content()
        assert "- 2026-11-26 Tom Hardy's birthday (prepare from 2026-11-19, in 6 days)" in english.get_content()

    def test_sending_twice_on_the_same_day_sends_once(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine
    ) -> None:
        _book(session, actor, frozen_clock)
        send_daily_digests()
        second = send_daily_digests()
        assert len(mailbox.messages) == 2
        assert {o.status for o in second.outcomes} == {"skipped"}
        with clock.frozen_at(frozen_clock + timedelta(days=1)):
            send_daily_digests()
        assert len(mailbox.messages) == 4

    def test_a_busy_server_is_retried_within_the_run(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine
    ) -> None:
        _book(session, actor, frozen_clock)
        mailbox.refuse_next = 1
        run = send_daily_digests()
        assert [o.status for o in run.outcomes] == ["sent", "sent"]
        assert sorted(o.attempts for o in run.outcomes) == [1, 2]
        assert len(mailbox.messages) == 2

    def test_a_server_that_was_down_gets_the_digest_on_the_next_run(
        self, session: Session, actor: Actor, frozen_clock: date, smtp_settings: Mailbox, engine: Engine
    ) -> None:
        _book(session, actor, frozen_clock)
        down = send_daily_digests()
        assert [o.status for o in down.failed] == ["failed", "failed"]
        assert all(o.attempts == 3 and "Connection refused" in (o.error or "") for o in down.failed)
        assert [(log.status, log.attempts) for log in _logs(engine)] == [("failed", 3), ("failed", 3)]
        smtp_settings.start()
        up = send_daily_digests()
        assert [o.status for o in up.outcomes] == ["sent", "sent"]
        assert [(log.status, log.attempts, log.error) for log in _logs(engine)] == [("sent", 4, None)] * 2
        assert len(smtp_settings.messages) == 2

    def test_an_owner_with_nothing_to_do_gets_no_mail(
        self, session: Session, actor: Actor, mailbox: Mailbox, engine: Engine
    ) -> None:
        with clock.frozen_at(date(2026, 3, 10)):  # no festival within lead time, no touches
            me = session.get_one(User, actor.user_id)
            me.email = "me@giftwise.test"
            session.commit()
            run = send_daily_digests()
        assert [o.status for o in run.outcomes] == ["empty"] and mailbox.messages == []


class TestConcurrentRuns:
    def test_two_runs_at_once_send_each_digest_once(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine
    ) -> None:
        from concurrent.futures import ThreadPoolExecutor

        _book(session, actor, frozen_clock)
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(lambda _: send_daily_digests(), range(2)))
        statuses = sorted(o.status for run in runs for o in run.outcomes)
        assert statuses == ["sent", "sent", "skipped", "skipped"]
        assert sorted(m["To"] for m in mailbox.messages) == ["anna@giftwise.test", "me@giftwise.test"]

    def test_a_claim_left_by_a_crashed_run_is_taken_over_later(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine
    ) -> None:
        from datetime import UTC, datetime

        _book(session, actor, frozen_clock)
        session.add(
            DigestLog(
                user_id=actor.user_id,
                day=frozen_clock,
                status="sending",
                claimed_at=datetime(2026, 11, 20, 8, 30, tzinfo=UTC),
            )
        )
        session.commit()
        with clock.frozen_at(datetime(2026, 11, 20, 8, 40, tzinfo=UTC)):
            fresh = send_daily_digests()  # 10 minutes: the other run may still be sending
        assert [o.status for o in fresh.outcomes] == ["skipped", "sent"]
        with clock.frozen_at(datetime(2026, 11, 20, 9, 0, tzinfo=UTC)):
            stale = send_daily_digests()  # 30 minutes: that run died; take it over
        assert [o.status for o in stale.outcomes] == ["sent", "skipped"]
        assert sorted(m["To"] for m in mailbox.messages) == ["anna@giftwise.test", "me@giftwise.test"]


    def test_a_run_that_died_after_the_server_accepted_resends_under_the_same_message_id(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, engine: Engine,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        from datetime import UTC, datetime

        from giftwise.digest import service as digest

        _book(session, actor, frozen_clock)

        def crash(*_: object, **__: object) -> None:
            raise SystemExit("killed before the sent mark was committed")

        with monkeypatch.context() as patch, clock.frozen_at(datetime(2026, 11, 20, 8, 30, tzinfo=UTC)):
            patch.setattr(digest, "finish_digest", crash)
            with pytest.raises(SystemExit):
                send_daily_digests()
        intent = _logs(engine)[0]
        first = mailbox.messages[0]
        assert (intent.status, intent.message_id) == ("sending", first["Message-ID"])
        with clock.frozen_at(datetime(2026, 11, 20, 9, 0, tzinfo=UTC)):
            send_daily_digests()
        again = [m for m in mailbox.messages if m["To"] == first["To"]]
        assert [m["Message-ID"] for m in again] == [intent.message_id, intent.message_id]
        assert {(log.status, log.message_id is not None) for log in _logs(engine)} == {("sent", True)}


class TestDigestCli:
    def test_send_reports_and_a_failure_exits_non_zero(
        self, session: Session, actor: Actor, frozen_clock: date, smtp_settings: Mailbox, cli: CliRunner
    ) -> None:
        _book(session, actor, frozen_clock)
        failed = cli.invoke(app, ["digest", "send"])
        assert failed.exit_code == 1
        assert "2 digest(s) could not be sent and will be retried" in failed.output
        log = cli.invoke(app, ["digest", "log", "--format", "json"])
        assert log.exit_code == 0 and '"status": "failed"' in log.output
        smtp_settings.start()
        sent = cli.invoke(app, ["digest", "send", "--format", "json"])
        assert sent.exit_code == 0 and sent.output.count('"status": "sent"') == 2


class TestScheduler:
    def test_the_time_of_day_gate(self) -> None:
        from datetime import UTC, datetime

        assert not digest_due(datetime(2026, 11, 20, 0, 10, tzinfo=UTC), "00:30")
        assert digest_due(datetime(2026, 11, 20, 0, 30, tzinfo=UTC), "00:30")

    def test_the_serve_thread_sends_the_digest(
        self, session: Session, actor: Actor, frozen_clock: date, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GIFTWISE_DIGEST_POLL_SECONDS", "0.05")
        monkeypatch.setenv("GIFTWISE_DIGEST_TIME", "08:00")  # the frozen clock reads 09:00
        reset_settings()
        _book(session, actor, frozen_clock)
        scheduler = start_digest_scheduler()
        assert scheduler is not None
        try:
            deadline = time.monotonic() + 20  # a bound on waiting, not a timing assertion
            while len(mailbox.messages) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            scheduler.stop()
        assert sorted(m["To"] for m in mailbox.messages) == ["anna@giftwise.test", "me@giftwise.test"]

    def test_disabled_scheduler_does_not_start(self, env: object, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("GIFTWISE_DIGEST_ENABLED", "false")
        reset_settings()
        assert start_digest_scheduler() is None
