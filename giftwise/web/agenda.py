"""The agenda dashboard and what people do from it: mark a touch done (result, minutes) or snooze it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.followups import service as followups
from giftwise.web.pages import error_sentence, error_status, render, see_other, speaking

router = APIRouter()
SNOOZE_DAYS = (1, 3, 7)


def _dashboard(
    request: Request, session: Session, actor: Actor, *, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    agenda = followups.agenda(session, speaking(actor, request), days=7)
    return render(request, "dashboard.html", status_code=status_code, agenda=agenda, snooze_days=SNOOZE_DAYS,
                  error=error, saved=request.query_params.get("saved"), nav="agenda")


@router.get("/app", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """Today's agenda: overdue and due touches, the next days, and dates coming up."""
    return _dashboard(request, session, actor)


@router.post("/app/touches/{touch_id}/done", response_class=HTMLResponse, response_model=None)
def touch_done(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    touch_id: int,
    result: Annotated[str, Form()] = "",
    minutes: Annotated[int, Form()] = 0,
) -> HTMLResponse | RedirectResponse:
    """Mark a touch done with how it went and the minutes it took, then show the agenda again."""
    try:
        followups.complete_touch(session, actor, touch_id=touch_id, result=result, minutes_spent=minutes)
    except GiftwiseError as error:
        session.rollback()
        sentence = error_sentence(error, request)
        return _dashboard(request, session, actor, error=sentence, status_code=error_status(error))
    return see_other("/app?saved=done")


@router.post("/app/touches/{touch_id}/snooze", response_class=HTMLResponse, response_model=None)
def touch_snooze(
    request: Request, session: SessionDep, actor: ActorDep, touch_id: int, days: Annotated[int, Form()] = 1,
) -> HTMLResponse | RedirectResponse:
    """Push a touch back some days, then show the agenda again."""
    try:
        followups.snooze_touch(session, actor, touch_id=touch_id, days=days)
    except GiftwiseError as error:
        session.rollback()
        sentence = error_sentence(error, request)
        return _dashboard(request, session, actor, error=sentence, status_code=error_status(error))
    return see_other("/app?saved=snoozed")
