"""Queries over campaigns, their phases, checkpoints, targets, allocations and corrections."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from giftwise.core.queries import where_among, where_given
from giftwise.models.campaigns import (
    Campaign,
    CampaignAllocation,
    CampaignCheckpoint,
    CampaignCorrection,
    CampaignPhase,
    CampaignTarget,
)
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift


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


def campaigns_of(
    session: Session, owner_ids: list[int] | None, *, status: str | None = None, limit: int | None = None,
    offset: int = 0,
) -> Sequence[Campaign]:
    """Campaigns owned by ``owner_ids`` (None: everyone's), newest first, optionally one page."""
    query = _campaigns_query(owner_ids, status).order_by(Campaign.starts_on.desc(), Campaign.id.desc())
    return session.scalars(query.limit(limit).offset(offset)).all()


def count_campaigns(session: Session, owner_ids: list[int] | None, *, status: str | None = None) -> int:
    """How many campaigns ``campaigns_of`` would list without paging."""
    return session.scalar(select(func.count()).select_from(_campaigns_query(owner_ids, status).subquery())) or 0


def _campaigns_query(owner_ids: list[int] | None, status: str | None) -> Select[Campaign]:
    return where_given(where_among(select(Campaign), (Campaign.owner_id, owner_ids)), (Campaign.status, status))


def contacts_by_id(session: Session, contact_ids: list[int]) -> dict[int, Contact]:
    """Contacts keyed by id."""
    if not contact_ids:
        return {}
    return {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(contact_ids)))}


def phases_of(session: Session, campaign_id: int) -> Sequence[CampaignPhase]:
    """A campaign's phases in order."""
    return session.scalars(
        select(CampaignPhase).where(CampaignPhase.campaign_id == campaign_id).order_by(CampaignPhase.position)
    ).all()


def phase_of(session: Session, campaign_id: int, position: int) -> CampaignPhase | None:
    """Phase number ``position`` of a campaign, if it has one."""
    return session.scalars(
        select(CampaignPhase).where(CampaignPhase.campaign_id == campaign_id, CampaignPhase.position == position)
    ).first()


def checkpoints_of(session: Session, campaign_id: int) -> Sequence[CampaignCheckpoint]:
    """A campaign's checkpoints by date."""
    return session.scalars(
        select(CampaignCheckpoint).where(CampaignCheckpoint.campaign_id == campaign_id).order_by(CampaignCheckpoint.on)
    ).all()


def due_checkpoint(session: Session, campaign_id: int, day: date) -> CampaignCheckpoint | None:
    """The earliest checkpoint not yet evaluated whose date has come by ``day``."""
    return session.scalars(
        select(CampaignCheckpoint)
        .where(CampaignCheckpoint.campaign_id == campaign_id, CampaignCheckpoint.status == "pending",
               CampaignCheckpoint.on <= day)
        .order_by(CampaignCheckpoint.on)
    ).first()


def allocations_of(session: Session, campaign_id: int, phase: int | None = None) -> Sequence[CampaignAllocation]:
    """The optimiser's choices for a campaign (one phase, or all), by phase and contact."""
    query = select(CampaignAllocation).where(CampaignAllocation.campaign_id == campaign_id)
    if phase is not None:
        query = query.where(CampaignAllocation.phase == phase)
    return session.scalars(query.order_by(CampaignAllocation.phase, CampaignAllocation.id)).all()


def corrections_of(session: Session, campaign_id: int) -> Sequence[CampaignCorrection]:
    """Corrections proposed for a campaign, newest first."""
    return session.scalars(
        select(CampaignCorrection).where(CampaignCorrection.campaign_id == campaign_id)
        .order_by(CampaignCorrection.id.desc())
    ).all()


def campaign_gifts(session: Session, campaign_id: int) -> Sequence[Gift]:
    """Gifts planned in a campaign (cancelled ones included), oldest first."""
    return session.scalars(select(Gift).where(Gift.campaign_id == campaign_id).order_by(Gift.planned_on, Gift.id)).all()


def candidate_items(session: Session, *, currency: str, cap: Decimal) -> list[CatalogItem]:
    """Active catalog items in the campaign's currency, within the per-contact cap, with stock left."""
    query = select(CatalogItem).where(
        CatalogItem.active.is_(True), CatalogItem.currency == currency, CatalogItem.price <= cap,
    )
    items = session.scalars(query.order_by(CatalogItem.price, CatalogItem.id)).all()
    return [i for i in items if i.stock is None or i.stock > 0]
