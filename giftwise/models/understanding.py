"""Facts: what giftwise understood about a contact, each linked to the words it came from."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from giftwise.models.base import Base, IdMixin, TimestampMixin


class Fact(IdMixin, TimestampMixin, Base):
    """One understood fact (interest, dislike, restriction, life event, need, saturation...).

    ``origin`` says who stands behind it: ``extracted`` from a note, ``confirmed`` or
    ``corrected`` by a user (a correction always wins over extraction), ``manual``, or
    ``outcome`` (learned from a returned or refused gift).
    """

    __tablename__ = "facts"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    concept: Mapped[str] = mapped_column(String(80))
    source_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    source_text: Mapped[str] = mapped_column(Text, default="")
    observed_on: Mapped[date]
    confidence: Mapped[float] = mapped_column(default=1.0)
    fades_after: Mapped[date | None]
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | rejected
