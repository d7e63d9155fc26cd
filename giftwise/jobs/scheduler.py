"""The digest scheduler inside ``giftwise serve``: a background thread that sends the daily digest.

Every ``GIFTWISE_DIGEST_POLL_SECONDS`` it runs the digest job, which sends each user's digest once
``GIFTWISE_DIGEST_TIME`` has come in that user's timezone, once per their day, and retries failed
ones, so a mail server that was down at 08:30 still gets the digest out when it comes back.
"""

from __future__ import annotations

import logging
import threading

from giftwise.core.errors import GiftwiseError
from giftwise.core.settings import get_settings
from giftwise.jobs.digest import digest_due, send_daily_digests

__all__ = ["digest_due", "run_once", "start_digest_scheduler"]

log = logging.getLogger("giftwise.digest")


def run_once() -> None:
    """Send today's digests if it is time (never raises: a scheduler must keep running)."""
    try:
        run = send_daily_digests(when_due=True)  # each user's digest once their local digest time has come
        for failure in run.failed:
            log.error("daily digest for %s still failing: %s", failure.username, failure.error)
    except GiftwiseError as exc:
        log.error("daily digest run failed: %s", exc.detail)
    except Exception:  # the thread must survive anything, and reports it
        log.exception("daily digest run failed")


class DigestScheduler:
    """A running digest thread; ``stop()`` ends it after its current run."""

    def __init__(self, poll_seconds: float) -> None:
        self._stop = threading.Event()
        self._poll = poll_seconds
        self._thread = threading.Thread(target=self._loop, name="giftwise-digest", daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            run_once()
            self._stop.wait(self._poll)

    def start(self) -> DigestScheduler:
        """Start the thread; returns self."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the thread to stop and wait for it."""
        self._stop.set()
        self._thread.join(timeout)


def start_digest_scheduler() -> DigestScheduler | None:
    """Start the background digest thread, unless GIFTWISE_DIGEST_ENABLED is false."""
    settings = get_settings()
    if not settings.digest_enabled:
        return None
    return DigestScheduler(settings.digest_poll_seconds).start()
