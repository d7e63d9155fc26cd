"""A note's step as the rep takes it: kept verbatim by contacts, read into facts by understanding at once.

Reading a note is a write (facts and the lexicon version that read them), so it happens when the
note is added, never when a page or a GET shows what giftwise understands: those read in memory
whatever a newer lexicon would read differently, and store nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from giftwise.contacts import service as contacts
from giftwise.contacts.schemas import NoteCreate
from giftwise.core.actor import Actor
from giftwise.followups.cadence_service import refresh_cadence
from giftwise.models.contacts import Note
from giftwise.understanding.service import read_notes


def add(session: Session, actor: Actor, *, contact_id: int, data: NoteCreate) -> Note:
    """Keep a note about a visible contact (``contacts.service.add_note``) and read it into facts."""
    return add_many(session, actor, contact_id=contact_id, notes=[data])[0]


def add_many(session: Session, actor: Actor, *, contact_id: int, notes: Sequence[NoteCreate]) -> list[Note]:
    """Keep several notes about one visible contact, read them into facts in one pass, move its cadence touches."""
    kept = [contacts.add_note(session, actor, contact_id=contact_id, data=data) for data in notes]
    read_notes(session, actor, contact_ids=[contact_id])
    refresh_cadence(session, actor, contact_id=contact_id)  # a dated note is an interaction: the cadence moves
    return kept
