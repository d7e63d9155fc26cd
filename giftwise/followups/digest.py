"""The daily digest: its words (from editable templates) and its log, one row per user and day.

This module is the service side of ``DigestLog`` (claim, finish: flush only); the sending job
that opens units of work and talks SMTP is :mod:`giftwise.jobs.digest`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts.service import visible_owner_ids
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.templating import render
from giftwise.followups import repository, rules
from giftwise.followups.schemas import Agenda, AgendaTouch, DigestLogRead
from giftwise.models.accounts import User
from giftwise.models.followups import DigestLog

# A claim older than this is taken to be from a run that died mid-send, and may be retried.
STALE_CLAIM = timedelta(minutes=15)
DONE_STATUSES = ("sent", "empty")


@dataclass(frozen=True, slots=True)
class Digest:
    """One composed digest mail."""

    recipient: str
    subject: str
    body: str
    language: str


def compose(user: User, agenda: Agenda) -> Digest:
    """The digest mail for ``user`` from their agenda, in their language."""
    lang = "en" if (user.language or "zh").startswith("en") else "zh"

    def rows(items: list[AgendaTouch]) -> list[dict[str, object]]:
        return [{**t.model_dump(), "first_line": (t.script.strip().splitlines() or [""])[0]} for t in items]

    values = {
        "name": user.display_name or user.username, "day": agenda.as_of.isoformat(), "days": agenda.days,
        "overdue": rows(agenda.overdue), "today": rows(agenda.today), "upcoming": rows(agenda.upcoming),
        "dates": [d.model_dump() for d in agenda.dates], "channels": rules.channel_labels(lang),
    }
    return Digest(
        recipient=user.email or "",
        subject=render("followups", lang, "digest-subject", **values).replace("\n", " "),
        body=render("followups", lang, "digest", **values) + "\n",
        language=lang,
    )


def as_message(digest: Digest, *, sender: str, message_id: str | None = None) -> EmailMessage:
    """``digest`` as a UTF-8 e-mail message from ``sender`` (under ``message_id`` when one was reserved)."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = digest.recipient
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = message_id or new_message_id(sender)
    message.set_content(digest.body, charset="utf-8")
    return message


def new_message_id(sender: str) -> str:
    """A fresh, globally unique Message-ID in the sender's domain."""
    return make_msgid(domain=sender.rpartition("@")[2] or "giftwise.local")


def claim_digest(
    session: Session, *, user_id: int, day: date, recipient: str, sender: str = "giftwise@localhost"
) -> DigestLog | None:
    """Take the user's digest of ``day`` for sending; ``None`` when it was sent or another run holds it.

    The claim carries the Message-ID the mail will be sent under (kept from an earlier attempt), so
    the intent is on record before anything is sent.
    """
    log = repository.digest_log(session, user_id, day)
    if log is None:
        try:
            with session.begin_nested():
                log = DigestLog(user_id=user_id, day=day, status="sending", attempts=0,
                                claimed_at=clock.now(), recipient=recipient, message_id=new_message_id(sender))
                session.add(log)
            return log
        except IntegrityError:
            log = repository.digest_log(session, user_id, day)  # another run inserted it first
            if log is None:
                return None
    now = clock.now()
    taken = session.execute(
        update(DigestLog)
        .where(DigestLog.id == log.id)
        .where(or_(DigestLog.status.in_(("pending", "failed")),
                   (DigestLog.status == "sending") & (DigestLog.claimed_at < now - STALE_CLAIM)))
        .values(status="sending", claimed_at=now, recipient=recipient)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    if getattr(taken, "rowcount", 0) != 1:
        return None
    session.refresh(log)
    if log.message_id is None:
        log.message_id = new_message_id(sender)
        session.flush()
    return log


def finish_digest(session: Session, *, log_id: int, attempts: int, error: str | None, empty: bool = False) -> DigestLog:
    """Record how sending went: sent (or nothing to send), or failed with the last error."""
    log = session.get_one(DigestLog, log_id)
    log.attempts += attempts
    log.error = error
    if error is None:
        log.status = "empty" if empty else "sent"
        log.sent_at = None if empty else clock.now()
    else:
        log.status = "failed"
    session.flush()
    return log


def digest_history(
    session: Session, actor: Actor, *, day: date | None = None, limit: int = 100
) -> list[DigestLogRead]:
    """Recent digest log rows the actor may see (what was sent, what failed and why), newest first."""
    rows = repository.digest_logs(session, user_ids=visible_owner_ids(session, actor), day=day, limit=limit)
    return [DigestLogRead.model_validate(row) for row in rows]
