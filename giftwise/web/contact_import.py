"""Importing a contact file from the browser, with its progress while it runs.

The upload starts the contacts domain's import (all rows or none; every rejected row with its line) in a
worker thread with its own unit of work, and the browser is sent to the import's page, which HTMX polls
for progress until the result is there. Progress lives in this process's memory only: the polling GETs
read it and write nothing. One import runs at a time (SQLite has one writer); others wait their turn.
"""

from __future__ import annotations

import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from giftwise.contacts.schemas import ImportReport
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep
from giftwise.core.db import unit_of_work
from giftwise.core.errors import GiftwiseError, NotFound
from giftwise.core.i18n import reading_in, t
from giftwise.web.pages import is_htmx, page_language, render, see_other
from giftwise.workflows import contact_steps

router = APIRouter()
log = logging.getLogger(__name__)
# A finished import's result stays this long for its page to show it (then it is forgotten).
KEPT_FOR = timedelta(hours=1)
# How often the import page asks for progress, in milliseconds.
POLL_MS = 500
ACCEPTED = ".csv,.xlsx,.vcf,text/csv,text/vcard"


@dataclass
class ImportJob:
    """One import started from the browser: whose, which file, how far it got, and its result or problem."""

    id: str
    user_id: int
    filename: str
    language: str
    done: int = 0
    total: int = 0
    report: ImportReport | None = None
    problem: str | None = None
    finished: bool = False
    started: datetime = field(default_factory=datetime.now)

    def advance(self, done: int, total: int) -> None:
        """The import's progress callback: ``done`` rows read of about ``total``."""
        self.done, self.total = done, max(total, done)


_jobs: dict[str, ImportJob] = {}
_lock = threading.Lock()
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="giftwise-import")


def _run(job: ImportJob, actor: Actor, content: bytes, skip_invalid: bool) -> None:
    """Import the file in its own transaction, reporting to the page in the language it was started in."""
    try:
        clock.use_timezone(actor.timezone)
        with reading_in(job.language), unit_of_work() as session:
            job.report = contact_steps.import_file(
                session, actor, content=content, filename=job.filename, skip_invalid=skip_invalid,
                progress=job.advance)
    except GiftwiseError as problem:  # an unreadable file: nothing was written
        job.problem = problem.sentence(job.language)
    except Exception:  # a fault of ours: say so on the page, keep the trace in the log
        log.exception("contact import %s failed", job.id)
        job.problem = t("web.import.failed", job.language)
    finally:
        job.finished = True


def _start(actor: Actor, filename: str, content: bytes, skip_invalid: bool, language: str) -> ImportJob:
    job = ImportJob(id=secrets.token_urlsafe(12), user_id=actor.user_id, filename=filename, language=language)
    with _lock:
        old = [key for key, j in _jobs.items() if j.finished and datetime.now() - j.started > KEPT_FOR]
        for key in old:
            del _jobs[key]
        _jobs[job.id] = job
    _worker.submit(_run, job, actor, content, skip_invalid)
    return job


def _job(actor: Actor, job_id: str) -> ImportJob:
    """The actor's own import; anyone else's, or one forgotten, is not found."""
    job = _jobs.get(job_id)
    if job is None or job.user_id != actor.user_id:
        raise NotFound("web.import.not_found")
    return job


@router.get("/app/contacts/import", response_class=HTMLResponse)
def import_form(request: Request, actor: ActorDep) -> HTMLResponse:
    """The upload form: a CSV, XLSX or vCard file of contacts."""
    _ = actor  # any signed-in user imports into their own book
    return render(request, "contacts/import.html", job=None, errors={}, accepted=ACCEPTED, nav="contacts")


@router.post("/app/contacts/import", response_class=HTMLResponse, response_model=None)
def start_import(
    request: Request, actor: ActorDep, file: Annotated[UploadFile | None, File()] = None,
    skip_invalid: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Start importing the uploaded file, then show its progress."""
    lang = page_language(request)
    content = file.file.read() if file is not None else b""
    if file is None or not file.filename or not content:
        return render(request, "contacts/import.html", status_code=422, job=None, accepted=ACCEPTED,
                      errors={"file": t("web.import.no_file", lang)}, nav="contacts")
    job = _start(actor, file.filename, content, bool(skip_invalid), lang)
    return see_other(f"/app/contacts/import/{job.id}")


@router.get("/app/contacts/import/{job_id}", response_class=HTMLResponse)
def import_status(request: Request, actor: ActorDep, job_id: str) -> HTMLResponse:
    """How far the import got, then what it did: added, updated, unchanged and rejected rows with reasons."""
    job = _job(actor, job_id)
    template = "contacts/_import_status.html" if is_htmx(request) else "contacts/import.html"
    return render(request, template, job=job, errors={}, accepted=ACCEPTED, poll_ms=POLL_MS, nav="contacts")
