"""A person's right to see and to erase what giftwise holds about them.

What is "about a person" is found from the schema, not listed by hand: every row that refers
to the contact (notes, facts, gifts, touches, outcomes, campaign targets, orders, disputes...),
and every row that refers to those rows (gift events, touches of a gift...). Tables added later
are covered as long as their foreign keys point at the contact or at its rows.
"""

from __future__ import annotations

from collections import deque
from contextlib import suppress
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.orm import Session

from giftwise.accounts import repository
from giftwise.accounts.service import record_audit, visible_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.db import checkpoint
from giftwise.core.errors import Forbidden
from giftwise.core.pending_files import when_transaction_ends
from giftwise.core.settings import get_settings
from giftwise.models import Base
from giftwise.models.accounts import AuditEntry
from giftwise.models.contacts import Contact
from giftwise.privacy.schemas import ErasureReport

_NOT_PERSONAL = {"users", "teams", "audit_entries"}
_ERASED_FILES = "giftwise.erased_files"


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _children(parent: str) -> list[tuple[Table, str]]:
    """(table, column) pairs whose foreign key points at ``parent``'s id."""
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in _NOT_PERSONAL:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == parent and fk.column.name == "id" and fk.parent.name != "id":
                found.append((table, fk.parent.name))
    return found


def personal_rows(session: Session, contact_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row held about a contact, by table: the contact itself, then what refers to it."""
    contacts = Base.metadata.tables["contacts"]
    held: dict[str, dict[int, dict[str, Any]]] = {}
    row = session.execute(select(contacts).where(contacts.c.id == contact_id)).mappings().first()
    if row is None:
        return {}
    held["contacts"] = {contact_id: dict(row)}
    queue = deque(["contacts"])
    while queue:
        parent = queue.popleft()
        ids = list(held[parent])
        for table, column in _children(parent):
            rows = session.execute(select(table).where(table.c[column].in_(ids))).mappings().all()
            new = {r["id"]: dict(r) for r in rows if "id" in r and r["id"] not in held.get(table.name, {})}
            if new:
                held.setdefault(table.name, {}).update(new)
                queue.append(table.name)
    return {name: [{k: _plain(v) for k, v in r.items()} for r in rows.values()] for name, rows in held.items()}


def privacy_export(session: Session, actor: Actor, *, contact_id: int) -> dict[str, Any]:
    """Everything held about a visible contact as JSON-ready data (contact, notes, facts, gifts...)."""
    visible_contact(session, actor, contact_id)
    tables = personal_rows(session, contact_id)
    record_audit(session, actor, action="privacy-export", entity="contact", entity_id=contact_id)
    session.flush()
    contact = tables.pop("contacts")[0]
    return {"exported_at": clock.now().isoformat(), "contact": contact, **tables}


def erase_contact(session: Session, actor: Actor, *, contact_id: int) -> ErasureReport:
    """Delete a contact (an admin's or one's own) and every row and file about them; the audit keeps the fact.

    Once the erasure is committed, the evidence files go from disk and SQLite's write-ahead log
    is checkpointed, so the words cannot be read back from the data folder.
    """
    contact = visible_contact(session, actor, contact_id)
    if not (actor.is_admin or contact.owner_id == actor.user_id):
        raise Forbidden("privacy.erase_owner_or_admin", id=contact_id)
    tables = personal_rows(session, contact_id)
    when_transaction_ends(session, _ERASED_FILES, _evidence_files(tables), on="after_commit", act=_finish_erasure)
    deleted = {name: len(rows) for name, rows in tables.items()}
    scrubbed = 0
    for name, rows in tables.items():
        entities = [name, name.removesuffix("s")]
        for row in rows:
            for entry in repository.audit_entries_about(session, entities, row["id"]):
                entry.before, entry.after = None, None
                scrubbed += 1
    session.flush()
    # Rows that point at the contact go with it (ON DELETE CASCADE on every such foreign key).
    session.execute(delete(Contact).where(Contact.id == contact_id), execution_options={"synchronize_session": False})
    session.expire_all()
    after = {"deleted": deleted, "audit_entries_scrubbed": scrubbed}
    record_audit(session, actor, action="erase", entity="contact", entity_id=contact_id, after=after)
    session.flush()
    return ErasureReport(contact_id=contact_id, deleted=deleted, audit_entries_scrubbed=scrubbed)


def _evidence_files(tables: dict[str, list[dict[str, Any]]]) -> list[Path]:
    root = get_settings().evidence_dir
    return [root / row["stored_path"] for row in tables.get("evidence", []) if row.get("stored_path")]


def _finish_erasure(session: Session, files: list[Path]) -> None:
    # Only after the commit: a rolled-back erasure must keep the photos its rows still point at.
    for path in files:
        path.unlink(missing_ok=True)
        with suppress(OSError):
            path.parent.rmdir()  # the parcel's folder, once empty
    bind = session.get_bind()
    checkpoint(bind if isinstance(bind, Engine) else bind.engine)


def audit_after_erasure(session: Session, contact_id: int) -> list[AuditEntry]:
    """The audit entries left about an erased contact (for checks: they hold no personal data)."""
    return repository.audit_entries_about(session, ["contact"], contact_id)
