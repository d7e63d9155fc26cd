"""The words of a daily digest from a user's agenda, and the e-mail that carries them (pure: no session)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from giftwise.core import clock
from giftwise.core.templating import render
from giftwise.followups import rules
from giftwise.followups.schemas import Agenda, AgendaTouch
from giftwise.models.accounts import User


@dataclass(frozen=True, slots=True)
class Digest:
    """One composed digest mail."""

    recipient: str
    subject: str
    body: str
    language: str


def compose(user: User, agenda: Agenda) -> Digest:
    """The digest mail for ``user`` from their agenda, in their language."""
    lang = "en" if (user.language or "zh").startswith("en") else "zh"

    def rows(items: list[AgendaTouch]) -> list[dict[str, object]]:
        return [{**t.model_dump(), "first_line": (t.script.strip().splitlines() or [""])[0]} for t in items]

    values = {
        "name": user.display_name or user.username, "day": agenda.as_of.isoformat(), "days": agenda.days,
        "overdue": rows(agenda.overdue), "today": rows(agenda.today), "upcoming": rows(agenda.upcoming),
        "dates": [d.model_dump() for d in agenda.dates], "channels": rules.channel_labels(lang),
    }
    return Digest(
        recipient=user.email or "",
        subject=render("followups", lang, "digest-subject", **values).replace("\n", " "),
        body=render("followups", lang, "digest", **values) + "\n",
        language=lang,
    )


def as_message(digest: Digest, *, sender: str, message_id: str | None = None) -> EmailMessage:
    """``digest`` as a UTF-8 e-mail message from ``sender`` (under ``message_id`` when one was reserved)."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = digest.recipient
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = message_id or new_message_id(sender)
    message.set_content(digest.body, charset="utf-8")
    return message


def new_message_id(sender: str) -> str:
    """A fresh, globally unique Message-ID in the sender's domain."""
    return make_msgid(domain=sender.rpartition("@")[2] or "giftwise.local")
