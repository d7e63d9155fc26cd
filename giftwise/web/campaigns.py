"""Campaign pages: the list, and one campaign's goal, money, progress, lift, corrections and charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from giftwise.campaigns import allocation_service, progress_service
from giftwise.campaigns import report_service as campaign_reports
from giftwise.campaigns import service as campaigns
from giftwise.campaigns.report_service import campaign_chart as draw
from giftwise.campaigns.schemas import CampaignCreate
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.web.pages import FormDep, Refused, attempt, render, see_other, speaking, step_then_see

router = APIRouter()
PAGE_SIZE = 25
METRICS = ("meeting", "reply", "order", "referral")
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


@router.get("/app/campaigns", response_class=HTMLResponse)
def campaign_list(
    request: Request, session: SessionDep, actor: ActorDep, page: Annotated[int, Query(ge=1)] = 1
) -> HTMLResponse:
    """The campaigns you may see, newest first, each with its scoreboard line, and the form to start one."""
    return _campaign_list_view(request, session, actor, page=page)


def _campaign_list_view(
    request: Request, session: Session, actor: Actor, *, page: int = 1, errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None, status_code: int = 200,
) -> HTMLResponse:
    found = campaigns.list_campaigns(session, actor, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    speaker = speaking(actor, request)
    scores = {c.id: campaign_reports.campaign_report(session, speaker, campaign_id=c.id) for c in found.items}
    return render(request, "campaigns/list.html", found=found, scores=scores, page=page, nav="campaigns",
                  errors=errors or {}, values=values or {}, metrics=METRICS, status_code=status_code)


@router.post("/app/campaigns", response_class=HTMLResponse, response_model=None)
def create_campaign(request: Request, session: SessionDep, actor: ActorDep, form: FormDep) -> Response:
    """Start a campaign (goal, metric, target, window, budget and cap), then open it."""
    campaign = attempt(request, session,
                       lambda: campaigns.create_campaign(session, actor, data=CampaignCreate.model_validate(form)))
    if isinstance(campaign, Refused):
        return _campaign_list_view(request, session, actor, errors=campaign.errors, values=form,
                                   status_code=campaign.status)
    return see_other(f"/app/campaigns/{campaign.id}?saved=created")


@router.get("/app/campaigns/{campaign_id}", response_class=HTMLResponse)
def campaign_page(request: Request, session: SessionDep, actor: ActorDep, campaign_id: int) -> HTMLResponse:
    """One campaign: goal, metric/target/window, budget and spend, checkpoints, lift, corrections, charts."""
    return _campaign_view(request, session, actor, campaign_id)


def _campaign_view(request: Request, session: Session, actor: Actor, campaign_id: int, *, error: str | None = None,
                   status_code: int = 200) -> HTMLResponse:
    speaker = speaking(actor, request)
    detail = campaign_reports.campaign_detail(session, speaker, campaign_id=campaign_id)
    report = campaign_reports.campaign_report(session, speaker, campaign_id=campaign_id)
    names = {t.contact_id: t.name for t in detail.targets}
    return render(request, "campaigns/detail.html", status_code=status_code, campaign=detail, report=report,
                  names=names, error=error, saved=request.query_params.get("saved"), nav="campaigns")


def _step(request: Request, session: Session, actor: Actor, campaign_id: int, saved: str,
          step: Callable[[], object]) -> Response:
    return step_then_see(request, session, step, f"/app/campaigns/{campaign_id}?saved={saved}", lambda refused: (
        _campaign_view(request, session, actor, campaign_id, error=refused.sentence, status_code=refused.status)))


@router.post("/app/campaigns/{campaign_id}/allocate", response_model=None)
def allocate(request: Request, session: SessionDep, actor: ActorDep, campaign_id: int) -> Response:
    """Choose and plan each open gifted target's gift within the released budget (the service's solver)."""
    return _step(request, session, actor, campaign_id, "allocated", lambda: allocation_service.allocate_campaign(
        session, actor, campaign_id=campaign_id, apply=True))


@router.post("/app/campaigns/{campaign_id}/checkpoint", response_model=None)
def checkpoint(request: Request, session: SessionDep, actor: ActorDep, campaign_id: int) -> Response:
    """Score the due checkpoint: progress, the next phase released when met, corrections when behind."""
    return _step(request, session, actor, campaign_id, "checkpoint", lambda: progress_service.evaluate_checkpoint(
        session, actor, campaign_id=campaign_id))


@router.get("/app/campaigns/{campaign_id}/charts/{kind}.{fmt}")
def campaign_chart(
    request: Request, session: SessionDep, actor: ActorDep, campaign_id: int, kind: Literal["funnel", "progress"],
    fmt: Literal["png", "svg"],
) -> Response:
    """The campaign's funnel or checkpoint-progress chart, worded in the page's language."""
    data = draw(session, speaking(actor, request), campaign_id=campaign_id, kind=kind, fmt=fmt)
    return Response(content=data, media_type=MEDIA[fmt], headers={"Cache-Control": "no-store"})
