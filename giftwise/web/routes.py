"""Web pages: thin shells over the domain services, server-rendered for people who would rather look."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactFilter, NoteCreate
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import GiftwiseError, Invalid
from giftwise.followups import service as followups
from giftwise.gifts import service as gifts
from giftwise.recommend import service as recommend
from giftwise.understanding import service as understanding
from giftwise.web.pages import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25


def static_files() -> StaticFiles:
    """The stylesheet and other static assets, served under /static."""
    return StaticFiles(packages=[("giftwise.web", "static")])


@router.get("/")
def home() -> RedirectResponse:
    """The root sends people to the dashboard."""
    return RedirectResponse("/app", status_code=307)


@router.get("/app", response_class=HTMLResponse)
def dashboard(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """Today's agenda: overdue and due touches, the next days, and dates coming up."""
    agenda = followups.agenda(session, actor, days=7)
    return render(request, "dashboard.html", agenda=agenda, nav="agenda")


@router.get("/app/contacts", response_class=HTMLResponse)
def contact_list(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    """The book of contacts, searchable by name in Chinese or English."""
    found = contacts.list_contacts(
        session, actor, filters=ContactFilter(q=q or None), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render(request, "contacts/list.html", found=found, q=q or "", page=page, nav="contacts")


OCCASIONS = ("thank-you", "care", "festival", "congratulations", "empathy", "apology")


def _contact_page(
    request: Request, session: SessionDep, actor: ActorDep, contact_id: int, *,
    occasion: str = "thank-you", budget: float | None = None, error: str | None = None,
) -> HTMLResponse:
    contact = contacts.get_contact(session, actor, contact_id=contact_id)
    shown = contacts.contact_read(session, contact)
    notes = contacts.list_notes(session, actor, contact_id=contact_id, limit=100)
    given = gifts.list_gifts(session, actor, contact_id=contact_id, limit=50)
    ranked, why_none = None, None
    try:
        ranked = recommend.recommend_for_contact(
            session, actor, contact_id=contact_id, occasion=occasion, budget_max=budget, top=5
        )
    except Invalid as problem:  # e.g. an empty catalog: the rest of the page is still useful
        why_none = problem.detail
    profile = understanding.contact_profile(session, actor, contact_id=contact_id)
    return render(
        request, "contacts/detail.html", status_code=422 if error else 200,
        contact=shown, notes=notes, gifts=given, ranked=ranked, why_none=why_none, profile=profile, occasions=OCCASIONS,
        occasion=occasion, budget=budget, error=error, saved=request.query_params.get("saved"), nav="contacts",
    )


@router.get("/app/contacts/{contact_id}", response_class=HTMLResponse)
def contact_detail(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    contact_id: int,
    occasion: Annotated[Literal["thank-you", "care", "festival", "congratulations", "empathy", "apology"],
                        Query()] = "thank-you",
    budget: Annotated[float | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """One contact: what giftwise understood, the gifts it suggests and why, notes and past gifts."""
    return _contact_page(request, session, actor, contact_id, occasion=occasion, budget=budget)


@router.post("/app/contacts/{contact_id}/notes", response_class=HTMLResponse, response_model=None)
def add_note(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    contact_id: int,
    text: Annotated[str, Form()] = "",
    channel: Annotated[str, Form()] = "call",
) -> HTMLResponse | RedirectResponse:
    """Keep a note from a call or meeting, then show the contact again."""
    try:
        data = NoteCreate.model_validate({"text": text, "channel": channel})
        contacts.add_note(session, actor, contact_id=contact_id, data=data)
    except (GiftwiseError, ValueError) as error:
        session.rollback()
        message = error.detail if isinstance(error, GiftwiseError) else _first_error(error)
        return _contact_page(request, session, actor, contact_id, error=message)
    return RedirectResponse(f"/app/contacts/{contact_id}?saved=note", status_code=303)


def _first_error(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg')}"
    return str(error)
