"""The reply: calm in both languages for every resolution, and the check that finds arguing words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giftwise.core import client_text
from giftwise.disputes.advice import RESOLUTIONS
from giftwise.disputes.drafting import ReplyFacts, argue_words, render_reply


def facts(resolution: str, language: str, **changes: object) -> ReplyFacts:
    values: dict[str, object] = {
        "name": "Anna Keller", "order_ref": "order PO-118" if language == "en" else "订单 PO-118",
        "packed_units": 22, "ordered_units": 20, "promised_units": 2, "weight_kg": Decimal("6.600"), "photo": True,
        "resolution": resolution, "quantity": 2, "item": "cosmetic bag" if language == "en" else "化妆包",
        "route": "international express" if language == "en" else "国际快递", "eta": "21 November",
        "credit": Decimal("190"), "currency": "CNY",
        "surprise": ("3 samples of velvet cosmetic bag" if language == "en" else "3 件丝绒化妆包样品")
        if resolution == "resend_surprise" else "",
        "carrier": "DHL", "sender": "Mei",
    }
    values.update(changes)
    return ReplyFacts(**values)  # type: ignore[arg-type]


class TestRenderReply:
    @settings(max_examples=30, deadline=None)
    @given(resolution=st.sampled_from(RESOLUTIONS), language=st.sampled_from(["zh", "en"]),
           photo=st.booleans(), weighed=st.booleans())
    def test_every_reply_is_calm_and_states_the_count(
        self, resolution: str, language: str, photo: bool, weighed: bool
    ) -> None:
        text = render_reply(facts(resolution, language, photo=photo,
                                  weight_kg=Decimal("6.6") if weighed else None), language)
        assert argue_words(text, language) == []
        assert "22" in text
        assert ("6.6" in text) is weighed

    @pytest.mark.parametrize("resolution", RESOLUTIONS)
    @pytest.mark.parametrize("language", ["zh", "en"])
    def test_a_reply_never_ends_with_a_sales_line(self, resolution: str, language: str) -> None:
        text = render_reply(facts(resolution, language), language)
        assert client_text.sales_lines(text, language) == []
        assert "×" not in text

    def test_surprise_is_a_preview_with_an_invitation_to_say_which_they_like(self) -> None:
        text = render_reply(facts("resend_surprise", "en"), "en")
        assert "first look at our new line" in text and "which one you like best" in text

    def test_credit_reply_commits_to_the_amount(self) -> None:
        text = render_reply(facts("partial_credit", "zh"), "zh")
        assert "抵扣 190 CNY" in text

    def test_hold_firm_reply_promises_no_resend(self) -> None:
        text = render_reply(facts("hold_firm", "en"), "en")
        assert "send you" not in text and "DHL" in text


class TestArgueWords:
    @pytest.mark.parametrize(("text", "found"), [
        ("It is your fault, we can prove it.", ["fault", "prove"]),
        ("We believe the parcel left complete.", []),
        ("That is impossible.", ["impossible"]),
    ])
    def test_english_whole_words(self, text: str, found: list[str]) -> None:
        assert argue_words(text, "en") == found

    def test_chinese_phrases(self) -> None:
        assert argue_words("这不可能，照片可以证明是你们的问题", "zh") == ["不可能", "证明", "你们的问题"]
