"""Which notes the understanding domain has read, and with which lexicon version.

A note that says nothing the lexicon knows leaves no fact behind; this row still records that
it was read, so it is not read again until the lexicon changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.core import clock
from giftwise.models.base import Base


class NoteReading(Base):
    """The lexicon version a note was last read with."""

    __tablename__ = "note_readings"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    lexicon_version: Mapped[str] = mapped_column(String(40))
    read_at: Mapped[datetime] = mapped_column(default=clock.now)
