"""What a new touch is: open, on the agenda of its contact's owner. Pure: the services add it to a session."""

from __future__ import annotations

from datetime import date

from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch, TouchStatus


def new_touch(
    *, contact: Contact, gift_id: int | None, purpose: str, channel: str, due_on: date, script: str,
    source: str | None, source_id: int | None,
) -> Touch:
    """An open touch for ``contact``, owned by the contact's owner, not yet in any session."""
    return Touch(contact_id=contact.id, gift_id=gift_id, purpose=purpose, channel=channel, due_on=due_on,
                 status=TouchStatus.OPEN, script=script, owner_id=contact.owner_id, source=source, source_id=source_id)
