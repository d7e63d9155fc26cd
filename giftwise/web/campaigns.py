"""Campaign pages: the list, and one campaign's goal, money, progress, lift, corrections and charts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from giftwise.campaigns import report as campaign_reports
from giftwise.campaigns import service as campaigns
from giftwise.campaigns.charts import campaign_chart as draw
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.web.pages import render, speaking

router = APIRouter()
PAGE_SIZE = 25
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


@router.get("/app/campaigns", response_class=HTMLResponse)
def campaign_list(
    request: Request, session: SessionDep, actor: ActorDep, page: Annotated[int, Query(ge=1)] = 1
) -> HTMLResponse:
    """The campaigns you may see, newest first, each with its scoreboard line."""
    found = campaigns.list_campaigns(session, actor, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    speaker = speaking(actor, request)
    scores = {c.id: campaign_reports.campaign_report(session, speaker, campaign_id=c.id) for c in found.items}
    return render(request, "campaigns/list.html", found=found, scores=scores, page=page, nav="campaigns")


@router.get("/app/campaigns/{campaign_id}", response_class=HTMLResponse)
def campaign_page(request: Request, session: SessionDep, actor: ActorDep, campaign_id: int) -> HTMLResponse:
    """One campaign: goal, metric/target/window, budget and spend, checkpoints, lift, corrections, charts."""
    speaker = speaking(actor, request)
    detail = campaign_reports.campaign_detail(session, speaker, campaign_id=campaign_id)
    report = campaign_reports.campaign_report(session, speaker, campaign_id=campaign_id)
    names = {t.contact_id: t.name for t in detail.targets}
    return render(request, "campaigns/detail.html", campaign=detail, report=report, names=names,
                  nav="campaigns")


@router.get("/app/campaigns/{campaign_id}/charts/{kind}.{fmt}")
def campaign_chart(
    request: Request, session: SessionDep, actor: ActorDep, campaign_id: int, kind: Literal["funnel", "progress"],
    fmt: Literal["png", "svg"],
) -> Response:
    """The campaign's funnel or checkpoint-progress chart, worded in the page's language."""
    data = draw(session, speaking(actor, request), campaign_id=campaign_id, kind=kind, fmt=fmt)
    return Response(content=data, media_type=MEDIA[fmt], headers={"Cache-Control": "no-store"})
