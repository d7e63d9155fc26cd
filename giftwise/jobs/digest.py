"""The digest-sending job: an edge like a CLI command, with its own units of work and SMTP.

For every user with an e-mail address it claims today's digest (so two runs never send twice),
composes it from the agenda, sends it with retries, and records the result. A digest that still
fails is kept as "failed" with the error and retried by the next run: never silently dropped.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage

from sqlalchemy import Engine

from giftwise.accounts.service import actor_of
from giftwise.core import clock
from giftwise.core.db import unit_of_work
from giftwise.core.errors import ConfigurationError, GiftwiseError
from giftwise.core.settings import Settings, get_settings
from giftwise.digest import compose, repository
from giftwise.digest import service as digest
from giftwise.followups.agenda_service import agenda
from giftwise.followups.cadence_service import refresh_cadence
from giftwise.models.accounts import User

log = logging.getLogger("giftwise.digest")


@dataclass(slots=True)
class DigestOutcome:
    """What happened to one user's digest in a run."""

    user_id: int
    username: str
    recipient: str
    status: str  # sent | failed | empty | skipped
    attempts: int = 0
    error: str | None = None


@dataclass(slots=True)
class DigestRun:
    """Every user's outcome in one run; ``failed`` lists the digests that could not be sent."""

    day: date
    outcomes: list[DigestOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[DigestOutcome]:
        """The digests that failed after every retry."""
        return [o for o in self.outcomes if o.status == "failed"]


def send_daily_digests(
    *, day: date | None = None, engine: Engine | None = None, when_due: bool = False
) -> DigestRun:
    """Send each user with an e-mail address their digest for their own today, once per day, retrying failures.

    ``when_due`` (the serve scheduler) sends a user's digest only once GIFTWISE_DIGEST_TIME has come
    where that user is; ``giftwise digest send`` (cron) sends at once.
    """
    settings = get_settings()
    run = DigestRun(day=day or clock.today())
    with unit_of_work(engine) as session:
        recipients = [(u.id, u.username, u.email or "", u.timezone) for u in repository.digest_recipients(session)]
    for user_id, username, address, timezone in recipients:
        with clock.in_timezone(timezone):
            if when_due and not digest_due(clock.local_now(), settings.digest_time):
                continue
            user_day = day or clock.today()
        try:
            outcome = _one_digest(settings, engine, user_day, user_id, username, address)
        except Exception as exc:  # one broken digest must not stop the others; it is reported, not dropped
            detail = exc.detail if isinstance(exc, GiftwiseError) else f"{type(exc).__name__}: {exc}"
            outcome = DigestOutcome(user_id=user_id, username=username, recipient=address, status="failed",
                                    error=detail)
        run.outcomes.append(outcome)
        if outcome.status == "failed":
            log.error("digest for %s <%s> failed after %d attempts: %s", username, address, outcome.attempts,
                      outcome.error)
    return run


def digest_due(now: datetime, digest_time: str) -> bool:
    """True once ``now`` (the user's local time) has reached the digest time of day ("HH:MM")."""
    try:
        at = datetime.strptime(digest_time.strip(), "%H:%M").time()
    except ValueError:
        raise ConfigurationError("jobs.giftwise_digest_time_look", digest_time=digest_time) from None
    return now.time() >= at


def _one_digest(
    settings: Settings, engine: Engine | None, day: date, user_id: int, username: str, address: str
) -> DigestOutcome:
    outcome = DigestOutcome(user_id=user_id, username=username, recipient=address, status="skipped")
    with unit_of_work(engine) as session:
        claim = digest.claim_digest(session, user_id=user_id, day=day, recipient=address, sender=settings.smtp_from)
        if claim is None:
            return outcome
        log_id, message_id = claim.id, claim.message_id
        user = session.get_one(User, user_id)
        with clock.in_timezone(user.timezone):
            # The job writes anyway: it stores cadence touches a book from before they were kept at writes lacks.
            refresh_cadence(session, actor_of(user), owner_id=user_id)
            todo = agenda(session, actor_of(user), owner_id=user_id)
        mail, empty = compose.compose(user, todo), todo.is_empty
    if empty:
        outcome.status = "empty"
        with unit_of_work(engine) as session:
            digest.finish_digest(session, log_id=log_id, attempts=0, error=None, empty=True)
        return outcome
    # The claim (with its Message-ID) is committed above, before sending; the "sent" mark is
    # committed right after the server accepts. Only a crash between those two leaves the claim
    # open: a run after STALE_CLAIM sends again under the same Message-ID (recognisable as the
    # same mail), so the window for a visible duplicate is the milliseconds of that one commit.
    message = compose.as_message(mail, sender=settings.smtp_from, message_id=message_id)
    attempts, error = send_with_retries(message, settings)
    outcome.attempts, outcome.error = attempts, error
    outcome.status = "sent" if error is None else "failed"
    with unit_of_work(engine) as session:
        digest.finish_digest(session, log_id=log_id, attempts=attempts, error=error)
    return outcome


def send_with_retries(message: EmailMessage, settings: Settings) -> tuple[int, str | None]:
    """Send ``message`` over SMTP, trying ``smtp_retries`` times; (attempts made, last error or None)."""
    tries = max(settings.smtp_retries, 1)
    error: str | None = None
    for attempt in range(1, tries + 1):
        try:
            _send(message, settings)
            return attempt, None
        except (smtplib.SMTPException, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            if attempt < tries:
                time.sleep(settings.smtp_retry_delay_seconds * attempt)
    return tries, error


def _send(message: EmailMessage, settings: Settings) -> None:
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds)
    try:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(message)
    except BaseException:
        smtp.close()
        raise
    # Accepted: a connection lost while saying goodbye must not count as a failure and send it again.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
