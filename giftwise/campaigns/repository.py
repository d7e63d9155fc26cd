"""Queries over campaigns, their phases, checkpoints, targets, allocations and corrections."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.campaigns import CampaignTarget


def target_of(session: Session, campaign_id: int, contact_id: int) -> CampaignTarget | None:
    """The target row of ``contact_id`` in ``campaign_id``, if the contact is a target."""
    return session.scalars(
        select(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id, CampaignTarget.contact_id == contact_id)
    ).first()


def targets_of(session: Session, campaign_id: int) -> Sequence[CampaignTarget]:
    """Every target of a campaign, in the order they were added."""
    return session.scalars(
        select(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id).order_by(CampaignTarget.id)
    ).all()
