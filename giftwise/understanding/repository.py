"""Queries over notes, facts and note readings (select() style, nothing else)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from giftwise.models.contacts import Note
from giftwise.models.readings import NoteReading
from giftwise.models.understanding import Fact


def notes_of(session: Session, contact_id: int) -> list[Note]:
    """A contact's notes and events, oldest first."""
    return list(session.scalars(select(Note).where(Note.contact_id == contact_id).order_by(Note.on, Note.id)))


def unread_notes(session: Session, contact_ids: Sequence[int], version: str) -> list[Note]:
    """Notes of ``contact_ids`` not yet read with lexicon ``version``."""
    # NOT EXISTS looks each note up by its key; NOT IN would gather every reading of the book on each call.
    read = exists().where(NoteReading.note_id == Note.id, NoteReading.lexicon_version == version)
    query = select(Note).where(Note.contact_id.in_(contact_ids), ~read).order_by(Note.id)
    return list(session.scalars(query))


def note_kinds(session: Session, note_ids: Collection[int]) -> dict[int, str]:
    """The kind of each of ``note_ids`` that exists (call, meeting, event...), in one query."""
    if not note_ids:
        return {}
    return dict(session.execute(select(Note.id, Note.kind).where(Note.id.in_(list(note_ids)))).tuples().all())


def reading_of(session: Session, note_id: int) -> NoteReading | None:
    """The reading record of a note, if it was read."""
    return session.get(NoteReading, note_id)


def facts_of(session: Session, contact_ids: Sequence[int], *, statuses: Sequence[str] = ("active",)) -> list[Fact]:
    """Facts of ``contact_ids`` with one of ``statuses``, oldest observation first."""
    query = (select(Fact).where(Fact.contact_id.in_(contact_ids), Fact.status.in_(statuses))
             .order_by(Fact.observed_on, Fact.id))
    return list(session.scalars(query))


def facts_of_note(session: Session, note_id: int) -> list[Fact]:
    """Every fact (any status, any origin) read from one note."""
    return list(session.scalars(select(Fact).where(Fact.source_note_id == note_id)))


def drop_extracted(session: Session, note_id: int) -> None:
    """Delete the still-untouched extracted facts of a note before it is read again."""
    session.execute(delete(Fact).where(Fact.source_note_id == note_id, Fact.origin == "extracted",
                                       Fact.status == "active"))


def fact_of_contact(session: Session, contact_id: int, fact_id: int) -> Fact | None:
    """The fact ``fact_id`` if it belongs to ``contact_id``."""
    fact = session.get(Fact, fact_id)
    return fact if fact is not None and fact.contact_id == contact_id else None


def note_texts(session: Session, contact_ids: Sequence[int]) -> dict[int, list[str]]:
    """The note texts of each contact (for reading how notes speak of the person)."""
    out: dict[int, list[str]] = {}
    rows = session.execute(select(Note.contact_id, Note.text).where(Note.contact_id.in_(list(contact_ids))))
    for contact_id, text in rows:
        out.setdefault(contact_id, []).append(text)
    return out
