"""Contact pages: the searchable book, one contact (profile, suggested gifts, notes, gifts), adding a note."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactFilter, NoteCreate
from giftwise.core import occasions as shared_occasions
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import Invalid
from giftwise.gifts import service as gifts
from giftwise.models.gifts import ITEM_KINDS
from giftwise.recommend import service as recommend
from giftwise.understanding import service as understanding
from giftwise.understanding.facts import FACT_KINDS
from giftwise.web.gifts import gift_names
from giftwise.web.pages import Refused, attempt, page_language, render, see_other, speaking
from giftwise.workflows import note_steps

router = APIRouter()
PAGE_SIZE = 25
# The one list of occasions gifts, the ledger and the recommender share (birthday, get-well...).
OCCASIONS = shared_occasions.names()
# The fields of the add and edit contact forms, in their order (the form's own names).
CONTACT_FORM = ("name", "name_latin", "role", "language", "relationship", "phone", "email", "wechat", "address")
# How many of a contact's latest notes are looked up to show a fact's whole note (older ones show its words).
NOTES_SHOWN = 100


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
    return render(request, "contacts/list.html", found=found, q=q or "", page=page, nav="contacts", errors={},
                  values={}, fields=CONTACT_FORM, saved=request.query_params.get("saved"))


def understood_context(session: Session, actor: Actor, contact_id: int, language: str) -> dict[str, Any]:
    """What the profile part of the contact page shows: the understood signals, and each fact with its note
    (labels in the page's ``language``, not the contact's or the user's)."""
    profile = understanding.contact_profile(session, actor, contact_id=contact_id, language=language)
    notes = contacts.list_notes(session, actor, contact_id=contact_id, limit=NOTES_SHOWN)
    return {"profile": profile, "notes": notes, "source_notes": {n.id: n for n in notes.items},
            "fact_kinds": [k for k in FACT_KINDS if k != "topic"]}


def contact_page(
    request: Request, session: Session, actor: Actor, contact_id: int, *,
    occasion: str = "thank-you", budget: float | None = None, errors: dict[str, str] | None = None,
    edit_errors: dict[str, str] | None = None, fact_errors: dict[str, str] | None = None, fact_id: int | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The contact's page, with any form problems beside their fields (``edit_errors`` for the edit form,
    ``fact_errors`` beside the fact ``fact_id``)."""
    lang = page_language(request)
    contact = contacts.get_contact(session, actor, contact_id=contact_id)
    shown = contacts.contact_read(session, contact)
    saved = request.query_params.get("saved") or ""
    given = gifts.list_gifts(session, actor, contact_id=contact_id, limit=50)
    ranked, why_none = None, None
    try:
        ranked = recommend.recommend_for_contact(
            session, speaking(actor, request), contact_id=contact_id, occasion=occasion, budget_max=budget, top=5
        )
    except Invalid as problem:  # e.g. an empty catalog: the rest of the page is still useful
        why_none = problem.sentence(page_language(request))
    return render(
        request, "contacts/detail.html", status_code=status_code,
        contact=shown, contact_id=contact_id, gifts=given, gift_names=gift_names(session, given.items, lang),
        ranked=ranked, why_none=why_none, occasions=OCCASIONS, item_kinds=ITEM_KINDS, fact_errors=fact_errors or {},
        fact_id=fact_id,
        fact_saved=saved.removeprefix("fact_") if saved.startswith("fact_") else None,
        **understood_context(session, actor, contact_id, lang),
        occasion=occasion, budget=budget, errors=errors or {}, edit_errors=edit_errors or {}, fields=CONTACT_FORM,
        values=shown.model_dump(), saved=None if saved.startswith("fact_") else saved or None, nav="contacts",
    )


@router.get("/app/contacts/{contact_id}", response_class=HTMLResponse)
def contact_detail(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    contact_id: int,
    occasion: Annotated[str, Query(max_length=40)] = "thank-you",
    budget: Annotated[float | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """One contact: what giftwise understood, the gifts it suggests and why, notes and past gifts."""
    return contact_page(request, session, actor, contact_id, occasion=occasion, budget=budget)


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
    note = attempt(request, session, lambda: note_steps.add(
        session, actor, contact_id=contact_id, data=NoteCreate.model_validate({"text": text, "channel": channel})))
    if isinstance(note, Refused):
        return contact_page(request, session, actor, contact_id, errors=note.errors, status_code=note.status)
    return see_other(f"/app/contacts/{contact_id}?saved=note")
