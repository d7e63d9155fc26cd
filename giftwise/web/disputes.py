"""Dispute pages: the list, and one dispute's claim, evidence, advice with figures and break-even, reply draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.i18n import LANGUAGES, bilingual
from giftwise.core.schemas import LanguageCode
from giftwise.disputes import advice as advice_rules
from giftwise.disputes import service as disputes
from giftwise.disputes.explain import claim_label, resolution_label
from giftwise.disputes.schemas import AdviceRead, CloseIn, DisputeOptions, DisputeOutcome, Resolution, ResolveIn
from giftwise.models.disputes import Dispute
from giftwise.shipments import service as shipments
from giftwise.web.pages import (
    FormDep,
    PostedDep,
    Refused,
    attempt,
    is_htmx,
    page_language,
    render,
    see_other,
    step_then_see,
)
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


@dataclass(frozen=True)
class DraftChoice:
    """Which reply the page drafts: for which resolution (None: the chosen or recommended one) and in which
    language (None: the client's)."""

    resolution: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Shown:
    """How the dispute is shown: a refused step's sentence or its problems beside the fields (with what was
    typed), what was just saved, and the answer's status."""

    error: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    saved: str | None = None
    status_code: int = 200


DraftResolution = Annotated[Resolution | None, Query()]
DraftLanguage = Annotated[LanguageCode | None, Query()]


@router.get("/app/disputes/{dispute_id}", response_class=HTMLResponse)
def dispute_page(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int,
                 draft_resolution: DraftResolution = None, draft_language: DraftLanguage = None) -> HTMLResponse:
    """One dispute: the claim in the client's words, our evidence, the advice by value, and a calm reply
    (for another resolution or in another language when asked)."""
    shown = Shown(saved=request.query_params.get("saved"))
    return _dispute_view(request, session, actor, dispute_id, shown, DraftChoice(draft_resolution, draft_language))


@router.get("/app/disputes/{dispute_id}/draft", response_class=HTMLResponse, response_model=None)
def draft(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int,
          draft_resolution: DraftResolution = None, draft_language: DraftLanguage = None) -> Response:
    """The reply drafted for ``draft_resolution`` in ``draft_language``: the draft alone for HTMX, else the
    dispute page showing it. Drafting writes nothing."""
    choice = DraftChoice(draft_resolution, draft_language)
    disputes.get_dispute(session, actor, dispute_id=dispute_id)  # someone else's dispute is not even redirected
    if not is_htmx(request):
        asked = urlencode({f"draft_{k}": v for k, v in asdict(choice).items() if v})
        return see_other(f"/app/disputes/{dispute_id}?{asked}#draft")
    advice = disputes.advise(session, actor, dispute_id=dispute_id)
    return render(request, "disputes/draft.html", **_draft_context(request, session, actor, advice, choice))


def _view_context(request: Request, session: Session, actor: Actor, dispute_id: int, shown: Shown,
                  choice: DraftChoice) -> dict[str, Any]:
    lang = page_language(request)
    model = disputes.get_dispute(session, actor, dispute_id=dispute_id)
    dispute = disputes.dispute_read(session, model)
    advice = disputes.advise(session, actor, dispute_id=dispute.id)
    stored = disputes.current_options(session, model).model_dump()
    return {
        "dispute": dispute, "advice": advice, "nav": "disputes", "shown": shown,
        "error": shown.error, "saved": shown.saved, "errors": shown.errors,
        "figures": [(key, advice.figures[key]) for key in FIGURES if key in advice.figures],
        "recommended": resolution_label(advice.recommended, lang),
        "options": [(o, bilingual(lang, o.label_zh, o.label_en)) for o in advice.options],
        "outcomes": DisputeOutcome.__args__,  # type: ignore[attr-defined]
        "choices": {**{k: "" if v is None else str(v) for k, v in stored.items()}, **shown.values},
        "routes": [(key, route.name(lang)) for key, route in advice_rules.routes().items()],
        "worked_out": _worked_out(session, model, advice.figures),
        **_draft_context(request, session, actor, advice, choice),
    }


def _worked_out(session: Session, model: Dispute, figures: dict[str, Decimal]) -> dict[str, str]:
    # What the advice uses when a choice is left blank, shown as the blank field's placeholder.
    surprise = disputes.surprise_of(session, model)
    return {"shipping_cost": _plain(figures.get("resend_shipping")), "lifetime_value": _plain(
        figures.get("lifetime_value")), "surprise_unit_cost": _plain(surprise.unit_cost),
        "surprise_quantity": str(surprise.quantity)}


def _plain(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount.quantize(Decimal('0.01')).normalize():f}"


def _draft_context(request: Request, session: Session, actor: Actor, advice: AdviceRead,
                   choice: DraftChoice) -> dict[str, Any]:
    lang = page_language(request)
    reply = disputes.draft_reply(session, actor, dispute_id=advice.dispute_id, resolution=choice.resolution,
                                 language=choice.language)
    return {"dispute_id": advice.dispute_id, "draft": reply, "recommended_key": advice.recommended,
            "draft_options": [(o.resolution, bilingual(lang, o.label_zh, o.label_en)) for o in advice.options],
            "languages": LANGUAGES, "client_language": advice.language}


def _dispute_view(request: Request, session: Session, actor: Actor, dispute_id: int, shown: Shown,
                  choice: DraftChoice | None = None, *, part: bool = False) -> HTMLResponse:
    context = _view_context(request, session, actor, dispute_id, shown, choice or DraftChoice())
    if part:  # HTMX: the advice, the choices, the draft and the settling form, redrawn in place
        return render(request, "disputes/live.html", status_code=shown.status_code, **context)
    lang = page_language(request)
    dispute = context["dispute"]
    return render(
        request, "disputes/detail.html", status_code=shown.status_code,
        contact=contacts.get_contact(session, actor, contact_id=dispute.contact_id),
        claim=claim_label(dispute.claim_kind, dispute.claim_quantity, lang),
        evidence=shipments.list_evidence(session, actor, shipment_id=dispute.shipment_id), **context,
    )


# Choices a rep may empty to hand them back to the advice (the route's price, the item's cost, the
# worked-out lifetime value, no catalog item, no description).
CLEARABLE = {"shipping_cost": None, "surprise_sku": None, "surprise_unit_cost": None, "lifetime_value": None,
             "surprise_description": ""}


def choices_of(posted: dict[str, str]) -> DisputeOptions:
    """The choices a dispute's form posted: a filled field sets its choice, an emptied one clears it, a field
    not on the form changes nothing."""
    given = {key: value for key, value in posted.items() if key in DisputeOptions.model_fields}
    return DisputeOptions.model_validate({key: value if value else CLEARABLE[key]
                                          for key, value in given.items() if value or key in CLEARABLE})


def _asked_draft(posted: dict[str, str]) -> DraftChoice:
    # The draft the page showed when the choices were posted (HTMX includes the draft's own form), so the
    # redrawn draft is the one the rep was reading; anything else falls back to the default draft.
    resolution, language = posted.get("draft_resolution"), posted.get("draft_language")
    return DraftChoice(resolution if resolution in advice_rules.RESOLUTIONS else None,
                       language if language in LANGUAGES else None)


@router.post("/app/disputes/{dispute_id}/options", response_class=HTMLResponse, response_model=None)
def choose(request: Request, session: SessionDep, actor: ActorDep, dispute_id: int, posted: PostedDep) -> Response:
    """Change what shapes the advice on an open dispute (resend route and shipping cost, the surprise, the
    client's lifetime value). HTMX gets the figures, the recommendation and the draft redrawn in place; a plain
    post sees the page again; a refused value is said beside its field."""
    choice = _asked_draft(posted)
    done = attempt(request, session, lambda: disputes.choose_options(
        session, actor, dispute_id=dispute_id, options=choices_of(posted)))
    if isinstance(done, Refused):
        shown = Shown(errors=done.errors, values=posted, status_code=done.status)
        return _dispute_view(request, session, actor, dispute_id, shown, choice, part=is_htmx(request))
    if is_htmx(request):
        return _dispute_view(request, session, actor, dispute_id, Shown(saved="options"), choice, part=True)
    return see_other(f"/app/disputes/{dispute_id}?saved=options#advice")


def _settle(request: Request, session: Session, actor: Actor, dispute_id: int, saved: str,
            step: Callable[[], object]) -> Response:
    return step_then_see(request, session, step, f"/app/disputes/{dispute_id}?saved={saved}", lambda refused: (
        _dispute_view(request, session, actor, dispute_id, Shown(error=refused.sentence,
                                                                 status_code=refused.status))))


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
