"""Lists of gifts: every gift you may see with filters, and the managers' queue of gifts awaiting approval."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, ManagerDep, SessionDep
from giftwise.gifts import lifecycle
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftRead
from giftwise.models.gifts import GiftStatus
from giftwise.web.gifts import gift_names
from giftwise.web.pages import Refused, attempt, page_language, render, see_other
from giftwise.workflows import gift_steps

router = APIRouter()
PAGE_SIZE = 25


def _names(session: Session, actor: Actor, given: list[GiftRead]) -> dict[int, str]:
    return contacts.contact_names(session, actor, contact_ids=[g.contact_id for g in given])


@router.get("/app/gifts", response_class=HTMLResponse)
def gift_list(
    request: Request, session: SessionDep, actor: ActorDep,
    status: Annotated[str | None, Query(max_length=20)] = None,
    contact_id: Annotated[int | None, Query(gt=0)] = None,
    campaign_id: Annotated[int | None, Query(gt=0)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    """Every gift you may see, newest first, narrowed by status, contact or campaign."""
    found = gifts.list_gifts(session, actor, status=status or None, contact_id=contact_id, campaign_id=campaign_id,
                             limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(request, "gifts/list.html", found=found, names=_names(session, actor, found.items),
                  gift_names=gift_names(session, found.items, page_language(request)), statuses=lifecycle.STATUSES,
                  status=status or "", contact_id=contact_id, campaign_id=campaign_id, page=page, nav="gifts")


def _queue(request: Request, session: Session, actor: Actor, *, error: str | None = None,
           status_code: int = 200) -> HTMLResponse:
    found = gifts.list_gifts(session, actor, status=GiftStatus.PLANNED, needs_approval=True, limit=100)
    return render(request, "gifts/approvals.html", status_code=status_code, found=found,
                  names=_names(session, actor, found.items),
                  gift_names=gift_names(session, found.items, page_language(request)), error=error,
                  saved=request.query_params.get("saved"), nav="approvals")


@router.get("/app/approvals", response_class=HTMLResponse)
def approvals(request: Request, session: SessionDep, actor: ManagerDep) -> HTMLResponse:
    """Planned gifts that need a manager's approval before they are ordered."""
    return _queue(request, session, actor)


@router.post("/app/approvals/{gift_id}/{decision}", response_class=HTMLResponse, response_model=None)
def decide(
    request: Request, session: SessionDep, actor: ManagerDep, gift_id: int, decision: str,
) -> HTMLResponse | RedirectResponse:
    """Approve a gift (it may be ordered) or turn it down (it is cancelled); a rep is refused by the service."""
    to_status = {"approve": GiftStatus.APPROVED, "decline": GiftStatus.CANCELLED}.get(decision)
    def step() -> object:
        if to_status is None:
            raise ValueError(decision)
        return gift_steps.move(session, actor, gift_id=gift_id, to_status=to_status)

    if isinstance(refused := attempt(request, session, step), Refused):
        return _queue(request, session, actor, error=refused.sentence, status_code=refused.status)
    return see_other(f"/app/approvals?saved={to_status}")
