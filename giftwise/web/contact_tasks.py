"""What a rep does to a contact from the browser: add, edit, plan a suggested gift, export or erase their data.

Thin shells: each parses the form, calls the service the CLI and API call, and shows the result.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, ContactFilter, ContactUpdate
from giftwise.core.api_support import ActorDep, SessionDep, file_download
from giftwise.core.i18n import t
from giftwise.gifts.schemas import GiftCreate
from giftwise.privacy import service as privacy
from giftwise.web.contacts import CONTACT_FORM, PAGE_SIZE, contact_page
from giftwise.web.pages import FormDep, Refused, attempt, page_language, render, see_other
from giftwise.workflows import contact_steps, gift_steps

router = APIRouter()
# Fields a contact always has: left blank on the edit form, they stay as they are.
KEPT_WHEN_BLANK = frozenset({"name", "language", "relationship"})


@router.post("/app/contacts", response_class=HTMLResponse, response_model=None)
def add_contact(request: Request, session: SessionDep, actor: ActorDep, form: FormDep) -> Response:
    """Add a contact to your book, then open their page."""
    contact = attempt(request, session, lambda: contact_steps.create(session, actor,
                                                                    data=ContactCreate.model_validate(form)))
    if isinstance(contact, Refused):
        found = contacts.list_contacts(session, actor, filters=ContactFilter(), limit=PAGE_SIZE)
        return render(request, "contacts/list.html", status_code=contact.status, found=found, q="", page=1,
                      nav="contacts", errors=contact.errors, values=form, fields=CONTACT_FORM)
    return see_other(f"/app/contacts/{contact.id}?saved=added")


@router.post("/app/contacts/{contact_id}/edit", response_class=HTMLResponse, response_model=None)
def edit_contact(
    request: Request, session: SessionDep, actor: ActorDep, contact_id: int, form: FormDep
) -> Response:
    """Change a contact's details (a field left blank is cleared), then show them again."""
    changes = {name: form.get(name) for name in CONTACT_FORM if name in form or name not in KEPT_WHEN_BLANK}
    edited = attempt(request, session, lambda: contact_steps.update(
        session, actor, contact_id=contact_id, data=ContactUpdate.model_validate(changes)))
    if isinstance(edited, Refused):
        return contact_page(request, session, actor, contact_id, edit_errors=edited.errors, status_code=edited.status)
    return see_other(f"/app/contacts/{contact_id}?saved=edited")


@router.post("/app/contacts/{contact_id}/plan", response_class=HTMLResponse, response_model=None)
def plan_suggested(
    request: Request, session: SessionDep, actor: ActorDep, contact_id: int, form: FormDep
) -> Response:
    """Plan a suggested gift, or one the rep described with its kind and value (its story and card drafted by the
    service), then open the gift."""
    given = {name: value for name, value in form.items() if value.strip()}  # a field left blank takes its default
    gift = attempt(request, session, lambda: gift_steps.plan(
        session, actor, data=GiftCreate.model_validate({**given, "contact_id": contact_id})))
    if isinstance(gift, Refused):
        return contact_page(request, session, actor, contact_id, errors=gift.errors, status_code=gift.status,
                            occasion=form.get("occasion", "thank-you"))
    return see_other(f"/app/gifts/{gift.id}?saved=planned")


@router.post("/app/contacts/{contact_id}/export")
def export_contact(session: SessionDep, actor: ActorDep, contact_id: int) -> Response:
    """Everything held about the contact, as a JSON file to hand over (the export is audited, so it is a post)."""
    data = privacy.privacy_export(session, actor, contact_id=contact_id)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    return file_download(body, f"contact-{contact_id}.json", "application/json")


@router.post("/app/contacts/{contact_id}/erase", response_class=HTMLResponse, response_model=None)
def erase_contact(
    request: Request, session: SessionDep, actor: ActorDep, contact_id: int, form: FormDep
) -> Response | RedirectResponse:
    """Erase the contact and everything about them, once the rep typed the contact's name to confirm."""
    contact = contacts.get_contact(session, actor, contact_id=contact_id)
    if form.get("confirm") != contact.name:
        errors = {"confirm": t("web.privacy.confirm_mismatch", page_language(request), name=contact.name)}
        return contact_page(request, session, actor, contact_id, errors=errors, status_code=422)
    privacy.erase_contact(session, actor, contact_id=contact_id)
    return see_other("/app/contacts?saved=erased")
