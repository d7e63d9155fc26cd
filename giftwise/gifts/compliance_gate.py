"""Where a planned gift meets the compliance policy (owned by the compliance domain).

COMPLIANCE CALL SITE: ``giftwise.compliance.service.check_gift`` is written by the recommender
engineer. Until it exists, every gift passes with a note saying it was not checked.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact


@dataclass(slots=True)
class Verdict:
    """What compliance says about a gift: allowed at all, needs approval, and why."""

    allowed: bool = True
    needs_approval: bool = False
    reasons: list[str] = field(default_factory=list)
    checked: bool = True


def consult(
    session: Session,
    actor: Actor,
    *,
    contact: Contact,
    item: CatalogItem | None,
    description: str,
    cost: Decimal,
    currency: str,
    occasion: str,
) -> Verdict:
    """Ask the compliance service about a gift; an unchecked pass when that service is not there."""
    try:
        compliance = import_module("giftwise.compliance.service")
    except ImportError:
        return Verdict(checked=False, reasons=["compliance service not available; gift not checked"])
    check_gift = getattr(compliance, "check_gift", None)
    if check_gift is None:
        return Verdict(checked=False, reasons=["compliance service not available; gift not checked"])
    offered: dict[str, Any] = {
        "contact_id": contact.id, "contact": contact, "item_id": item.id if item else None, "item": item,
        "description": description, "cost": cost, "value": cost, "currency": currency, "occasion": occasion,
    }
    # Pass what check_gift asks for by name, so small signature changes on its side do not break planning.
    accepted = inspect.signature(check_gift).parameters
    answer = check_gift(session, actor, **{k: v for k, v in offered.items() if k in accepted})
    return _as_verdict(answer)


def _as_verdict(answer: Any) -> Verdict:
    allowed = bool(getattr(answer, "allowed", True))
    needs_approval = bool(getattr(answer, "needs_approval", False))
    reasons = [str(r) for r in getattr(answer, "reasons", [])]
    return Verdict(allowed=allowed, needs_approval=needs_approval, reasons=reasons)
