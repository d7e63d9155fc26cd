"""The recipient's gift-choice link: tokens kept hashed, up to three cleared alternatives, one answer, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.gifts import choice, choice_service
from giftwise.gifts import service as gifts
from giftwise.gifts.choice import Answer, LinkState
from giftwise.gifts.choice_service import LinkUnusable
from giftwise.gifts.guard_gate import GuardRefused
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.gifts import Gift
from tests.factories import make_contact, make_item, pear


class TestTokens:
    @given(st.text(min_size=1, max_size=80))
    def test_the_hash_is_stable_and_never_the_token(self, token: str) -> None:
        assert choice.token_hash(token) == choice.token_hash(token) != token
        assert len(choice.token_hash(token)) == 64

    def test_fresh_tokens_differ(self) -> None:
        assert len({choice.new_token()[0] for _ in range(50)}) == 50

    @given(st.integers(min_value=-10_000, max_value=10_000), st.booleans())
    def test_state_used_beats_expired_and_expiry_is_exclusive(self, minutes: int, answered: bool) -> None:
        now = datetime(2026, 11, 20, 12, tzinfo=UTC)
        state = choice.state_of(answered_at=now if answered else None, expires_at=now + timedelta(minutes=minutes),
                                now=now)
        expected = LinkState.USED if answered else (LinkState.OPEN if minutes > 0 else LinkState.EXPIRED)
        assert state is expected


@pytest.fixture
def planned(session: Session, actor: Actor, frozen_clock: object) -> Gift:
    """A 300 CNY reel planned for 王建国, who gave up drinking; pears and wine also in the catalog."""
    make_item(session, "reel", "300", name_zh="纺车轮", name_en="Spinning reel", category="outdoor")
    make_item(session, **pear())
    make_item(session, "baijiu", "280", name_zh="茅台白酒", name_en="Moutai baijiu liquor", category="alcohol",
              tags=["alcohol", "liquor"])
    make_item(session, "tea-set", "900", name_zh="茶具", name_en="Tea set", category="tea")
    for sku in ("socks", "scarf"):
        make_item(session, sku, "50")
    wang = make_contact(session, actor, notes=[("2026-10-01", "他戒酒三年了，滴酒不沾。")])
    return gifts.plan_gift(session, actor, data=GiftCreate(contact_id=wang.id, sku="reel", occasion="care"))


class TestCreateLink:
    def test_only_the_hash_is_stored(self, session: Session, actor: Actor, planned: Gift) -> None:
        link, token = choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=["pear-orchard"])
        assert link.token_hash == choice.token_hash(token) and token not in link.token_hash
        assert choice_service.open_link(session, token=token).alternatives[0].sku == "pear-orchard"

    def test_at_most_three_alternatives(self, session: Session, actor: Actor, planned: Gift) -> None:
        with pytest.raises(Invalid):
            choice_service.create_link(session, actor, gift_id=planned.id,
                                       alternative_skus=["pear-orchard", "socks", "scarf", "pear-orchard", "x"])

    def test_an_alternative_over_the_budget_is_refused(self, session: Session, actor: Actor, planned: Gift) -> None:
        with pytest.raises(Invalid):
            choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=["tea-set"])

    def test_the_guard_refuses_liquor_for_a_man_who_gave_up_drinking(
        self, session: Session, actor: Actor, planned: Gift
    ) -> None:
        with pytest.raises(GuardRefused):
            choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=["baijiu"])


class TestAnswer:
    def test_one_answer_only(self, session: Session, actor: Actor, planned: Gift) -> None:
        _, token = choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=[])
        choice_service.record_answer(session, token=token, answer=Answer.ACCEPT)
        with pytest.raises(LinkUnusable) as used:
            choice_service.record_answer(session, token=token, answer=Answer.DECLINE)
        assert used.value.state is LinkState.USED and used.value.status == 404

    def test_expired_and_forged_links_say_which(self, session: Session, actor: Actor, planned: Gift) -> None:
        _, token = choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=[], days=1)
        with clock.frozen_at(clock.today() + timedelta(days=2)), pytest.raises(LinkUnusable) as late:
            choice_service.open_link(session, token=token)
        assert late.value.state is LinkState.EXPIRED and late.value.language == "zh"
        with pytest.raises(LinkUnusable) as forged:
            choice_service.open_link(session, token=token + "x")
        assert forged.value.state is LinkState.UNKNOWN and forged.value.language is None

    def test_a_swap_must_be_one_of_the_offered(self, session: Session, actor: Actor, planned: Gift) -> None:
        _, token = choice_service.create_link(session, actor, gift_id=planned.id, alternative_skus=["socks"])
        with pytest.raises(Invalid):
            choice_service.record_answer(session, token=token, answer=Answer.SWAP, sku="scarf")
        opened = choice_service.record_answer(session, token=token, answer=Answer.SWAP, sku="socks")
        assert opened.gift.cost == 50 and opened.link.answer == "swap"
