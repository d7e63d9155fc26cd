"""Where a planned gift meets the compliance policy (owned by the compliance domain).

``giftwise.compliance.service.check_gift`` judges the gift against the policy with what the
database knows (public official, state-owned employer, open tender, what we gave in 12 months).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.compliance.service import check_gift
from giftwise.core.actor import Actor
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact


@dataclass(slots=True)
class Verdict:
    """What compliance says about a gift: allowed at all, needs approval, and why."""

    allowed: bool = True
    needs_approval: bool = False
    reasons: list[str] = field(default_factory=list)
    checked: bool = True  # kept for callers written before the compliance service existed


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
    """The compliance verdict on a gift about to be planned."""
    answer = check_gift(session, actor, contact_id=contact.id, item_id=item.id if item else None,
                        description=description, cost=cost, currency=currency, occasion=occasion)
    return Verdict(allowed=answer.allowed, needs_approval=answer.needs_approval, reasons=list(answer.reasons))
