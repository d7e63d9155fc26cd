"""The agenda dashboard and what people do from it: a touch done, later, skipped or moved to another day.

Each action is a plain form post (the page reloads) and, with HTMX, a partial update: the touch's row
comes back settled (or with its problem beside the field) and the counts above refresh, no full reload.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.i18n import t
from giftwise.followups import agenda_service
from giftwise.followups import service as followups
from giftwise.followups.schemas import Agenda
from giftwise.models.followups import Touch
from giftwise.web.pages import (
    Refused,
    attempt,
    is_htmx,
    page_language,
    render,
    see_other,
    speaking,
)

router = APIRouter()
SNOOZE_DAYS = (1, 3, 7)
AGENDA_DAYS = 7
# Rows shown per list of the agenda: a big book has hundreds of touches due in a week, each row with four
# forms, and a page of them all was a megabyte of HTML (most of the page's time); the counts stay whole.
AGENDA_ROWS = 30
SECTIONS = ("overdue", "today", "upcoming", "dates")


@dataclass(frozen=True)
class Section:
    """One list of the agenda as shown: its rows on this page, which page, and the links to the pages around it
    (None at either end)."""

    rows: list[Any]
    page: int
    previous: str | None
    next: str | None


def _page_number(request: Request, section: str) -> int:
    asked = request.query_params.get(f"{section}_page", "")
    return max(1, min(int(asked), 10_000)) if asked.isdigit() else 1


def sections(request: Request, agenda: Agenda) -> dict[str, Section]:
    """Each list of ``agenda`` cut to the page its ``<list>_page`` query asks for (``AGENDA_ROWS`` a page)."""
    kept = {key: value for key, value in request.query_params.items() if key in {f"{n}_page" for n in SECTIONS}}

    def link(name: str, page: int) -> str:  # the other lists stay on their pages
        return "?" + urlencode({**kept, f"{name}_page": page}) + f"#pager-{name}"

    shown = {}
    for name in SECTIONS:
        rows: list[Any] = getattr(agenda, name)
        page = _page_number(request, name)
        start = (page - 1) * AGENDA_ROWS
        shown[name] = Section(rows=rows[start:start + AGENDA_ROWS], page=page,
                              previous=link(name, page - 1) if page > 1 else None,
                              next=link(name, page + 1) if len(rows) > start + AGENDA_ROWS else None)
    return shown


class DoneForm(BaseModel):
    """How the touch went and the minutes it took."""

    result: str = ""
    minutes: int = Field(0, ge=0, le=24 * 60)


class SnoozeForm(BaseModel):
    """How many days later."""

    days: int = Field(1, ge=1, le=365)


class SkipForm(BaseModel):
    """Why the touch is skipped."""

    reason: str = ""


class RescheduleForm(BaseModel):
    """The touch's new day."""

    due_on: date


def _dashboard(
    request: Request, session: Session, actor: Actor, *, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    agenda = agenda_service.agenda(session, speaking(actor, request), days=AGENDA_DAYS)
    return render(request, "dashboard.html", status_code=status_code, agenda=agenda, snooze_days=SNOOZE_DAYS,
                  sections=sections(request, agenda),
                  today=clock.today(), error=error, saved=request.query_params.get("saved"), nav="agenda")


@router.get("/app", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """Today's agenda: overdue and due touches, the next days, and dates coming up."""
    return _dashboard(request, session, actor)


def _act(
    request: Request, session: Session, actor: Actor, touch_id: int, saved: str,
    action: Callable[[], Touch],
) -> HTMLResponse | RedirectResponse:
    """Run ``action`` on the touch; answer HTMX with the touch's row, a plain form post with the agenda."""
    touch = attempt(request, session, action)
    if isinstance(touch, Refused) and is_htmx(request):
        return _row(request, session, actor, touch_id, errors=touch.errors, status_code=touch.status)
    if isinstance(touch, Refused):
        return _dashboard(request, session, actor, error=touch.sentence, status_code=touch.status)
    if is_htmx(request):
        message = t(f"web.touch.saved_{saved}", page_language(request), day=touch.due_on)
        return _row(request, session, actor, touch_id, settled=message)
    return see_other(f"/app?saved={saved}")


def _row(
    request: Request, session: Session, actor: Actor, touch_id: int, *, errors: dict[str, str] | None = None,
    settled: str | None = None, status_code: int = 200,
) -> HTMLResponse:
    speaker = speaking(actor, request)
    context: dict[str, Any] = {"touch": agenda_service.agenda_touch(session, speaker, touch_id=touch_id)}
    if settled:  # the counts above the lists move with the touch
        context["agenda"] = agenda_service.agenda(session, speaker, days=AGENDA_DAYS)
    return render(request, "agenda/row.html", status_code=status_code, snooze_days=SNOOZE_DAYS,
                  today=clock.today(), errors=errors or {}, settled=settled, **context)


@router.post("/app/touches/{touch_id}/done", response_class=HTMLResponse, response_model=None)
def touch_done(
    request: Request, session: SessionDep, actor: ActorDep, touch_id: int,
    result: Annotated[str, Form()] = "", minutes: Annotated[str, Form()] = "0",
) -> HTMLResponse | RedirectResponse:
    """Mark a touch done with how it went and the minutes it took."""
    def action() -> Touch:
        form = DoneForm.model_validate({"result": result, "minutes": minutes.strip() or "0"})
        return followups.complete_touch(session, actor, touch_id=touch_id, result=form.result,
                                        minutes_spent=form.minutes)

    return _act(request, session, actor, touch_id, "done", action)


@router.post("/app/touches/{touch_id}/snooze", response_class=HTMLResponse, response_model=None)
def touch_snooze(
    request: Request, session: SessionDep, actor: ActorDep, touch_id: int, days: Annotated[str, Form()] = "1",
) -> HTMLResponse | RedirectResponse:
    """Push a touch back some days (a reciprocity touch only within its window)."""
    def action() -> Touch:
        form = SnoozeForm.model_validate({"days": days})
        return followups.snooze_touch(session, actor, touch_id=touch_id, days=form.days)

    return _act(request, session, actor, touch_id, "snoozed", action)


@router.post("/app/touches/{touch_id}/skip", response_class=HTMLResponse, response_model=None)
def touch_skip(
    request: Request, session: SessionDep, actor: ActorDep, touch_id: int, reason: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Skip a touch with the reason (an overdue reciprocity touch whose window has closed, for one)."""
    def action() -> Touch:
        form = SkipForm.model_validate({"reason": reason})
        return followups.skip_touch(session, actor, touch_id=touch_id, reason=form.reason)

    return _act(request, session, actor, touch_id, "skipped", action)


@router.post("/app/touches/{touch_id}/reschedule", response_class=HTMLResponse, response_model=None)
def touch_reschedule(
    request: Request, session: SessionDep, actor: ActorDep, touch_id: int, due_on: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Move a touch to another day (today or later; a reciprocity touch stays in its window)."""
    def action() -> Touch:
        form = RescheduleForm.model_validate({"due_on": due_on.strip() or None})
        return followups.reschedule_touch(session, actor, touch_id=touch_id, due_on=form.due_on)

    return _act(request, session, actor, touch_id, "rescheduled", action)
