"""The fail-safe guard where a gift is planned: a catalog item or a free description, on a real database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden
from giftwise.gifts.guard_gate import GuardRefused
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.models.accounts import AuditEntry
from giftwise.models.gifts import Gift
from tests.factories import make_contact, make_item, pear
from tests.gifts.factories import make_fact


def _plan(session: Session, actor: Actor, **values: object) -> Gift:
    return plan_gift(session, actor, data=GiftCreate.model_validate(values))


class TestPlanGuard:
    def test_free_text_liquor_is_refused_for_a_non_drinker(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        make_fact(session, contact, kind="restriction", concept="no_alcohol", on=frozen_clock)
        with pytest.raises(GuardRefused) as refused:
            _plan(session, actor, contact_id=contact.id, description="a case of Moutai", item_kind="drink", cost="1500")
        assert "override-reason" in str(refused.value.detail)

    def test_catalog_whisky_is_refused_and_an_override_is_audited(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        make_fact(session, contact, kind="restriction", concept="no_alcohol", on=frozen_clock)
        whisky = make_item(session, **pear(sku="whisky", price="180", name_en="Single malt whisky",
                                           name_zh="单一麦芽威士忌", category="drinks", tags=[], story_prompt=None))
        with pytest.raises(GuardRefused):
            _plan(session, actor, contact_id=contact.id, sku=whisky.sku)
        gift = _plan(session, actor, contact_id=contact.id, sku=whisky.sku,
                     override_reason="He asked for it for his father's collection")
        assert gift.status == "planned"
        assert any("father's collection" in note for note in gift.compliance_notes)
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "gift.guard_override")).one()
        assert audit.after is not None and audit.after["override_reason"].startswith("He asked")

    def test_compliance_is_never_overridden(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Forbidden):
            _plan(session, actor, contact_id=contact.id, description="阳澄湖大闸蟹提货券", item_kind="voucher",
                  cost="388",
                  override_reason="it is the season")

    def test_a_mystery_food_is_planned_with_check_the_ingredients(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        make_fact(session, contact, kind="restriction", concept="no_nuts", on=frozen_clock)
        gift = _plan(session, actor, contact_id=contact.id, description="festive snack hamper", item_kind="food",
                     cost="200")
        assert any("check the ingredients" in note or "核对配料" in note for note in gift.compliance_notes)

    def test_a_clock_for_a_chinese_birthday_is_ruled_out_unless_a_reason_is_given(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        make_fact(session, contact, kind="event", concept="birthday", on=frozen_clock)
        with pytest.raises(GuardRefused):
            _plan(session, actor, contact_id=contact.id, description="实木座钟", item_kind="goods", cost="380",
                  occasion="birthday")
        gift = _plan(session, actor, contact_id=contact.id, description="实木座钟", item_kind="goods", cost="380",
                     occasion="birthday",
                     override_reason="他收藏古董钟，亲口要的")
        assert gift.status == "planned"
