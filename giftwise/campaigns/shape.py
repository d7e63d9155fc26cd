"""Pure rules of a campaign's shape: phase budgets, the checkpoint plan, the progress sentence."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

from giftwise.campaigns import progress
from giftwise.campaigns.schemas import CampaignCreate, CheckpointIn
from giftwise.core.errors import Invalid
from giftwise.core.i18n import t
from giftwise.models.campaigns import Campaign


def phase_budgets(data: CampaignCreate) -> list[tuple[str, Decimal]]:
    """(name, budget) per phase: one phase holding the whole budget when none are given."""
    if not data.phases:
        return [("", data.total_budget)]
    total = sum((p.budget for p in data.phases), Decimal(0))
    if total != data.total_budget:
        raise Invalid("campaigns.phase_budgets_add_up", total=total, total_budget=data.total_budget, field="phases")
    return [(p.name, p.budget) for p in data.phases]


def checkpoint_plan(
    campaign: Campaign, given: list[CheckpointIn], *, phases: int
) -> list[tuple[date, int, int | None]]:
    """(date, expected successes, phase it closes) for each checkpoint; evenly spaced when none are given."""
    ends = campaign.ends_on
    if not given:
        count = max(phases, 2)
        days = [campaign.starts_on + timedelta(days=math.ceil(campaign.window_days * k / count))
                for k in range(1, count + 1)]
        given = [CheckpointIn(on=d) for d in days]
    days = [c.on for c in given]
    if days != sorted(set(days)):
        raise Invalid("campaigns.checkpoint_dates_distinct_order", field="checkpoints")
    if days[0] <= campaign.starts_on or days[-1] > ends:
        raise Invalid("campaigns.checkpoints_fall_after_start", starts_on=campaign.starts_on, ends=ends,
                      field="checkpoints")
    if len(given) < phases - 1:
        raise Invalid("campaigns.phases_need_least_checkpoints", phases=phases, value=phases - 1, field="checkpoints")
    plan = []
    previous = 0
    for position, checkpoint in enumerate(given, start=1):
        expected = checkpoint.expected_count
        if expected is None:
            expected = progress.expected_by(campaign, checkpoint.on)
        if expected > campaign.target_count or expected < previous:
            raise Invalid("campaigns.expected_counts_decrease_stay",
                          field="checkpoints")
        previous = expected
        plan.append((checkpoint.on, expected, position if position < phases else None))
    return plan


def summary(
    campaign: Campaign, language: str, *, achieved: int, expected: int, on: date, behind: bool, gifted: int
) -> str:
    """The progress sentence: on track, behind (with days left) or met, plus a warning on too few targets."""
    metric = t(f"campaigns.metric.{campaign.metric}", language)
    values = {"achieved": achieved, "target": campaign.target_count, "metric": metric, "on": on.isoformat(),
              "expected": expected, "days_left": progress.days_left(campaign, on)}
    late = "campaigns.progress.behind" if behind else "campaigns.progress.on_track"
    text = t("campaigns.progress.met" if achieved >= campaign.target_count else late, language, **values)
    if gifted < campaign.target_count:
        text += " " + t("campaigns.progress.too_few_targets", language, gifted=gifted, target=campaign.target_count
        )
    return text
