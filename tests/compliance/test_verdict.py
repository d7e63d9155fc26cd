"""The pure policy check: cash and cash equivalents never, caps by recipient group, a rolling yearly
cap, manager approval above a threshold, no gifts during an open tender, currency conversion."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from giftwise.compliance.policy import load_policy, policy_from_data
from giftwise.compliance.verdict import ProposedGift, Recipient, judge
from giftwise.core.errors import ConfigurationError

# These sentences are worded outside a request, in the installation's language: English here.
pytestmark = pytest.mark.usefixtures("english")

POLICY = load_policy()


def gift(
    value: str | None, currency: str = "CNY", kinds: frozenset[str] = frozenset(), card: bool = False
) -> ProposedGift:
    return ProposedGift(None if value is None else Decimal(value), currency, kinds, card)


class TestJudge:
    def test_an_ordinary_gift_is_allowed(self) -> None:
        verdict = judge(POLICY, Recipient(), gift("300"))
        assert verdict.allowed and not verdict.needs_approval and verdict.reasons == []

    @pytest.mark.parametrize("kind", ["cash", "cash_equivalent"])
    def test_cash_and_cash_equivalents_are_forbidden_for_anyone(self, kind: str) -> None:
        verdict = judge(POLICY, Recipient(), gift("100", kinds=frozenset({kind})))
        assert not verdict.allowed and kind in verdict.codes

    def test_a_public_official_has_a_lower_cap(self) -> None:
        official = Recipient(public_official=True)
        assert judge(POLICY, official, gift("180")).allowed
        verdict = judge(POLICY, official, gift("250"))
        assert not verdict.allowed
        assert "200 CNY per-gift cap for public officials" in verdict.reasons[0]

    def test_soe_staff_need_approval_above_the_threshold(self) -> None:
        verdict = judge(POLICY, Recipient(state_owned=True), gift("150"), "zh")
        assert verdict.allowed and verdict.needs_approval
        assert "审批" in verdict.reasons[0]

    def test_the_rolling_yearly_cap_counts_what_we_already_gave(self) -> None:
        yearly = POLICY.groups["everyone"].rolling_12m_cap
        assert yearly is not None
        verdict = judge(POLICY, Recipient(given_last_12_months=yearly - 200), gift("300"))
        assert not verdict.allowed and verdict.codes == ["rolling_cap"]

    def test_an_open_tender_forbids_every_gift(self) -> None:
        verdict = judge(POLICY, Recipient(tender_open=True, organization="ACME"), gift("10", card=True))
        assert not verdict.allowed and "ACME" in verdict.reasons[0]

    def test_someone_who_refuses_gifts_may_still_get_a_card(self) -> None:
        refuses = Recipient(refuses_gifts=True)
        assert judge(POLICY, refuses, gift("10", card=True)).allowed
        assert not judge(POLICY, refuses, gift("80")).allowed

    def test_a_foreign_price_is_converted_before_the_caps(self) -> None:
        verdict = judge(POLICY, Recipient(public_official=True), gift("40", "USD"))
        assert not verdict.allowed and verdict.value == Decimal("284.00")

    def test_an_unconvertible_currency_is_refused_with_a_reason(self) -> None:
        verdict = judge(POLICY, Recipient(), gift("100", "XYZ"))
        assert not verdict.allowed and "XYZ" in verdict.reasons[0]


class TestPolicyFile:
    def test_a_policy_file_replaces_the_defaults(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        from giftwise.core.settings import reset_settings

        data = json.loads(json.dumps({"currency": "CNY", "banned": [], "groups": {"everyone": {"per_gift_cap": 50}}}))
        path = tmp_path / "policy.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        monkeypatch.setenv("GIFTWISE_POLICY_FILE", str(path))
        reset_settings()
        try:
            policy = load_policy()
            assert not judge(policy, Recipient(), gift("60")).allowed
            assert judge(policy, Recipient(), gift("40", kinds=frozenset({"cash"}))).allowed
        finally:
            monkeypatch.delenv("GIFTWISE_POLICY_FILE")
            reset_settings()

    def test_a_malformed_policy_is_one_clear_error(self) -> None:
        with pytest.raises(ConfigurationError, match="malformed"):
            policy_from_data({"currency": "CNY"})
