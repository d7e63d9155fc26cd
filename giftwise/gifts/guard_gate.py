"""Where a planned gift meets the fail-safe guard (owned by the recommend domain).

``giftwise.recommend.service.guard_gift`` re-reads the gift (a catalog item or a free description)
against everything known about the contact: restrictions, and the compliance policy. A block other
than compliance may be overridden with a written reason, which is audited; compliance never is.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.catalog.service import portable_item
from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden
from giftwise.core.i18n import t
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.recommend.service import guard_gift


class GuardRefused(Forbidden):
    """The guard rules the gift out for this contact; the detail says why and whether a reason can override it."""

    title = "Gift ruled out"


def consult(
    session: Session, actor: Actor, *, contact: Contact, item: CatalogItem | None, description: str,
    cost: Decimal, currency: str, occasion: str = "thank-you", override_reason: str = "",
) -> list[str]:
    """The guard's cautions for a gift about to be planned; GuardRefused when it must not be given.

    An overridable block with an ``override_reason`` lets the gift through and leaves an audit entry."""
    found = guard_gift(session, actor, contact=contact, item=portable_item(item) if item else None,
                       description=description, cost=cost, currency=currency, occasion=occasion)
    cautions = [f.reason for f in found.cautions]
    if found.allowed:
        return cautions
    reasons = "; ".join(r.rstrip("。.") for r in found.reasons())
    if not found.overridable:
        raise GuardRefused(t("guard.override_compliance", actor.language, reasons=reasons))
    if not override_reason.strip():
        raise GuardRefused(t("guard.override_needs_reason", actor.language, reasons=reasons))
    record_audit(session, actor, action="gift.guard_override", entity="contact", entity_id=contact.id,
                 after={"item": item.sku if item else description, "blocked": found.reasons(),
                        "override_reason": override_reason.strip()})
    return [*cautions, t("guard.overridden", actor.language, reasons=reasons, reason=override_reason.strip())]
