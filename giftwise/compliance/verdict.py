"""The pure policy check: may this gift go to this person? Allowed, needs approval, or forbidden, and why.

No database here: the recommender calls it for every catalog item in file mode, and
``giftwise.compliance.service.check_gift`` calls it with what the database knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from giftwise.compliance.policy import Limits, Policy
from giftwise.core.i18n import t


@dataclass(frozen=True, slots=True)
class Recipient:
    """What the policy needs to know about the person: groups, open tender, what we gave in 12 months."""

    public_official: bool = False
    state_owned: bool = False
    tender_open: bool = False
    refuses_gifts: bool = False
    organization: str | None = None
    given_last_12_months: Decimal = Decimal("0")
    # Limits the person's own employer set, as the notes state them (in the policy currency).
    stated_cap: Decimal | None = None
    stated_banned: frozenset[str] = frozenset()


# What the policy reads into the kind a person gave a described gift: a voucher, coupon, gift card or pick-up
# ticket (酒票, 提货券) spends like money, so it is a cash equivalent whatever its words say.
KIND_OF_ITEM = {"cash": "cash", "voucher": "cash_equivalent"}


def described_kinds(item_kind: str | None) -> frozenset[str]:
    """The policy kinds (cash, cash_equivalent) a gift of ``item_kind`` is, whatever its description says."""
    found = KIND_OF_ITEM.get(item_kind or "")
    return frozenset({found}) if found else frozenset()


@dataclass(frozen=True, slots=True)
class ProposedGift:
    """A gift as the policy sees it: its value and currency and what kind of thing it is."""

    value: Decimal | None
    currency: str
    kinds: frozenset[str] = frozenset()
    is_card: bool = False


@dataclass(slots=True)
class Verdict:
    """The policy's answer; ``codes`` name the rules that fired (cash, cap, rolling_cap, tender...)."""

    allowed: bool = True
    needs_approval: bool = False
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    value: Decimal | None = None

    def forbid(self, code: str, reason: str) -> None:
        """Record a rule that forbids the gift."""
        self.allowed = False
        self.codes.append(code)
        self.reasons.append(reason)

    def require_approval(self, code: str, reason: str) -> None:
        """Record a rule that asks for a manager's approval."""
        self.needs_approval = True
        self.codes.append(code)
        self.reasons.append(reason)


def groups_for(recipient: Recipient) -> list[str]:
    """The policy groups a recipient belongs to ("everyone" always)."""
    groups = ["everyone"]
    if recipient.public_official:
        groups.append("public_official")
    if recipient.state_owned:
        groups.append("state_owned")
    return groups


def strictest(policy: Policy, recipient: Recipient, attribute: str) -> tuple[Decimal | None, str]:
    """The lowest limit ``attribute`` over the recipient's groups, and the group it comes from."""
    best: tuple[Decimal | None, str] = (None, "everyone")
    for group in groups_for(recipient):
        limits = policy.groups.get(group, Limits())
        value = getattr(limits, attribute)
        if value is not None and (best[0] is None or value < best[0]):
            best = (value, group)
    return best


def banned_kinds(policy: Policy, recipient: Recipient) -> frozenset[str]:
    """Every kind of gift banned for this recipient: the policy's, their groups', their employer's."""
    kinds = set(policy.banned) | set(recipient.stated_banned)
    for group in groups_for(recipient):
        kinds |= policy.groups.get(group, Limits()).banned
    return frozenset(kinds)


def judge(policy: Policy, recipient: Recipient, gift: ProposedGift, language: str = "en") -> Verdict:
    """The policy's verdict on giving ``gift`` to ``recipient``, with reasons in ``language``."""
    verdict = Verdict()
    for kind in sorted(gift.kinds & banned_kinds(policy, recipient)):
        verdict.forbid(kind, t(f"compliance.banned.{kind}", language))
    if recipient.tender_open and policy.tender_forbids:
        organization = recipient.organization or t("compliance.their_org", language)
        verdict.forbid("tender", t("compliance.tender", language, organization=organization))
    value = gift.value
    if value is not None and value.is_nan():
        verdict.forbid("unknown_value", t("compliance.unknown_value", language))
        return verdict
    converted = None if value is None else policy.convert(value, gift.currency)
    if converted is None:
        verdict.forbid("unconvertible", t("compliance.unconvertible", language, from_currency=gift.currency,
                                            currency=policy.currency))
        return verdict
    verdict.value = converted
    _caps(policy, recipient, gift, converted, verdict, language)
    return verdict


def _caps(
    policy: Policy, recipient: Recipient, gift: ProposedGift, value: Decimal, verdict: Verdict, language: str
) -> None:
    currency = policy.currency
    if recipient.refuses_gifts and not (gift.is_card and value <= policy.refuses_gifts_max):
        refusal = t("compliance.refuses", language, cap=_fmt(policy.refuses_gifts_max), currency=currency)
        verdict.forbid("refuses", refusal)
    if recipient.stated_cap is not None and value > recipient.stated_cap:
        cap_text = _fmt(recipient.stated_cap)
        stated = t("compliance.stated_cap", language, value=_fmt(value), cap=cap_text, currency=currency)
        verdict.forbid("stated_cap", stated)
    cap, group = strictest(policy, recipient, "per_gift_cap")
    if cap is not None and value > cap:
        verdict.forbid("cap", t("compliance.cap", language, value=_fmt(value), cap=_fmt(cap), currency=currency,
                                  group=t(f"compliance.group.{group}", language)))
    yearly, group = strictest(policy, recipient, "rolling_12m_cap")
    total = recipient.given_last_12_months + value
    if yearly is not None and value > 0 and total > yearly and "cap" not in verdict.codes:
        verdict.forbid("rolling_cap", t("compliance.rolling_cap", language, given=_fmt(recipient.given_last_12_months),
                                          total=_fmt(total), cap=_fmt(yearly), currency=currency,
                                          group=t(f"compliance.group.{group}", language)))
    threshold, group = strictest(policy, recipient, "approval_above")
    if verdict.allowed and threshold is not None and value > threshold:
        approval = t("compliance.approval", language, value=_fmt(value), threshold=_fmt(threshold), currency=currency,
                     group=t(f"compliance.group.{group}", language))
        verdict.require_approval("approval", approval)


def _fmt(amount: Decimal) -> str:
    """An amount without trailing zeros ("200", "99.5")."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
