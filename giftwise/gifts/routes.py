"""REST routes for the gifts domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.schemas import Page, PrimaryKey
from giftwise.gifts import service
from giftwise.gifts.schemas import (
    CancelIn,
    Drafts,
    GiftCreate,
    GiftDetail,
    GiftEventRead,
    GiftRead,
    GiftUpdate,
    RedraftIn,
    TransitionIn,
)
from giftwise.models.gifts import Gift
from giftwise.workflows import gift_steps

router = APIRouter(tags=["gifts"])


def gift_detail(session: Session, actor: Actor, gift: Gift) -> GiftDetail:
    """A gift with its dated history."""
    detail = GiftDetail.model_validate(gift)
    detail.events = [GiftEventRead.model_validate(e) for e in service.gift_events(session, actor, gift_id=gift.id)]
    detail.compliance_notes = list(gift.compliance_notes or [])
    return detail


@router.post("/gifts", status_code=201, response_model=GiftDetail,
             responses=problem_responses(NotFound, Invalid, Forbidden))
def plan_gift(data: GiftCreate, session: SessionDep, actor: ActorDep) -> GiftDetail:
    """Plan a gift (catalog item or free description) with drafted story and card; compliance decides."""
    return gift_detail(session, actor, gift_steps.plan(session, actor, data=data))


@router.get("/gifts", response_model=Page[GiftRead], responses=problem_responses(NotFound, Invalid))
def list_gifts(
    session: SessionDep, actor: ActorDep, page: PageDep,
    contact_id: Annotated[PrimaryKey | None, Query()] = None, status: str | None = None,
    campaign_id: Annotated[PrimaryKey | None, Query()] = None,
) -> Page[GiftRead]:
    """Gifts you may see, newest first, optionally for one contact, status or campaign."""
    return service.list_gifts(session, actor, contact_id=contact_id, status=status, campaign_id=campaign_id,
                              limit=page.limit, offset=page.offset)


@router.get("/gifts/{gift_id}", response_model=GiftDetail, responses=problem_responses(NotFound))
def get_gift(gift_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> GiftDetail:
    """One gift with its dated history."""
    return gift_detail(session, actor, service.get_gift(session, actor, gift_id=gift_id))


@router.patch("/gifts/{gift_id}", response_model=GiftDetail, responses=problem_responses(NotFound, Invalid))
def update_gift(gift_id: PrimaryKey, data: GiftUpdate, session: SessionDep, actor: ActorDep) -> GiftDetail:
    """Edit the story, card or reason of a gift."""
    return gift_detail(session, actor, service.update_gift(session, actor, gift_id=gift_id, data=data))


@router.post("/gifts/{gift_id}/transitions", response_model=GiftDetail,
             responses=problem_responses(NotFound, Invalid, Conflict, Forbidden))
def transition(gift_id: PrimaryKey, data: TransitionIn, session: SessionDep, actor: ActorDep) -> GiftDetail:
    """Move a gift to its next status on a date (returned/refused need a reason: budget, timing, ...)."""
    reason = data.reason
    if data.note:
        reason = f"{data.reason}: {data.note}" if data.reason else data.note
    gift = gift_steps.move(session, actor, gift_id=gift_id, to_status=data.to_status, on=data.on, reason=reason)
    return gift_detail(session, actor, gift)


@router.post("/gifts/{gift_id}/cancel", response_model=GiftDetail,
             responses=problem_responses(NotFound, Invalid, Conflict))
def cancel(gift_id: PrimaryKey, session: SessionDep, actor: ActorDep, data: CancelIn | None = None) -> GiftDetail:
    """Drop a gift that has not left yet (planned, approved or ordered); its open touches close."""
    body = data or CancelIn()
    gift = gift_steps.cancel(session, actor, gift_id=gift_id, on=body.on, reason=body.reason)
    return gift_detail(session, actor, gift)


@router.get("/gifts/{gift_id}/drafts", response_model=Drafts, responses=problem_responses(NotFound, Invalid))
def preview_drafts(
    gift_id: PrimaryKey, session: SessionDep, actor: ActorDep,
    situation: str | None = None, language: Annotated[str | None, Query(pattern="^(zh|en)$")] = None,
) -> Drafts:
    """Draft the story and card again (another card situation or language) without saving."""
    return service.redraft(session, actor, gift_id=gift_id, situation=situation, language=language)


@router.post("/gifts/{gift_id}/drafts", response_model=Drafts, responses=problem_responses(NotFound, Invalid))
def save_drafts(gift_id: PrimaryKey, data: RedraftIn, session: SessionDep, actor: ActorDep) -> Drafts:
    """Draft the story and card again and keep them on the gift."""
    return service.redraft(session, actor, gift_id=gift_id, situation=data.situation, language=data.language,
                           save=True)
