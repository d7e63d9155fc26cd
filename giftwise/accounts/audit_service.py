"""The audit trail: who changed what and when, appended in the caller's unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.models.accounts import AuditEntry


def record_audit(
    session: Session,
    actor: Actor,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit entry (who, what, when, before/after) in the current unit of work."""
    entry = AuditEntry(
        user_id=actor.user_id, action=action, entity=entity, entity_id=entity_id, before=before, after=after
    )
    session.add(entry)
    return entry
