"""Campaigns: a gifting effort with a measurable goal, a budget, phases, targets and checkpoints."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class Campaign(IdMixin, TimestampMixin, Base):
    """"A meeting with 5 of these 8 contacts within 21 days, under 6000 yuan".

    ``metric`` is the outcome kind that counts (reply, meeting, order, referral); success is
    ``target_count`` distinct gifted targets with that outcome between ``starts_on`` and
    ``starts_on + window_days``. ``control_share`` of the targets, drawn with ``control_seed``,
    get no gift so the campaign can measure lift rather than activity.
    """

    __tablename__ = "campaigns"

    name: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str] = mapped_column(String(16))
    target_count: Mapped[int]
    window_days: Mapped[int]
    starts_on: Mapped[date]
    total_budget: Mapped[Decimal]
    per_contact_cap: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    control_share: Mapped[float] = mapped_column(default=0.1)
    control_seed: Mapped[int] = mapped_column(default=0)
    control_drawn_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)  # active|stopped|done
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    @property
    def ends_on(self) -> date:
        """The last day of the success window."""
        return self.starts_on + timedelta(days=self.window_days)


class CampaignPhase(IdMixin, Base):
    """One stage of spending; stage N>1 is released only when the checkpoint closing N-1 was met."""

    __tablename__ = "campaign_phases"
    __table_args__ = (UniqueConstraint("campaign_id", "position"),)

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120), default="")
    budget: Mapped[Decimal]
    released: Mapped[bool] = mapped_column(default=False)
    released_on: Mapped[date | None]


class CampaignCheckpoint(IdMixin, Base):
    """A dated look at progress; ``expected_count`` is how many successes should exist by then."""

    __tablename__ = "campaign_checkpoints"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    on: Mapped[date]
    expected_count: Mapped[int]
    # The phase this checkpoint closes: meeting it releases phase ``closes_phase + 1``.
    closes_phase: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|met|missed
    achieved_count: Mapped[int | None]
    evaluated_on: Mapped[date | None]


class CampaignTarget(IdMixin, Base):
    """A contact the campaign aims at; ``arm`` is ``gifted`` or ``control`` (held back, no gift)."""

    __tablename__ = "campaign_targets"
    __table_args__ = (UniqueConstraint("campaign_id", "contact_id"),)

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    arm: Mapped[str] = mapped_column(String(8), default="pending")  # pending|gifted|control
    status: Mapped[str] = mapped_column(String(16), default="active")  # active|paused
    potential: Mapped[float] = mapped_column(default=1.0)
    added_on: Mapped[date]


class CampaignAllocation(IdMixin, Base):
    """The optimiser's choice for one target in one phase: a catalog item, or none."""

    __tablename__ = "campaign_allocations"
    __table_args__ = (UniqueConstraint("campaign_id", "phase", "contact_id"),)

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    phase: Mapped[int] = mapped_column(default=1)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_items.id", ondelete="SET NULL"))
    cost: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    expected_value: Mapped[float] = mapped_column(default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(16), default="milp")  # milp|greedy
    planned_on: Mapped[date]
    gift_id: Mapped[int | None] = mapped_column(ForeignKey("gifts.id", ondelete="SET NULL"))


class CampaignCorrection(IdMixin, Base):
    """A proposed change when a checkpoint is behind, with its reasons in zh and en."""

    __tablename__ = "campaign_corrections"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    checkpoint_id: Mapped[int | None] = mapped_column(ForeignKey("campaign_checkpoints.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    # change_gift_type | raise_touch_frequency | pause_contact | stop
    action: Mapped[str] = mapped_column(String(24))
    reason_zh: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    proposed_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="proposed")  # proposed|accepted|dismissed


class GiftFactorSnapshot(IdMixin, Base):
    """The recommender's scoring factors for a gift, frozen when it was planned, so outcomes can calibrate them."""

    __tablename__ = "gift_factor_snapshots"

    gift_id: Mapped[int] = mapped_column(ForeignKey("gifts.id", ondelete="CASCADE"), unique=True)
    factors: Mapped[dict[str, Any]]
    recorded_on: Mapped[date]
