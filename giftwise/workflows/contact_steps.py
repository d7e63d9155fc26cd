"""A contact's steps as the rep takes them: kept by contacts, their cadence touches kept current by followups.

Cadence touches are stored when what they depend on changes (a contact's cadence or relationship
date, a restored contact, an import; notes in ``note_steps``, touches done or skipped in followups),
so the agenda, the agenda page and the calendar feed only read them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.contacts import files_service
from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import ContactCreate, ContactUpdate, ImportReport, MergeReport
from giftwise.core.actor import Actor
from giftwise.followups.cadence_service import forget_cadence, refresh_cadence
from giftwise.models.contacts import Contact


def create(session: Session, actor: Actor, *, data: ContactCreate) -> Contact:
    """Add a contact (``contacts.service.create_contact``) and put its cadence touches on the agenda."""
    contact = contacts.create_contact(session, actor, data=data)
    refresh_cadence(session, actor, contact_id=contact.id)
    return contact


def update(session: Session, actor: Actor, *, contact_id: int, data: ContactUpdate) -> Contact:
    """Change a contact (``contacts.service.update_contact``) and move its cadence touches to match."""
    contact = contacts.update_contact(session, actor, contact_id=contact_id, data=data)
    refresh_cadence(session, actor, contact_id=contact.id)
    return contact


def archive(session: Session, actor: Actor, *, contact_id: int, archived: bool = True) -> Contact:
    """Archive or restore a contact (``contacts.service.archive_contact``); a restored one is due again."""
    contact = contacts.archive_contact(session, actor, contact_id=contact_id, archived=archived)
    refresh_cadence(session, actor, contact_id=contact.id)
    return contact


def import_file(
    session: Session, actor: Actor, *, content: bytes, filename: str, file_format: str | None = None,
    skip_invalid: bool = False, progress: files_service.Progress | None = None,
) -> ImportReport:
    """Import contacts (``contacts.files_service.import_contacts``); when any were written, refresh the cadence
    touches."""
    report = files_service.import_contacts(
        session, actor, content=content, filename=filename, file_format=file_format, skip_invalid=skip_invalid,
        progress=progress,
    )
    if report.applied:
        refresh_cadence(session, actor)
    return report


def merge(session: Session, actor: Actor, *, keep_id: int, drop_id: int) -> MergeReport:
    """Fold a duplicate contact into the kept one (``contacts.service.merge_contacts``): the folded one's open
    cadence touches go (one cadence per person), its other touches, notes, facts and gifts move, and the
    kept contact's cadence is brought in line with everything it now holds."""
    contacts.mergeable(session, actor, keep_id=keep_id, drop_id=drop_id)
    forget_cadence(session, actor, contact_id=drop_id)
    report = contacts.merge_contacts(session, actor, keep_id=keep_id, drop_id=drop_id)
    refresh_cadence(session, actor, contact_id=keep_id)
    return report
