"""Planning gifts and moving them through their life, on a real database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.gifts.schemas import GiftCreate, GiftUpdate
from giftwise.gifts.service import (
    GiftRefused,
    get_gift,
    list_gifts,
    redraft,
    update_gift,
)
from giftwise.models.accounts import AuditEntry
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift, GiftEvent
from giftwise.models.understanding import Fact
from giftwise.workflows.gift_steps import move, plan
from tests.factories import make_contact, make_item, pear
from tests.gifts.factories import make_fact, make_user


def _plan(session: Session, actor: Actor, **values: object) -> Gift:
    return plan(session, actor, data=GiftCreate.model_validate(values))


def _walk(session: Session, actor: Actor, gift: Gift, *statuses: str) -> Gift:
    for status in statuses:
        gift = move(session, actor, gift_id=gift.id, to_status=status)
    return gift


def _small_gift(session: Session, actor: Actor, *statuses: str) -> Gift:
    """A 5-unit gift planned for a new contact, moved through ``statuses``."""
    gift = _plan(session, actor, contact_id=make_contact(session, actor).id, description="x", item_kind="goods",
                 cost="5")
    return _walk(session, actor, gift, *statuses)


class TestPlanGift:
    def test_catalog_item_gives_cost_currency_and_story(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        item = make_item(session, **pear())
        gift = _plan(session, actor, contact_id=contact.id, sku=item.sku, reason="您说最近胃口不好")
        assert (gift.cost, gift.currency, gift.status, gift.planned_on) == (
            Decimal("168.00"),
            "CNY",
            "planned",
            frozen_clock,
        )
        assert "这梨是我姥爷种的" in gift.story and "您说最近胃口不好" in gift.story
        assert "放两三天再吃更甜" in gift.story

    def test_occasion_decides_kind_and_free_will(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        item = make_item(session, **pear())
        festival = _plan(session, actor, contact_id=contact.id, item_id=item.id, occasion="festival")
        get_well = _plan(session, actor, contact_id=contact.id, item_id=item.id, occasion="get-well")
        asked = _plan(session, actor, contact_id=contact.id, item_id=item.id, occasion="requested")
        assert (festival.kind, festival.free_will) == ("token", False)
        assert (get_well.kind, get_well.free_will) == ("care", True)
        assert (asked.kind, asked.free_will) == ("obligation", False)

    def test_item_answering_a_known_need_is_a_care_gift(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        make_fact(session, contact, kind="need", concept="fruit", on=frozen_clock)
        gift = _plan(session, actor, contact_id=contact.id, sku=make_item(session, **pear()).sku, occasion="thank-you")
        assert gift.kind == "care"

    def test_free_will_can_be_overridden_and_is_marked(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = _plan(
            session,
            actor,
            contact_id=contact.id,
            description="家乡的茶", item_kind="drink",
            cost="80",
            occasion="festival",
            free_will=True,
        )
        assert gift.free_will and gift.free_will_overridden

    def test_english_contact_gets_english_words(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor, name="Anna Berg", language="en")
        gift = _plan(
            session,
            actor,
            contact_id=contact.id,
            sku=make_item(session, **pear()).sku,
            occasion="get-well",
            reason="she has been ill since the trade fair",
        )
        assert gift.story.startswith("Hi Anna Berg")
        assert "Pears from grandpa's orchard" in gift.story
        assert "get better soon" in gift.card_text

    def test_free_description_needs_a_cost(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="Give the cost"):
            _plan(session, actor, contact_id=contact.id, description="a hand-written book", item_kind="goods")
        assert session.scalar(select(Gift.id)) is None

    def test_unknown_sku_is_not_found(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(NotFound, match="No catalog item with sku 'nope'"):
            _plan(session, actor, contact_id=contact.id, sku="nope")

    def test_inactive_item_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        item = make_item(session, **pear(active=False))
        with pytest.raises(Invalid, match="no longer active"):
            _plan(session, actor, contact_id=contact.id, item_id=item.id)

    def test_unknown_occasion_lists_the_known_ones(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="'housewarming' is not a known occasion; use one of: thank-you"):
            _plan(session, actor, contact_id=contact.id, description="x", item_kind="goods", cost="1",
                  occasion="housewarming")

    def test_archived_contact_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor, archived=True)
        with pytest.raises(Invalid, match="archived"):
            _plan(session, actor, contact_id=contact.id, description="x", item_kind="goods", cost="1")

    def test_a_rep_cannot_plan_for_another_reps_contact(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        _, rep = make_user(session, username="li")
        with pytest.raises(NotFound):
            _plan(session, rep, contact_id=contact.id, description="x", item_kind="goods", cost="1")

    def test_planning_is_audited_with_a_first_event(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = _plan(session, actor, contact_id=make_contact(session, actor).id, description="x",
                     item_kind="goods", cost="10")
        audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "gift")).one()
        assert (audit.action, audit.entity_id, audit.after["status"]) == ("gift.plan", gift.id, "planned")
        event = session.scalars(select(GiftEvent).where(GiftEvent.gift_id == gift.id)).one()
        assert (event.from_status, event.to_status) == (None, "planned")


class TestPlanGiftCompliance:
    def test_a_public_official_gift_above_the_threshold_needs_approval(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor, public_official=True)
        gift = _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="150")
        assert gift.needs_approval and gift.compliance_notes
        assert "approval" in " ".join(gift.compliance_notes).lower() or "审批" in " ".join(gift.compliance_notes)

    def test_a_gift_over_the_cap_is_refused_with_the_reason_and_not_stored(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor, public_official=True)
        with pytest.raises(GiftRefused, match=r"This gift is not allowed: .*200") as refused:
            _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="400")
        assert refused.value.status == 403
        assert session.scalar(select(Gift.id)) is None

    def test_the_refusal_speaks_the_users_language(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        from dataclasses import replace

        contact = make_contact(session, actor, public_official=True)
        with pytest.raises(GiftRefused, match=r"^这份礼物不被允许："):
            _plan(session, replace(actor, language="zh"), contact_id=contact.id, description="茶",
                  item_kind="drink", cost="400")

    def test_an_open_tender_forbids_any_gift(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        from giftwise.models.contacts import Organization

        org = Organization(name="华东电网", tender_open=True)
        session.add(org)
        session.flush()
        contact = make_contact(session, actor, organization_id=org.id)
        with pytest.raises(GiftRefused, match="华东电网"):
            _plan(session, actor, contact_id=contact.id, description="月饼", item_kind="food", cost="50")

    def test_a_gift_needing_approval_cannot_be_ordered_before_it(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = _plan(session, actor, contact_id=contact.id, description="按摩仪", item_kind="goods", cost="1500")
        assert gift.needs_approval
        with pytest.raises(Conflict, match="needs a manager's approval before it is ordered"):
            move(session, actor, gift_id=gift.id, to_status="ordered")


class TestPlanGiftInCampaign:
    def test_a_target_of_the_campaign_can_get_a_campaign_gift(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from tests.ledger.factories import make_campaign

        contact = make_contact(session, actor)
        campaign = make_campaign(session, actor, starts_on=frozen_clock, targets=[contact])
        gift = _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="50",
                     campaign_id=campaign.id)
        assert gift.campaign_id == campaign.id

    def test_a_contact_outside_the_campaign_is_refused(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from tests.ledger.factories import make_campaign

        contact = make_contact(session, actor)
        campaign = make_campaign(session, actor, starts_on=frozen_clock, targets=[])
        with pytest.raises(Invalid, match=f"is not a target of campaign {campaign.id}"):
            _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="50",
                  campaign_id=campaign.id)
        with pytest.raises(NotFound, match="No campaign with id 999"):
            _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="50",
                  campaign_id=999)


class TestTransition:
    def test_each_step_is_dated_evented_and_audited(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = _plan(
            session,
            actor,
            contact_id=make_contact(session, actor).id,
            sku=make_item(session, **pear()).sku,
            planned_on=frozen_clock - timedelta(days=5),
        )
        move(session, actor, gift_id=gift.id, to_status="approved", on=frozen_clock - timedelta(days=3))
        move(session, actor, gift_id=gift.id, to_status="ordered", on=frozen_clock - timedelta(days=2))
        move(session, actor, gift_id=gift.id, to_status="shipped", on=frozen_clock - timedelta(days=1))
        gift = move(session, actor, gift_id=gift.id, to_status="delivered")
        assert (gift.approved_on, gift.shipped_on, gift.delivered_on) == (
            date(2026, 11, 17),
            date(2026, 11, 19),
            frozen_clock,
        )
        events = session.scalars(select(GiftEvent.to_status).where(GiftEvent.gift_id == gift.id).order_by(GiftEvent.id))
        assert list(events) == ["planned", "approved", "ordered", "shipped", "delivered"]
        audits = session.scalars(select(AuditEntry).where(AuditEntry.action == "gift.transition")).all()
        assert [(a.before["status"], a.after["status"]) for a in audits][-1] == ("shipped", "delivered")

    def test_delivered_before_shipped_is_refused_and_nothing_changes(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _small_gift(session, actor, "ordered")
        with pytest.raises(Conflict, match="must be shipped before it is delivered; this one is 'ordered'"):
            move(session, actor, gift_id=gift.id, to_status="delivered")
        assert gift.status == "ordered" and gift.delivered_on is None

    def test_a_date_before_the_previous_step_is_refused(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _small_gift(session, actor, "ordered", "shipped")
        with pytest.raises(Invalid, match="before this gift's previous step"):
            move(session, actor, gift_id=gift.id, to_status="delivered", on=frozen_clock - timedelta(days=1))

    def test_unknown_gift_is_not_found(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        with pytest.raises(NotFound, match="No gift with id 999"):
            move(session, actor, gift_id=999, to_status="approved")

    def test_a_rep_cannot_approve_a_gift_needing_approval(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        _, rep = make_user(session, username="li", role=Role.REP)
        contact = make_contact(session, rep)
        gift = _plan(session, rep, contact_id=contact.id, description="x", item_kind="goods", cost="5")
        gift.needs_approval = True
        with pytest.raises(Forbidden, match="needs a manager's approval"):
            move(session, rep, gift_id=gift.id, to_status="approved")
        assert move(session, actor, gift_id=gift.id, to_status="approved").status == "approved"

    def test_misread_need_teaches_a_dislike_the_recommender_uses(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.recommend.service import recommend_for_contact

        contact = make_contact(session, actor)
        make_item(
            session,
            **pear(
                sku="apple-box",
                price="120",
                name_zh="烟台苹果礼盒",
                name_en="Yantai apples",
                tags=["fruit"],
                story_prompt=None,
            ),
        )

        def apple_raw() -> float:
            ranked = recommend_for_contact(session, actor, contact_id=contact.id, top=50).recommendations
            return next(r.raw for r in ranked if r.item_id == "apple-box")

        gift = _walk(
            session,
            actor,
            _plan(session, actor, contact_id=contact.id, sku=make_item(session, **pear()).sku),
            "ordered",
            "shipped",
            "delivered",
        )
        before = apple_raw()
        move(session, actor, gift_id=gift.id, to_status="returned", reason="misread_need: 他不吃水果")
        facts = session.scalars(select(Fact).where(Fact.contact_id == contact.id)).all()
        assert {(f.kind, f.concept, f.origin) for f in facts} == {("dislike", "fruit", "outcome")}
        assert "他不吃水果" in facts[0].source_text
        assert gift.status_reason == "misread_need" and gift.closed_on == frozen_clock
        assert apple_raw() < before  # the next recommendation learned

    def test_compliance_refusal_makes_the_next_gift_refused(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        gift = _walk(
            session,
            actor,
            _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="300"),
            "ordered",
            "shipped",
        )
        move(session, actor, gift_id=gift.id, to_status="refused", reason="compliance: 公司不允许收礼")
        fact = session.scalars(select(Fact).where(Fact.contact_id == contact.id)).one()
        assert (fact.kind, fact.concept) == ("status", "refuses_gifts")
        with pytest.raises(GiftRefused, match="This gift is not allowed"):
            _plan(session, actor, contact_id=contact.id, description="茶", item_kind="drink", cost="300")

    def test_returned_without_reason_asks_for_one_and_keeps_state(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _small_gift(session, actor, "ordered", "shipped", "delivered")
        with pytest.raises(Invalid, match="Say why the gift was returned"):
            move(session, actor, gift_id=gift.id, to_status="returned")
        assert gift.status == "delivered"
        assert session.scalar(select(Fact.id)) is None

    def test_return_skips_the_open_follow_ups(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = _walk(
            session,
            actor,
            _plan(session, actor, contact_id=make_contact(session, actor).id, sku=make_item(session, **pear()).sku),
            "ordered",
            "shipped",
            "delivered",
        )
        move(session, actor, gift_id=gift.id, to_status="returned", reason="timing")
        touches = [t for t in session.scalars(select(Touch).where(Touch.gift_id == gift.id)) if t.purpose != "recovery"]
        assert {t.status for t in touches} == {"skipped"}
        assert {t.purpose: t.result for t in touches if t.purpose != "pre-send"} == {
            "delivery-check": "gift returned",
            "reciprocity": "gift returned",
        }


class TestReadAndEdit:
    def test_list_filters_by_status_and_hides_others_books(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        first = _plan(session, actor, contact_id=contact.id, description="a", item_kind="goods", cost="1")
        _walk(session, actor, _plan(session, actor, contact_id=contact.id, description="b", item_kind="goods",
                                    cost="2"), "ordered")
        assert [g.id for g in list_gifts(session, actor, status="planned").items] == [first.id]
        _, rep = make_user(session, username="li")
        assert list_gifts(session, rep).total == 0
        with pytest.raises(NotFound):
            get_gift(session, rep, gift_id=first.id)

    def test_list_rejects_unknown_status(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        with pytest.raises(Invalid, match="'sent' is not a gift status"):
            list_gifts(session, actor, status="sent")

    def test_user_words_replace_drafts_and_are_audited(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _small_gift(session, actor)
        update_gift(session, actor, gift_id=gift.id, data=GiftUpdate(card_text="老王，谢谢！"))
        assert gift.card_text == "老王，谢谢！"
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "gift.update")).one()

    def test_empty_update_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = _small_gift(session, actor)
        with pytest.raises(Invalid, match="Nothing to change"):
            update_gift(session, actor, gift_id=gift.id, data=GiftUpdate())

    def test_redraft_for_another_situation_and_language(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        gift = _plan(session, actor, contact_id=make_contact(session, actor).id, sku=make_item(session, **pear()).sku)
        words = redraft(session, actor, gift_id=gift.id, situation="empathy", language="en", save=True)
        assert words.situation == "empathy" and "someone is thinking of you" in words.card_text
        assert gift.card_text == words.card_text

    def test_redraft_rejects_unknown_situation(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = _small_gift(session, actor)
        with pytest.raises(Invalid, match="'party' is not a card situation"):
            redraft(session, actor, gift_id=gift.id, situation="party")
