"""REST routes for the compliance domain: the policy in force, and a verdict on a proposed gift."""

from __future__ import annotations

from fastapi import APIRouter

from giftwise.compliance import service
from giftwise.compliance.schemas import GiftCheck, PolicyRead, VerdictRead
from giftwise.core.api_support import ActorDep, SessionDep, problem_responses
from giftwise.core.errors import Invalid, NotFound

router = APIRouter(tags=["compliance"])


@router.get("/compliance/policy", response_model=PolicyRead)
def get_policy(session: SessionDep, actor: ActorDep) -> PolicyRead:
    """The gift policy in force: banned kinds, caps per recipient group, approval thresholds, rates."""
    _ = actor  # the thresholds are ours, not the public's: signed-in users only
    return service.policy_read(session)


@router.post("/compliance/check", response_model=VerdictRead, responses=problem_responses(NotFound, Invalid))
def check(session: SessionDep, actor: ActorDep, body: GiftCheck) -> VerdictRead:
    """Whether a gift may go to the contact: allowed, needs approval, or forbidden, with reasons."""
    verdict = service.check_by_sku(session, actor, contact_id=body.contact_id, sku=body.sku,
                                   description=body.description, cost=body.cost, currency=body.currency,
                                   occasion=body.occasion, item_kind=body.item_kind)
    return VerdictRead(allowed=verdict.allowed, needs_approval=verdict.needs_approval, reasons=verdict.reasons,
                       codes=verdict.codes, value=verdict.value)
