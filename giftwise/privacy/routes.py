"""REST routes for a person's data: export it, or erase it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import NotFound
from giftwise.core.schemas import PrimaryKey
from giftwise.privacy import service
from giftwise.privacy.schemas import ErasureReport

router = APIRouter(tags=["accounts"])


@router.post("/contacts/{contact_id}/privacy-export", responses=problem_responses(NotFound))
def privacy_export(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey) -> dict[str, Any]:
    """Everything giftwise holds about a contact: the contact, notes, facts, gifts, touches, outcomes...

    A post, not a get: the export is audited (who took a person's data out), and a GET never writes."""
    return service.privacy_export(session, actor, contact_id=contact_id)


@router.delete("/contacts/{contact_id}", response_model=ErasureReport, responses=problem_responses(NotFound))
def erase_contact(session: SessionDep, actor: ActorDep, contact_id: PrimaryKey) -> ErasureReport:
    """Erase a contact and all personal data about them (the audit keeps that it happened)."""
    return service.erase_contact(session, actor, contact_id=contact_id)
