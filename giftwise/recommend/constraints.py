"""Hard constraints: what may never be recommended, each with the reason a person would want to read.

In order: a price that cannot be read or converted, the budget, the person's restrictions
(an item that contains, or is for, what they must avoid), the compliance policy (cash, caps,
open tenders), and a gift we already sent within the policy's repeat window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from giftwise.compliance.policy import Policy
from giftwise.compliance.verdict import ProposedGift, Recipient, Verdict, judge
from giftwise.core.i18n import t
from giftwise.recommend.explain import Voice, excluded_by_restriction
from giftwise.recommend.factors import GivenGift
from giftwise.understanding.items import Evidence, ItemProfile
from giftwise.understanding.lexicon import Lexicon
from giftwise.understanding.profile import Understanding
from giftwise.understanding.substances import is_substance, named_in_item


@dataclass(slots=True)
class Check:
    """The outcome of the hard constraints for one item."""

    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    verdict: Verdict | None = None
    price_in_request: Decimal | None = None
    price_in_policy: Decimal | None = None

    @property
    def excluded(self) -> bool:
        """True when any constraint rules the item out."""
        return bool(self.reasons)

    def add(self, code: str, reason: str) -> None:
        """Record a constraint that rules the item out."""
        self.codes.append(code)
        self.reasons.append(reason)


# Contents a policy group may ban (liquor and tobacco for public officials).
POLICY_CONTENTS = ("alcohol", "tobacco")


def check_item(
    item: ItemProfile, *, understanding: Understanding, recipient: Recipient, gifts: list[GivenGift],
    budget_max: Decimal | None, currency: str, as_of: date, policy: Policy, lexicon: Lexicon, v: Voice,
) -> Check:
    """Every hard constraint on ``item`` for this person and request."""
    check = Check()
    if item.price.is_nan() or item.price < 0:
        check.add("price", v.say("excluded.price"))
        return check
    item_currency = item.currency or currency
    check.price_in_request = policy.convert_between(item.price, item_currency, currency)
    check.price_in_policy = policy.convert(item.price, item_currency)
    if check.price_in_request is None or check.price_in_policy is None:
        check.add("currency", v.say("excluded.currency", from_currency=item_currency, currency=currency))
        return check
    if budget_max is not None and check.price_in_request > budget_max:
        check.add("budget", v.say("excluded.budget", price=_fmt(check.price_in_request), currency=currency,
                                  budget=_fmt(budget_max)))
    _restrictions(check, item, understanding, lexicon, v)
    kinds = frozenset(k for k in ("cash", "cash_equivalent") if item.traits.get(k, 0.0) >= 0.5) | \
        frozenset(c for c in POLICY_CONTENTS if c in item.contains)
    gift = ProposedGift(item.price, item_currency, kinds, is_card=item.traits.get("card", 0.0) >= 0.5)
    check.verdict = judge(policy, recipient, gift, v.language)
    if not check.verdict.allowed:
        for code, reason in zip(check.verdict.codes, check.verdict.reasons, strict=False):
            if code != "approval":
                check.add(code, reason)
    _repeat(check, item, gifts, as_of, policy, v)
    return check


def _restrictions(check: Check, item: ItemProfile, understanding: Understanding, lexicon: Lexicon, v: Voice) -> None:
    for restriction, facts in understanding.restrictions.items():
        named = named_in_item(item.raw or {"name": item.name}, restriction) if is_substance(restriction) else None
        if named is not None and facts:
            check.add("restriction", excluded_by_restriction(
                v, lexicon, "restriction", restriction, restriction, facts[0], Evidence("item", named)))
            return
        concept = lexicon.concept(restriction)
        if concept is None or not facts:
            continue
        forbids = concept.forbids
        for content in forbids.get("contains", []):
            if content in item.contains:
                check.add("restriction", excluded_by_restriction(
                    v, lexicon, "restriction", content, restriction, facts[0], item.contains[content]))
                return
        for content in forbids.get("accessory_of", []):
            if content in item.accessory_of:
                check.add("restriction", excluded_by_restriction(
                    v, lexicon, "accessory", content, restriction, facts[0], item.accessory_of[content]))
                return
        for content in forbids.get("unless_suited", []):
            if content in item.contains and not set(concept.suited_by) & item.suits:
                suited = "/".join(_label(lexicon, s, v.language) for s in concept.suited_by)
                check.add("restriction", excluded_by_restriction(
                    v, lexicon, "unsuited", content, restriction, facts[0], item.contains[content], suited))
                return


def _label(lexicon: Lexicon, concept_id: str, language: str) -> str:
    concept = lexicon.concept(concept_id)
    return concept.name(language) if concept else concept_id


def _repeat(check: Check, item: ItemProfile, gifts: list[GivenGift], as_of: date, policy: Policy, v: Voice) -> None:
    for gift in gifts:
        if gift.from_us and gift.item_id == item.id and 0 <= (as_of - gift.on).days <= policy.repeat_window_days:
            repeat = t("compliance.repeat", v.language, on=gift.on.isoformat(), days=policy.repeat_window_days)
            check.add("repeat", repeat)
            return


def given_in_last_year(gifts: list[GivenGift], as_of: date, prices: dict[str, Decimal], policy: Policy) -> Decimal:
    """What we gave the person over the 12 months before ``as_of``, in the policy currency."""
    total = Decimal("0")
    for gift in gifts:
        if not gift.from_us or not 0 <= (as_of - gift.on).days <= 365:
            continue
        value = gift.value if gift.value is not None else prices.get(gift.item_id or "")
        if value is not None and not (isinstance(value, Decimal) and value.is_nan()):
            total += value
    return total


def _fmt(amount: Decimal) -> str:
    if isinstance(amount, float) and math.isnan(amount):
        return "?"
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
