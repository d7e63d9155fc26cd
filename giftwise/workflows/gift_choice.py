"""What a recipient's answer on their gift-choice link sets off, across domains.

accept / swap: the gift is cleared to be ordered (approved, unless a manager still has to approve it) and a
thank-you touch is due today. decline: the gift is cancelled, the reason (if given) becomes a dislike on the
profile, and a thank-you-for-telling-us touch is due today. donate: the gift is cancelled and a touch is due
to send the donation receipt. Every touch script speaks to the recipient in their language.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.i18n import t
from giftwise.followups import service as followups
from giftwise.followups.schemas import TouchCreate
from giftwise.gifts import choice_service
from giftwise.gifts.choice import Answer
from giftwise.models.gifts import GiftStatus
from giftwise.understanding import service as understanding
from giftwise.workflows import gift_steps

# The touch each answer schedules: (purpose, days from today).
TOUCHES = {Answer.ACCEPT: ("choice-thanks", 0), Answer.SWAP: ("choice-thanks", 0),
           Answer.DECLINE: ("choice-thanks", 0), Answer.DONATE: ("donation-receipt", 3)}


def answer(
    session: Session, *, token: str, given: Answer, sku: str = "", reason: str = "", address: str = "",
) -> choice_service.OpenedLink:
    """Record the recipient's answer and carry out what it means for the gift, the agenda and the profile."""
    opened = choice_service.record_answer(session, token=token, answer=given, sku=sku, reason=reason,
                                          address=address)
    gift, contact, owner = opened.gift, opened.contact, opened.owner
    said = t(f"choice.event_{given.value}", owner.language, reason=reason.strip() or "-")
    if given in (Answer.ACCEPT, Answer.SWAP):
        if gift.status == GiftStatus.PLANNED and not gift.needs_approval:
            gift_steps.move(session, owner, gift_id=gift.id, to_status=GiftStatus.APPROVED, reason=said)
    else:
        gift_steps.move(session, owner, gift_id=gift.id, to_status=GiftStatus.CANCELLED, reason=said)
    if given is Answer.DECLINE and reason.strip():
        understanding.add_fact(session, owner, contact_id=contact.id, kind="dislike", concept=reason.strip(),
                               source_text=reason.strip(), origin="gift-choice")
    purpose, days = TOUCHES[given]
    script = t(f"choice.touch_{given.value}", contact.language, name=contact.name)
    followups.create_touch(session, owner, data=TouchCreate(
        contact_id=contact.id, gift_id=gift.id, purpose=purpose, channel="message",
        due_on=clock.today() + timedelta(days=days), script=script, source="gift-choice", source_id=opened.link.id))
    return opened
