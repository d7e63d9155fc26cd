"""An employer's own gift rules, as reps note them, become limits in the policy currency."""

from __future__ import annotations

from decimal import Decimal

from giftwise.compliance.policy import load_policy
from giftwise.compliance.stated import stated_limits


def test_a_cap_in_dollars_is_converted_and_cash_equivalents_are_banned() -> None:
    limits = stated_limits(["Their compliance rule: no gifts over USD 50, nothing cash-equivalent."])
    assert limits.cap == (Decimal("50"), "USD") and limits.banned == {"cash_equivalent"}
    cap = limits.cap_in(load_policy())
    assert cap is not None and Decimal("300") < cap < Decimal("400")


def test_a_chinese_company_rule_and_the_lowest_of_two_caps() -> None:
    limits = stated_limits(["他们公司规定礼品不超过200元。", "后来又说收礼上限 150 元。"])
    assert limits.cap == (Decimal("150"), "CNY")


def test_notes_without_a_rule_state_nothing() -> None:
    assert stated_limits(["Loves golf; spent over 500 on clubs."]).cap is None


def test_a_cap_written_as_a_comparison_or_a_verb_is_read() -> None:
    assert stated_limits(["Procurement rule there: gifts < €40, declare everything."]).cap == (Decimal("40"), "EUR")
    assert stated_limits(["Head office caps gifts at GBP 30 per vendor."]).cap == (Decimal("30"), "GBP")


def test_a_duration_is_not_a_cap_and_vouchers_banned_with_cash_are_read() -> None:
    limits = stated_limits(["Keep gifts under 10 minutes of his time; no cash or vouchers, ever."])
    assert limits.cap is None and limits.banned == {"cash_equivalent"}


def test_words_between_the_verb_and_the_gifts_still_give_a_cap() -> None:
    assert stated_limits(["Their group code limits vendor gifts to USD 40."]).cap == (Decimal("40"), "USD")
    assert stated_limits(["Legal there caps all partner gifts at ¥250 a head"]).cap == (Decimal("250"), "CNY")


def test_a_price_qualifier_in_chinese_still_gives_a_cap() -> None:
    assert stated_limits(["集团规定，供应商赠送的礼品单价一律不得超过150元"]).cap == (Decimal("150"), "CNY")
    assert stated_limits(["vendor gifts 单价≤RMB180, declared"]).cap == (Decimal("180"), "CNY")


def test_nothing_over_counts_only_after_a_rule_word() -> None:
    assert stated_limits(["Head office policy — nothing over 400 yuan."]).cap == (Decimal("400"), "CNY")
    assert stated_limits(["Nothing over 400 yuan for this round, keep it light."]).cap is None


def test_a_rule_to_hand_in_or_declare_gifts_above_an_amount_caps_them_there() -> None:
    assert stated_limits(["ministry staff: whatever is above 150 yuan must be declared"]).cap == (Decimal("150"),
                                                                                                  "CNY")
    assert stated_limits(["集团纪律：超过80元的东西一律要上交"]).cap == (Decimal("80"), "CNY")
    assert stated_limits(["单位规定礼品不超300元"]).cap == (Decimal("300"), "CNY")
    assert stated_limits(["Anything over 300 yuan would be a nice upgrade next year."]).cap is None


def test_a_cap_written_with_a_greater_than_sign_or_a_ban_verb_is_read() -> None:
    assert stated_limits(["Their ethics office: no gifts >$60, logged by legal."]).cap == (Decimal("60"), "USD")
    assert stated_limits(["Group policy prohibits gifts valued at more than 40 euros"]).cap == (Decimal("40"), "EUR")
    assert stated_limits(["对方集团纪律：不得收受超过80美元的礼品"]).cap == (Decimal("80"), "USD")


def test_a_currency_written_next_to_the_amount_is_not_taken_for_yuan() -> None:
    assert stated_limits(["Regional code: gift limit 120 SGD per head"]).cap == (Decimal("120"), "SGD")
    assert stated_limits(["ministry rule, gifts max 2500 baht per occasion"]).cap == (Decimal("2500"), "THB")
    assert stated_limits(["他们规定不能收价值超过1000泰铢的礼物"]).cap == (Decimal("1000"), "THB")
    assert stated_limits(["单位规定礼品不超过260"]).cap == (Decimal("260"), "CNY")
