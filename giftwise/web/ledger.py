"""The ledger page: per-contact books for a period, draining relationships, ROI with its rule, the charts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from giftwise.analytics import service as reports
from giftwise.analytics.service import ledger_chart as draw
from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.errors import Invalid
from giftwise.ledger.attribution import load_rule
from giftwise.web.pages import page_language, render, speaking

router = APIRouter()
ROI_BY = ("kind", "category", "occasion")
BOOKS_PAGE = 25
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


@router.get("/app/ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    """The books of every relationship for a period, the draining ones, ROI by kind/category/occasion, charts."""
    speaker = speaking(actor, request)
    try:
        reports.check_period(since, until)
    except Invalid as problem:
        error = problem.sentence(page_language(request))
        return render(request, "ledger.html", status_code=422, error=error, since=since, until=until,
                      books=[], drains=[], roi={}, total=0, page=page, page_size=BOOKS_PAGE, nav="ledger")
    rule = load_rule()
    shown = reports.ledger_overview(session, speaker, by=ROI_BY, since=since, until=until, rule=rule,
                                    limit=BOOKS_PAGE, offset=(page - 1) * BOOKS_PAGE)
    return render(
        request, "ledger.html", books=shown.books, drains=shown.drains, roi=shown.roi,
        rule=rule.describe(speaker.language), since=since, until=until, total=shown.total, page=page,
        page_size=BOOKS_PAGE, error=None, nav="ledger",
    )


@router.get("/app/ledger/charts/{kind}.{fmt}")
def ledger_chart(
    request: Request, session: SessionDep, actor: ActorDep, kind: Literal["spend", "roi"],
    fmt: Literal["png", "svg"], months: Annotated[int, Query(ge=1, le=60)] = 12,
) -> Response:
    """The ledger's spend-vs-returns or ROI-by-kind chart, worded in the page's language."""
    data = draw(session, speaking(actor, request), kind=kind, fmt=fmt, months=months)
    return Response(content=data, media_type=MEDIA[fmt], headers={"Cache-Control": "no-store"})
