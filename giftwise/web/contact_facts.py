"""What a rep does to a profile fact from the contact page: confirm it, correct it, or delete it.

Each action is the understanding service's (audited there; a correction or a deletion survives any later
re-reading of the note). A plain form post shows the contact again; with HTMX only the profile part is
swapped, with a problem beside the fact's fields.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.core.validation import field_errors
from giftwise.understanding import service as understanding
from giftwise.understanding.schemas import FactUpdate
from giftwise.web.contacts import contact_page, understood_context
from giftwise.web.pages import FormDep, error_status, is_htmx, page_language, render, see_other

router = APIRouter()


def _act(
    request: Request, session: Session, actor: Actor, contact_id: int, fact_id: int, saved: str,
    action: Callable[[], object],
) -> Response:
    """Run ``action`` on the fact; answer HTMX with the profile part, a plain post with the contact page."""
    lang = page_language(request)
    try:
        action()
    except (GiftwiseError, ValidationError) as error:
        session.rollback()
        errors = field_errors(error, lang)
        if is_htmx(request):
            return render(request, "contacts/understood.html", status_code=error_status(error), contact_id=contact_id,
                          fact_errors=errors, fact_id=fact_id, **understood_context(session, actor, contact_id, lang))
        return contact_page(request, session, actor, contact_id, fact_errors=errors, fact_id=fact_id,
                            status_code=error_status(error))
    if is_htmx(request):
        return render(request, "contacts/understood.html", contact_id=contact_id, fact_saved=saved,
                      **understood_context(session, actor, contact_id, lang))
    return see_other(f"/app/contacts/{contact_id}?saved=fact_{saved}#facts")


@router.post("/app/contacts/{contact_id}/facts/{fact_id}/confirm", response_class=HTMLResponse, response_model=None)
def confirm_fact(request: Request, session: SessionDep, actor: ActorDep, contact_id: int, fact_id: int) -> Response:
    """Say a fact is right: re-reading its note will never replace it."""
    return _act(request, session, actor, contact_id, fact_id, "confirmed",
                lambda: understanding.confirm_fact(session, actor, contact_id=contact_id, fact_id=fact_id))


@router.post("/app/contacts/{contact_id}/facts/{fact_id}/correct", response_class=HTMLResponse, response_model=None)
def correct_fact(
    request: Request, session: SessionDep, actor: ActorDep, contact_id: int, fact_id: int, form: FormDep
) -> Response:
    """Replace what a fact says (its kind and/or its concept); the correction wins over re-reading the note."""
    def action() -> object:
        data = FactUpdate.model_validate({"kind": form.get("kind"), "concept": form.get("concept")})
        return understanding.correct_fact(session, actor, contact_id=contact_id, fact_id=fact_id, kind=data.kind,
                                          concept=data.concept)

    return _act(request, session, actor, contact_id, fact_id, "corrected", action)


@router.post("/app/contacts/{contact_id}/facts/{fact_id}/delete", response_class=HTMLResponse, response_model=None)
def delete_fact(request: Request, session: SessionDep, actor: ActorDep, contact_id: int, fact_id: int) -> Response:
    """Withdraw a fact; re-reading its note will not bring it back."""
    return _act(request, session, actor, contact_id, fact_id, "deleted",
                lambda: understanding.delete_fact(session, actor, contact_id=contact_id, fact_id=fact_id))
