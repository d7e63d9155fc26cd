"""REST routes for the campaigns domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field

from giftwise.campaigns import allocation_service, progress_service, service
from giftwise.campaigns import report_service as campaign_reports
from giftwise.campaigns.report_service import campaign_chart, suggest_targets
from giftwise.campaigns.schemas import (
    AllocationReport,
    CampaignCreate,
    CampaignDetail,
    CampaignRead,
    CampaignReport,
    CheckpointReport,
    CorrectionRead,
    CorrectionStatus,
    Suggestion,
    TargetRead,
    TargetsAdd,
)
from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import bilingual
from giftwise.core.schemas import Day, Page, PrimaryKey, Schema

router = APIRouter(prefix="/campaigns", tags=["campaigns"])

ChartKind = Literal["funnel", "progress"]
ChartFormat = Literal["png", "svg"]
MEDIA = {"png": "image/png", "svg": "image/svg+xml"}


class TargetStatusIn(Schema):
    """Pause a target or make it active again."""

    status: Literal["active", "paused"]


class DecisionIn(Schema):
    """Accept or dismiss a proposed correction."""

    decision: CorrectionStatus


class AllocateIn(Schema):
    """How to allocate: plan the gifts or only show the plan; solver time limit; occasion of the gifts."""

    apply: bool = False
    time_limit: Annotated[float, Field(ge=0.1, le=600)] = 10.0
    occasion: str = "care"


@router.post("", status_code=201, response_model=CampaignRead, responses=problem_responses(NotFound, Invalid))
def create(body: CampaignCreate, session: SessionDep, actor: ActorDep) -> CampaignRead:
    """Create a campaign with its goal, metric, budget, phases, checkpoints and targets."""
    return CampaignRead.model_validate(service.create_campaign(session, actor, data=body))


@router.get("", response_model=Page[CampaignRead])
def list_campaigns(
    session: SessionDep, actor: ActorDep, page: PageDep,
    status: Literal["active", "stopped", "done"] | None = None,
) -> Page[CampaignRead]:
    """The campaigns you may see, newest first."""
    return service.list_campaigns(session, actor, status=status, limit=page.limit, offset=page.offset)


@router.get("/{campaign_id}", response_model=CampaignDetail, responses=problem_responses(NotFound))
def show(campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> CampaignDetail:
    """Everything about one campaign."""
    return campaign_reports.campaign_detail(session, actor, campaign_id=campaign_id)


@router.post("/{campaign_id}/targets", status_code=201, response_model=list[TargetRead],
             responses=problem_responses(NotFound, Invalid, Conflict))
def add_targets(campaign_id: PrimaryKey, body: TargetsAdd, session: SessionDep, actor: ActorDep) -> list[TargetRead]:
    """Add contacts as targets; contacts already targeted are left alone."""
    added = service.add_targets(session, actor, campaign_id=campaign_id, contact_ids=body.contact_ids)
    detail = campaign_reports.campaign_detail(session, actor, campaign_id=campaign_id)
    new = {t.contact_id for t in added}
    return [t for t in detail.targets if t.contact_id in new]


@router.patch("/{campaign_id}/targets/{contact_id}", response_model=TargetRead,
              responses=problem_responses(NotFound, Invalid))
def set_target_status(
    campaign_id: PrimaryKey, contact_id: PrimaryKey, body: TargetStatusIn, session: SessionDep, actor: ActorDep
) -> TargetRead:
    """Pause a target (no gifts, no corrections) or resume it."""
    service.set_target_status(session, actor, campaign_id=campaign_id, contact_id=contact_id, status=body.status)
    detail = campaign_reports.campaign_detail(session, actor, campaign_id=campaign_id)
    return next(t for t in detail.targets if t.contact_id == contact_id)


@router.get("/{campaign_id}/suggestions", response_model=list[Suggestion], responses=problem_responses(NotFound))
def suggestions(
    campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep, limit: Annotated[int, Query(ge=1, le=50)] = 8
) -> list[Suggestion]:
    """The contacts with the most potential who are not targets yet, with reasons."""
    return suggest_targets(session, actor, campaign_id=campaign_id, limit=limit)


@router.post("/{campaign_id}/allocate", response_model=AllocationReport,
             responses=problem_responses(NotFound, Invalid, Conflict))
def allocate(campaign_id: PrimaryKey, body: AllocateIn, session: SessionDep, actor: ActorDep) -> AllocationReport:
    """Choose the gift (or none) per target under budget, caps, policy and stock; plan them when ``apply``."""
    return allocation_service.allocate_campaign(session, actor, campaign_id=campaign_id, apply=body.apply,
                                                time_limit=body.time_limit, occasion=body.occasion)


@router.post("/{campaign_id}/checkpoint", response_model=CheckpointReport, responses=problem_responses(NotFound))
def checkpoint(
    campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep, on: Day | None = None
) -> CheckpointReport:
    """Score the due checkpoint (or progress as of today) and propose corrections when behind."""
    return progress_service.evaluate_checkpoint(session, actor, campaign_id=campaign_id, on=on)


@router.post("/corrections/{correction_id}", response_model=CorrectionRead,
             responses=problem_responses(NotFound, Invalid, Conflict))
def decide(correction_id: PrimaryKey, body: DecisionIn, session: SessionDep, actor: ActorDep) -> CorrectionRead:
    """Accept (and carry out) or dismiss a proposed correction."""
    correction = progress_service.decide_correction(session, actor, correction_id=correction_id, decision=body.decision)
    return CorrectionRead(
        id=correction.id, checkpoint_id=correction.checkpoint_id, contact_id=correction.contact_id,
        action=correction.action, status=correction.status,
        reason=bilingual(actor.language, correction.reason_zh, correction.reason_en),
    )


@router.post("/{campaign_id}/stop", response_model=CampaignRead, responses=problem_responses(NotFound, Conflict))
def stop(campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> CampaignRead:
    """Stop a campaign; its books stay."""
    return CampaignRead.model_validate(service.stop_campaign(session, actor, campaign_id=campaign_id))


@router.get("/{campaign_id}/report", response_model=CampaignReport, responses=problem_responses(NotFound))
def report(campaign_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> CampaignReport:
    """Progress, funnel, money, ROI with its attribution rule, and the gifted-vs-control lift."""
    return campaign_reports.campaign_report(session, actor, campaign_id=campaign_id)


@router.get("/{campaign_id}/charts/{kind}.{fmt}", responses={
    200: {"content": {"image/png": {}, "image/svg+xml": {}}}, **problem_responses(NotFound, Invalid)})
def chart(campaign_id: PrimaryKey, kind: ChartKind, fmt: ChartFormat, session: SessionDep, actor: ActorDep) -> Response:
    """The campaign funnel or checkpoint progress chart, PNG or SVG."""
    data = campaign_chart(session, actor, campaign_id=campaign_id, kind=kind, fmt=fmt)
    return Response(content=data, media_type=MEDIA[fmt])
