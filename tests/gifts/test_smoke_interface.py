"""The interface other domains call: plan a gift, move it, and see its touches on the agenda."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict
from giftwise.followups.service import agenda
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift, transition
from tests.gifts.factories import make_contact, make_item


class TestInterface:
    def test_gift_goes_from_plan_to_delivery_and_lands_on_agenda(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        item = make_item(session)
        data = GiftCreate(contact_id=contact.id, sku=item.sku, reason="他说最近胃口不好")
        gift = plan_gift(session, actor, data=data)
        assert gift.status == "planned" and gift.cost == item.price
        assert "这梨是我姥爷种的" in gift.story
        with pytest.raises(Conflict, match="must be shipped before it is delivered; this one is 'planned'"):
            transition(session, actor, gift_id=gift.id, to_status="delivered")
        for status in ("approved", "ordered", "shipped", "delivered"):
            transition(session, actor, gift_id=gift.id, to_status=status)
        with clock.frozen_at(frozen_clock + timedelta(days=2)):
            today = agenda(session, actor, days=3)
        purposes = {t.purpose for t in today.today + today.overdue}
        assert {"delivery-check", "reciprocity", "pre-send"} <= purposes
