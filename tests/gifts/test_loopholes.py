"""Compliance loopholes: a cost below the catalog price, and vouchers, coupons or metal passed off as gifts."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import GiftwiseError, Invalid
from giftwise.core.settings import reset_settings
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import plan_gift
from giftwise.models.gifts import Gift
from tests.factories import make_contact, make_item, pear

VOUCHERS = [
    "星巴克咖啡券", "Starbucks coffee coupon", "茅台酒票", "大闸蟹提货券", "京东礼品卡", "a gift card",
    "月饼兑换券", "a 20 g gold bar", "投资金条", "supermarket shopping voucher",
]


def _gifts(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Gift)) or 0


class TestCostBelowCatalogPrice:
    def test_a_catalog_item_cannot_be_planned_below_its_price(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        official = make_contact(session, actor, public_official=True)
        tea = make_item(session, sku="tea-box", price="400")
        with pytest.raises(Invalid, match="400") as caught:
            plan_gift(session, actor, data=GiftCreate(contact_id=official.id, sku=tea.sku, cost=Decimal("99")))
        assert caught.value.field == "cost" and _gifts(session) == 0

    def test_the_catalog_price_or_more_is_accepted(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        pears = make_item(session, **pear())
        gift = plan_gift(session, actor, data=GiftCreate(contact_id=contact.id, sku=pears.sku, cost=Decimal("180")))
        assert gift.cost == Decimal("180")


class TestCashEquivalents:
    @pytest.mark.parametrize("described", VOUCHERS)
    def test_a_voucher_or_metal_is_refused_as_cash(
        self, session: Session, actor: Actor, frozen_clock: date, described: str
    ) -> None:
        official = make_contact(session, actor, public_official=True)
        with pytest.raises(GiftwiseError):
            plan_gift(session, actor, data=GiftCreate(contact_id=official.id, description=described,
                                                      item_kind="goods", cost=Decimal("50"), kind="token"))
        assert _gifts(session) == 0

    @pytest.mark.parametrize("item_kind", ["voucher", "cash"])
    def test_a_gift_said_to_be_a_voucher_is_cash_whatever_its_words(
        self, session: Session, actor: Actor, frozen_clock: date, item_kind: str
    ) -> None:
        client = make_contact(session, actor)
        with pytest.raises(GiftwiseError, match="cash"):
            plan_gift(session, actor, data=GiftCreate(contact_id=client.id, description="Starbucks 50",
                                                      item_kind=item_kind, cost=Decimal("50")))
        assert _gifts(session) == 0

    def test_the_same_words_as_goods_are_planned_with_their_kind(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        client = make_contact(session, actor)
        gift = plan_gift(session, actor, data=GiftCreate(contact_id=client.id, description="Starbucks 50",
                                                         item_kind="food", cost=Decimal("50")))
        assert gift.item_kind == "food"


class TestFreeTextNeedsAKind:
    def test_a_described_gift_without_a_kind_is_refused_in_words(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        client = make_contact(session, actor)
        with pytest.raises(Invalid, match="voucher") as caught:
            plan_gift(session, actor, data=GiftCreate(contact_id=client.id, description="家乡茶叶", cost=Decimal("88")))
        assert caught.value.field == "item_kind" and _gifts(session) == 0

    def test_the_refusal_reads_in_chinese_for_a_chinese_rep(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        client = make_contact(session, actor)
        zh = replace(actor, language="zh")
        with pytest.raises(Invalid) as caught:
            plan_gift(session, zh, data=GiftCreate(contact_id=client.id, description="家乡茶叶", cost=Decimal("88")))
        assert "券卡" in caught.value.sentence("zh")

    def test_the_refusal_is_worded_whole_in_the_readers_language(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        zh_rep = replace(actor, language="zh")
        with pytest.raises(Invalid) as caught:
            plan_gift(session, zh_rep, data=GiftCreate(contact_id=make_contact(session, actor).id,
                                                       description="a box of chocolates", cost=Decimal("88")))
        english = caught.value.sentence("en")
        assert "voucher" in english and not re.search(r"[\u4e00-\u9fff]", english)
        assert "食品" in caught.value.sentence("zh")

    def test_a_catalog_item_needs_no_kind(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        gift = plan_gift(session, actor, data=GiftCreate(contact_id=make_contact(session, actor).id,
                                                         sku=make_item(session, **pear()).sku))
        assert gift.item_kind is None

    @pytest.mark.parametrize("sku", ["coffee-coupon", "wine-ticket"])
    def test_a_catalog_voucher_is_refused_for_anyone(
        self, session: Session, actor: Actor, frozen_clock: date, sku: str
    ) -> None:
        names = {"coffee-coupon": ("星巴克咖啡兑换券", "Starbucks coffee coupon"),
                 "wine-ticket": ("茅台酒票", "Moutai pick-up ticket")}
        item = make_item(session, sku=sku, price="60", name_zh=names[sku][0], name_en=names[sku][1],
                         category="voucher", tags=[])
        client = make_contact(session, actor)
        with pytest.raises(GiftwiseError):
            plan_gift(session, actor, data=GiftCreate(contact_id=client.id, sku=item.sku))

    def test_a_policy_that_allows_vouchers_is_followed(
        self, session: Session, actor: Actor, frozen_clock: date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from giftwise.compliance.policy import load_policy

        shipped = json.loads((Path(__file__).parents[2] / "giftwise/data/compliance/policy.json").read_text("utf-8"))
        shipped["banned"] = ["cash"]
        policy = tmp_path / "policy.json"
        policy.write_text(json.dumps(shipped), encoding="utf-8")
        monkeypatch.setenv("GIFTWISE_POLICY_FILE", str(policy))
        reset_settings()
        if hasattr(load_policy, "cache_clear"):
            load_policy.cache_clear()
        client = make_contact(session, actor)
        gift = plan_gift(session, actor, data=GiftCreate(contact_id=client.id, description="星巴克咖啡券",
                                                         item_kind="voucher", cost=Decimal("50"), kind="token"))
        assert gift.id is not None
