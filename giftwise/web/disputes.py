"""Dispute pages: the list, and one dispute's claim, evidence, advice with figures and break-even, reply draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.i18n import bilingual
from giftwise.disputes import service as disputes
from giftwise.disputes.explain import claim_label, resolution_label
from giftwise.disputes.schemas import CloseIn, DisputeOutcome, ResolveIn
from giftwise.shipments import service as shipments
from giftwise.web.pages import FormDep, page_language, render, step_then_see
from giftwise.workflows import dispute_steps

router = APIRouter()
PAGE_SIZE = 25
# The advice figures a person weighs, in the order they read them (the explanation says the rest in words).
FIGURES = ("order_value", "order_profit", "claim_value", "resend", "surprise", "credit", "time_already_spent",
           "arguing", "hold_firm", "lifetime_value")


@router.get("/app/disputes", response_class=HTMLResponse)
def dispute_list(
    request: Request, session: SessionDep, actor: ActorDep, page: Annotated[int, Query(ge=1)] = 1
) -> HTMLResponse:
    """Disputes you may see, newest first: the claim, its status, what it cost and whether the client reordered."""
    lang = page_language(request)
    found = disputes.list_disputes(session, actor, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    names = {d.contact_id: contacts.get_contact(session, actor, contact_id=d.contact_id).name for d in found.items}
    claims = {d.id: claim_label(d.claim_kind, d.claim_quantity, lang) for d in found.items}
    chosen = {d.id: d.resolution or d.recommended for d in found.items}
    resolutions = {key: resolution_label(value, lang) for key, value in chosen.items() if value}
    return render(request, "disputes/list.html", found=found, names=names, claims=claims, resolutions=resolutions,
                  page=page, nav="disputes")


@router.get("/app/disputes/{dispute_id}", response_class=HTMLResponse)
def dispute_page(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int) -> HTMLResponse:
    """One dispute: the claim in the client's words, our evidence, the advice by value, and a calm reply."""
    return _dispute_view(request, session, actor, dispute_id)


def _dispute_view(request: Request, session: Session, actor: Actor, dispute_id: int, *, error: str | None = None,
                  status_code: int = 200) -> HTMLResponse:
    lang = page_language(request)
    dispute = disputes.dispute_read(session, disputes.get_dispute(session, actor, dispute_id=dispute_id))
    contact = contacts.get_contact(session, actor, contact_id=dispute.contact_id)
    advice = disputes.advise(session, actor, dispute_id=dispute.id)
    return render(
        request, "disputes/detail.html", status_code=status_code, dispute=dispute, contact=contact,
        claim=claim_label(dispute.claim_kind, dispute.claim_quantity, lang),
        evidence=shipments.list_evidence(session, actor, shipment_id=dispute.shipment_id), advice=advice,
        figures=[(key, advice.figures[key]) for key in FIGURES if key in advice.figures],
        recommended=resolution_label(advice.recommended, lang),
        options=[(o, bilingual(lang, o.label_zh, o.label_en)) for o in advice.options],
        draft=disputes.draft_reply(session, actor, dispute_id=dispute.id), nav="disputes", error=error,
        saved=request.query_params.get("saved"), outcomes=DisputeOutcome.__args__,  # type: ignore[attr-defined]
    )


def _settle(request: Request, session: Session, actor: Actor, dispute_id: int, saved: str,
            step: Callable[[], object]) -> Response:
    return step_then_see(request, session, step, f"/app/disputes/{dispute_id}?saved={saved}", lambda refused: (
        _dispute_view(request, session, actor, dispute_id, error=refused.sentence, status_code=refused.status)))


@router.post("/app/disputes/{dispute_id}/resolve", response_model=None)
def resolve(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int, form: FormDep) -> Response:
    """Carry out the chosen resolution (default: the recommended one), with a note."""
    return _settle(request, session, actor, dispute_id, "resolved", lambda: dispute_steps.resolve(
        session, actor, dispute_id=dispute_id, data=ResolveIn.model_validate(form)))


@router.post("/app/disputes/{dispute_id}/close", response_model=None)
def close(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int, form: FormDep) -> Response:
    """Close a resolved dispute with what came of it (reordered, lost, quiet)."""
    return _settle(request, session, actor, dispute_id, "closed", lambda: dispute_steps.close(
        session, actor, dispute_id=dispute_id, data=CloseIn.model_validate(form)))
