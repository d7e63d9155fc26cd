"""The daily digest's log, one row per user and day: claim a digest for sending, finish it, read the log.

Flush only; the words are :mod:`giftwise.digest.compose`, and the sending job that opens units of
work and talks SMTP is :mod:`giftwise.jobs.digest`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts.service import visible_owner_ids
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.digest import repository
from giftwise.digest.compose import new_message_id
from giftwise.digest.schemas import DigestLogRead
from giftwise.models.followups import DigestLog

# A claim older than this is taken to be from a run that died mid-send, and may be retried.
STALE_CLAIM = timedelta(minutes=15)
DONE_STATUSES = ("sent", "empty")


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
