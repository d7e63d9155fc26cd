"""Shapes that cross the campaigns boundary: create a campaign, its targets, checkpoints and reports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import CurrencyCode, NameStr, PrimaryKey, Schema

Metric = Literal["reply", "meeting", "order", "referral"]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
CorrectionAction = Literal["change_gift_type", "raise_touch_frequency", "pause_contact", "stop"]


class PhaseIn(Schema):
    """One stage of spending with its own budget."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""
    budget: Money


class CheckpointIn(Schema):
    """A dated look at progress; ``expected_count`` defaults to the target pro-rated to that date."""

    on: date
    expected_count: Annotated[int, Field(ge=0)] | None = None


class CampaignCreate(Schema):
    """A gifting effort with a measurable goal: metric, target count and window, budget and cap."""

    name: NameStr
    goal: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    metric: Metric
    target_count: Annotated[int, Field(ge=1, le=100_000)]
    window_days: Annotated[int, Field(ge=1, le=730)]
    starts_on: date | None = None
    total_budget: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    per_contact_cap: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    currency: CurrencyCode | None = None
    control_share: Annotated[float, Field(ge=0, le=0.5)] = 0.1
    control_seed: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    phases: list[PhaseIn] = Field(default_factory=list, max_length=12)
    checkpoints: list[CheckpointIn] = Field(default_factory=list, max_length=24)
    target_ids: list[PrimaryKey] = Field(default_factory=list, max_length=10_000)

    @model_validator(mode="after")
    def _cap_fits_budget(self) -> CampaignCreate:
        if self.per_contact_cap > self.total_budget:
            raise ValueError(msg("campaigns.per_contact_cap_exceed"))
        return self


class CampaignRead(Schema):
    """A campaign as the API and CLI list it."""

    id: int
    name: str
    goal: str
    metric: str
    target_count: int
    window_days: int
    starts_on: date
    ends_on: date
    total_budget: Decimal
    per_contact_cap: Decimal
    currency: str
    control_share: float
    control_seed: int
    status: str


class PhaseRead(Schema):
    """A phase and whether its budget is released."""

    position: int
    name: str
    budget: Decimal
    released: bool
    released_on: date | None


class CheckpointRead(Schema):
    """A checkpoint, evaluated or not."""

    id: int
    on: date
    expected_count: int
    closes_phase: int | None
    status: str
    achieved_count: int | None
    evaluated_on: date | None


class TargetRead(Schema):
    """A target contact and its arm (gifted or held back as control)."""

    contact_id: int
    name: str
    arm: str
    status: str
    potential: float
    succeeded_on: date | None = None


class CorrectionRead(Schema):
    """A proposed correction with its reason in the reader's language."""

    id: int | None
    checkpoint_id: int | None
    contact_id: int | None
    action: str
    reason: str
    status: str


class CampaignDetail(CampaignRead):
    """Everything about one campaign: phases, checkpoints, targets, budget and corrections."""

    phases: list[PhaseRead]
    checkpoints: list[CheckpointRead]
    targets: list[TargetRead]
    released_budget: Decimal
    spent: Decimal
    planned: Decimal
    corrections: list[CorrectionRead]


class TargetsAdd(Schema):
    """Contacts to add as targets."""

    contact_ids: list[PrimaryKey] = Field(min_length=1, max_length=10_000)


class Suggestion(Schema):
    """A contact worth targeting: ledger potential, best recommender fit, the rank score (potential x (0.5 + fit))."""

    contact_id: int
    name: str
    score: float
    potential: float
    fit: float
    reasons: list[str]


class AllocationLine(Schema):
    """The gift (or none) the optimiser chose for one target."""

    contact_id: int
    name: str
    item_id: int | None
    item: str | None
    cost: Decimal
    expected_value: float
    reason: str
    gift_id: int | None = None


class AllocationReport(Schema):
    """The allocation and how it was found: method, both objectives, the gap and the solver's bound."""

    campaign_id: int
    phase: int
    currency: str
    budget_available: Decimal
    cost: Decimal
    method: str
    objective: float
    milp_objective: float | None
    milp_status: str
    milp_bound: float | None
    milp_gap: float | None
    greedy_objective: float
    greedy_gap: float | None
    milp_seconds: float
    greedy_seconds: float
    lines: list[AllocationLine]
    applied: bool


class Lift(Schema):
    """Outcome rates of gifted vs held-back targets, with a Newcombe 95 % interval on the difference."""

    gifted_n: int
    gifted_success: int
    gifted_rate: float | None
    control_n: int
    control_success: int
    control_rate: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    method: str
    note: str


class CheckpointReport(Schema):
    """Progress against the target at a checkpoint and, when behind, the corrections proposed."""

    campaign_id: int
    checkpoint_id: int | None
    on: date
    achieved: int
    expected: int
    target: int
    behind: bool
    status: str
    summary: str
    released_phase: int | None
    corrections: list[CorrectionRead]


class CampaignReport(Schema):
    """The campaign's scoreboard: progress, money, funnel, lift and the ledger's ROI with its rule."""

    campaign_id: int
    name: str
    on: date
    achieved: int
    target: int
    expected_now: int
    funnel: dict[str, int]
    # Every amount below is in ``currency`` (the campaign's); ``currency_note`` says so in words.
    currency: str
    currency_note: str
    budget: Decimal
    released_budget: Decimal
    spent: Decimal
    attributed_value: Decimal
    roi: float | None
    attribution_rule: str
    lift: Lift
    checkpoints: list[CheckpointRead]


CorrectionStatus = Literal["accepted", "dismissed"]
