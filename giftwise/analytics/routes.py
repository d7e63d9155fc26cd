"""REST routes for the ledger's questions: books, drains, ROI, charts and sheets (read only)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from giftwise.analytics import service
from giftwise.analytics.sheets_service import export_sheet
from giftwise.core.api_support import XLSX_MEDIA_TYPE, ActorDep, SessionDep, file_download, problem_responses
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.schemas import Day, PrimaryKey
from giftwise.ledger.attribution import AttributionRule, load_rule, with_overrides
from giftwise.ledger.schemas import Books, Drain, RoiReport

router = APIRouter(tags=["ledger"])


Window = Annotated[int | None, Query(ge=1, le=730, description="Attribution window in days (default: rule file)")]
Share = Annotated[float | None, Query(ge=0, le=1, description="Attributed share of each order (default: rule file)")]
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


def _rule(window: int | None, share: float | None) -> AttributionRule:
    return with_overrides(load_rule(), window_days=window, share=share)


@router.get("/ledger/contacts/{contact_id}", response_model=Books, responses=problem_responses(NotFound, Invalid))
def contact_books(
    contact_id: PrimaryKey, session: SessionDep, actor: ActorDep, since: Day | None = None, until: Day | None = None,
    window: Window = None, share: Share = None,
) -> Books:
    """One contact's money, time and friction against returns over a period, with ROI and its rule."""
    return service.contact_books(session, actor, contact_id=contact_id, since=since, until=until,
                                 rule=_rule(window, share))


@router.get("/ledger/campaigns/{campaign_id}", response_model=Books, responses=problem_responses(NotFound, Invalid))
def campaign_books(
    campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep, since: Day | None = None, until: Day | None = None,
    window: Window = None, share: Share = None,
) -> Books:
    """One campaign's books: its gifts, their touches and its targets' outcomes."""
    return service.campaign_books(session, actor, campaign_id=campaign_id, since=since, until=until,
                                  rule=_rule(window, share))


@router.get("/ledger/drains", response_model=list[Drain], responses=problem_responses(Invalid))
def drains(
    session: SessionDep, actor: ActorDep, months: Annotated[int | None, Query(ge=1, le=60)] = None,
    touches: Annotated[int | None, Query(ge=2, le=100)] = None,
) -> list[Drain]:
    """Relationships that drain, with the pattern in words and what to do."""
    return service.draining_relationships(session, actor, months=months, touches=touches)


@router.get("/ledger/roi", response_model=RoiReport, responses=problem_responses(Invalid))
def roi(
    session: SessionDep, actor: ActorDep, by: Literal["kind", "category", "occasion", "campaign"] = "kind",
    since: Day | None = None, until: Day | None = None, window: Window = None, share: Share = None,
) -> RoiReport:
    """ROI and return/refusal rates by gift kind, category, occasion or campaign, with the attribution rule."""
    return service.roi_report(session, actor, by=by, since=since, until=until, rule=_rule(window, share))


@router.get("/ledger/charts/{kind}.{fmt}", responses={
    200: {"content": {"image/png": {}, "image/svg+xml": {}}}, **problem_responses(NotFound, Invalid)})
def chart(
    kind: Literal["spend", "roi"], fmt: Literal["png", "svg"], session: SessionDep, actor: ActorDep,
    contact_id: PrimaryKey | None = None, campaign_id: PrimaryKey | None = None,
    months: Annotated[int, Query(ge=1, le=60)] = 12,
) -> Response:
    """Spend vs returns by month, or ROI by gift kind, as PNG or SVG."""
    data = service.ledger_chart(session, actor, kind=kind, fmt=fmt, contact_id=contact_id, campaign_id=campaign_id,
                        months=months)
    return Response(content=data, media_type=MEDIA[fmt])


@router.get("/ledger/exports/{sheet}.xlsx", responses={
    200: {"content": {XLSX_MEDIA_TYPE: {}}}, **problem_responses(NotFound, Invalid)})
def export(
    sheet: Literal["strategy", "budget", "followups"], session: SessionDep, actor: ActorDep,
    campaign_id: PrimaryKey | None = None,
) -> Response:
    """The gift strategy list, the budget sheet (needs campaign_id) or the follow-up tracking sheet as XLSX."""
    data = export_sheet(session, actor, sheet=sheet, campaign_id=campaign_id)
    return file_download(data, f"{sheet}.xlsx", XLSX_MEDIA_TYPE)
