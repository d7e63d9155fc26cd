"""The gift page: its life (events), the story and card drafts, the touches around it, and its next steps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from giftwise.catalog import service as catalog
from giftwise.catalog.wording import item_name
from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.followups import service as followups
from giftwise.followups.rules import purpose_label
from giftwise.gifts import choice_service, lifecycle
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftRead
from giftwise.web.pages import Refused, attempt, page_language, render, see_other, speaking
from giftwise.workflows import gift_steps

router = APIRouter()


def gift_names(session: Session, given: Sequence[GiftRead], language: str) -> dict[int, str]:
    """What to call each gift in ``language``: its catalog item's name, else its free description."""
    items = catalog.items_by_ids(session, item_ids=[g.item_id for g in given if g.item_id is not None])
    return {g.id: item_name(items.get(g.item_id) if g.item_id else None, g.description, language)
            for g in given}


def next_steps(status: str) -> list[str]:
    """The statuses a gift may move to from ``status``, in the lifecycle's order (the service still checks)."""
    allowed = lifecycle.NEXT.get(status, frozenset())
    return [s for s in lifecycle.STATUSES if s in allowed]


def gift_page(
    request: Request, session: Session, actor: Actor, gift_id: int, *, error: str | None = None, status_code: int = 200,
    link_url: str | None = None,
) -> HTMLResponse:
    """The gift's page, with a form problem or a just-created choice link (shown this once) when given."""
    lang = page_language(request)
    gift = GiftRead.model_validate(gifts.get_gift(session, actor, gift_id=gift_id))
    contact = contacts.get_contact(session, actor, contact_id=gift.contact_id)
    touches = followups.list_touches(session, actor, gift_id=gift.id, limit=100).items
    link = choice_service.latest_link(session, actor, gift_id=gift.id)
    offer = link_url is None and (link is None or link.answered_at is not None)  # no question left open
    return render(
        request, "gifts/detail.html", status_code=status_code, gift=gift, contact=contact,
        name=gift_names(session, [gift], lang)[gift.id], events=gifts.gift_events(session, actor, gift_id=gift.id),
        touches=[(t, purpose_label(t.purpose, lang)) for t in touches], steps=next_steps(gift.status),
        reasons=lifecycle.RETURN_REASONS, needs_reason=lifecycle.NEEDS_REASON, error=error,
        saved=request.query_params.get("saved"), nav="contacts", link_url=link_url,
        link=link, candidates=_candidates(request, session, actor, gift.id) if offer else [],
    )


def _candidates(request: Request, session: Session, actor: Actor, gift_id: int) -> list[tuple[str, str, Any, str]]:
    """(sku, name, price, currency) of the items the rep may offer the recipient instead."""
    lang = page_language(request)
    return [(i.sku, item_name(i, "", lang), i.price, i.currency)
            for i in choice_service.offer_candidates(session, speaking(actor, request), gift_id=gift_id)]


@router.get("/app/gifts/{gift_id}", response_class=HTMLResponse)
def gift_detail(request: Request, session: SessionDep, actor: ActorDep, gift_id: int) -> HTMLResponse:
    """One gift: its dated life, the story and card drafted for it, and the touches around it."""
    return gift_page(request, session, actor, gift_id)


@router.post("/app/gifts/{gift_id}/transition", response_class=HTMLResponse, response_model=None)
def move_gift(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    gift_id: int,
    to_status: Annotated[str, Form()],
    on: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Move the gift to its next status (returned/refused with a reason), then show it again."""
    said = ": ".join(part for part in (reason.strip() if to_status in lifecycle.NEEDS_REASON else "", note.strip())
                     if part)
    moved = attempt(request, session, lambda: gift_steps.move(
        session, actor, gift_id=gift_id, to_status=to_status, on=date.fromisoformat(on) if on.strip() else None,
        reason=said or None))
    if isinstance(moved, Refused):
        return gift_page(request, session, actor, gift_id, error=moved.sentence, status_code=moved.status)
    return see_other(f"/app/gifts/{gift_id}?saved={to_status}")
