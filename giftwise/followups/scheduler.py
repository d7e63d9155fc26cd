"""The digest scheduler inside ``giftwise serve``: a background thread that sends the daily digest.

After ``GIFTWISE_DIGEST_TIME`` (UTC, by the giftwise clock) it runs the digest job every
``GIFTWISE_DIGEST_POLL_SECONDS``; the job sends each digest once per day and retries failed ones,
so a mail server that was down at 08:30 still gets the digest out when it comes back.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time

from giftwise.core import clock
from giftwise.core.errors import ConfigurationError, GiftwiseError
from giftwise.core.settings import get_settings

log = logging.getLogger("giftwise.digest")


def digest_due(now: datetime, digest_time: str) -> bool:
    """True once ``now`` (UTC) has reached today's digest time ("HH:MM")."""
    try:
        hour, minute = (int(part) for part in digest_time.split(":"))
        at = time(hour, minute)
    except ValueError:
        raise ConfigurationError(f"GIFTWISE_DIGEST_TIME must look like 08:30, not '{digest_time}'.") from None
    return now.time() >= at


def run_once() -> None:
    """Send today's digests if it is time (never raises: a scheduler must keep running)."""
    from giftwise.followups.digest_job import send_daily_digests

    try:
        if digest_due(clock.now(), get_settings().digest_time):
            run = send_daily_digests()
            for failure in run.failed:
                log.error("daily digest for %s still failing: %s", failure.username, failure.error)
    except GiftwiseError as exc:
        log.error("daily digest run failed: %s", exc.detail)
    except Exception:  # the thread must survive anything, and reports it
        log.exception("daily digest run failed")


def start_digest_scheduler(stop: threading.Event | None = None) -> threading.Event | None:
    """Start the background digest thread (unless disabled); set the returned event to stop it."""
    settings = get_settings()
    if not settings.digest_enabled:
        return None
    stopper = stop or threading.Event()

    def loop() -> None:
        while not stopper.is_set():
            run_once()
            stopper.wait(settings.digest_poll_seconds)

    threading.Thread(target=loop, name="giftwise-digest", daemon=True).start()
    return stopper
