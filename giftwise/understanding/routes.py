"""REST routes for the understanding domain: a contact's profile and its facts."""

from __future__ import annotations

from fastapi import APIRouter, status

from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.schemas import Day, PrimaryKey
from giftwise.understanding import items_service, service
from giftwise.understanding.schemas import (
    AttributeCorrections,
    FactCreate,
    FactRead,
    FactUpdate,
    ItemAttributesRead,
    ProfileRead,
)

router = APIRouter(tags=["understanding"])


@router.get("/contacts/{contact_id}/profile", response_model=ProfileRead, responses=problem_responses(NotFound))
def get_profile(
    session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, as_of: Day | None = None, language: str | None = None,
) -> ProfileRead:
    """What giftwise understood about the contact (notes read first), with every fact and its source,
    labelled in ``language`` (zh or en; default: the user's language)."""
    return service.contact_profile(session, actor, contact_id=contact_id, as_of=as_of, language=language)


@router.post("/contacts/{contact_id}/facts", response_model=FactRead, status_code=status.HTTP_201_CREATED,
             responses=problem_responses(NotFound, Invalid))
def add_fact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, body: FactCreate) -> FactRead:
    """State a fact yourself (origin "manual"): it counts like one read from a note, and is never lifted."""
    fact = service.add_fact(session, actor, contact_id=contact_id, kind=body.kind, concept=body.concept,
                            source_text=body.source_text, observed_on=body.observed_on)
    return service.fact_read(fact, language=actor.language)


@router.patch("/contacts/{contact_id}/facts/{fact_id}", response_model=FactRead,
              responses=problem_responses(NotFound, Invalid))
def update_fact(
    session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, fact_id: PrimaryKey, body: FactUpdate
) -> FactRead:
    """Confirm a fact, or correct its kind or concept (the correction replaces it and always wins)."""
    if body.kind or body.concept:
        fact = service.correct_fact(session, actor, contact_id=contact_id, fact_id=fact_id, kind=body.kind,
                                    concept=body.concept)
    elif body.confirm:
        fact = service.confirm_fact(session, actor, contact_id=contact_id, fact_id=fact_id)
    else:
        raise Invalid("understanding.send_new_kind_concept", field="body")
    return service.fact_read(fact, language=actor.language)


@router.delete("/contacts/{contact_id}/facts/{fact_id}", response_model=FactRead, responses=problem_responses(NotFound))
def delete_fact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey, fact_id: PrimaryKey) -> FactRead:
    """Withdraw a fact; re-reading its note will not bring it back."""
    fact = service.delete_fact(session, actor, contact_id=contact_id, fact_id=fact_id)
    return service.fact_read(fact, language=actor.language)


@router.get("/catalog/attributes/{sku:path}", response_model=ItemAttributesRead, responses=problem_responses(NotFound))
def get_item_attributes(session: SessionDep, actor: ActorDep, sku: str) -> ItemAttributesRead:
    """What giftwise understood about a catalog item: contents, cash equivalence, meanings, each with its words."""
    return items_service.item_attributes(session, actor, sku=sku)


@router.patch("/catalog/attributes/{sku:path}", response_model=ItemAttributesRead,
              responses=problem_responses(NotFound, Invalid))
def correct_item_attributes(session: SessionDep, actor: ActorDep, sku: str,
                            body: AttributeCorrections) -> ItemAttributesRead:
    """Correct what giftwise understood about an item ("clear" forgets a correction); a correction always wins."""
    return items_service.correct_item(session, actor, sku=sku, corrections=body.corrections, reason=body.reason)
