"""Likely duplicate contacts, and folding one into the other, from the browser.

The list is the contacts domain's (same email, same phone, or the same name written alike in one
organization); a merge is the contacts workflow's (everything about the folded contact moves to the kept
one, audited; a manager or the owner of both only).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.web.pages import FormDep, error_sentence, error_status, render, see_other
from giftwise.workflows import contact_steps

router = APIRouter()
# The most pairs one page lists; merging some shows the next.
PAIRS_SHOWN = 50


class MergeForm(BaseModel):
    """The contact kept and the one folded into it."""

    keep: int
    drop: int


def _page(request: Request, session: Session, actor: Actor, *, error: str | None = None,
          status_code: int = 200) -> HTMLResponse:
    pairs = contacts.likely_duplicates(session, actor, limit=PAIRS_SHOWN)
    return render(request, "contacts/duplicates.html", status_code=status_code, pairs=pairs, error=error,
                  nav="contacts")


@router.get("/app/contacts/duplicates", response_class=HTMLResponse)
def duplicates(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """Contacts that are likely the same person, two by two, each with why."""
    return _page(request, session, actor)


@router.post("/app/contacts/merge", response_class=HTMLResponse, response_model=None)
def merge(request: Request, session: SessionDep, actor: ActorDep, form: FormDep) -> Response:
    """Fold one contact into the other (a manager or the owner of both), then open the kept contact."""
    try:
        chosen = MergeForm.model_validate(form)
        report = contact_steps.merge(session, actor, keep_id=chosen.keep, drop_id=chosen.drop)
    except (GiftwiseError, ValidationError) as error:
        session.rollback()
        return _page(request, session, actor, error=error_sentence(error, request), status_code=error_status(error))
    return see_other(f"/app/contacts/{report.kept_id}?saved=merged")
