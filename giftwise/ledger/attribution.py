"""Which orders count towards which gifts: a documented, configurable rule, shown next to every ROI.

The rule lives in ``giftwise/data/ledger/attribution.json`` (copy it to
``<GIFTWISE_DATA_DIR>/ledger/attribution.json`` to change it for one install). By default half
of every order or referral within 90 days after a gift counts towards that gift, split evenly
when several gifts were given in that window; an outcome that names its gift counts in full.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

from giftwise.core.i18n import t
from giftwise.core.settings import get_settings

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class AttributionRule:
    """``share`` of each valued outcome within ``window_days`` after a gift counts towards it."""

    window_days: int = 90
    share: Decimal = Decimal("0.5")
    linked_share: Decimal = Decimal("1")
    kinds: tuple[str, ...] = ("order", "referral")

    def describe(self, language: str | None) -> str:
        """The rule in words, for every ROI figure."""
        return t("ledger.attribution.rule", language,
            share=_percent(self.share), window=self.window_days, linked=_percent(self.linked_share),
        )


@dataclass(frozen=True, slots=True)
class GivenGift:
    """What attribution needs to know about a gift."""

    id: int
    contact_id: int
    given_on: date


@dataclass(frozen=True, slots=True)
class ValuedOutcome:
    """What attribution needs to know about an order or referral."""

    contact_id: int
    kind: str
    on: date
    value: Decimal
    gift_id: int | None


def load_rule(path: Path | None = None) -> AttributionRule:
    """The rule from ``path``, else the install's override file, else the shipped default."""
    override = get_settings().data_dir / "ledger" / "attribution.json"
    if path is None and override.exists():
        path = override
    shipped = resources.files("giftwise") / "data/ledger/attribution.json"
    text = path.read_text("utf-8") if path else shipped.read_text("utf-8")
    raw = json.loads(text)
    return AttributionRule(
        window_days=int(raw.get("window_days", 90)),
        share=Decimal(str(raw.get("share", "0.5"))),
        linked_share=Decimal(str(raw.get("linked_share", "1"))),
        kinds=tuple(raw.get("kinds", ("order", "referral"))),
    )


def with_overrides(rule: AttributionRule, *, window_days: int | None, share: float | None) -> AttributionRule:
    """The rule with a different window or share (CLI/API options), everything else kept."""
    return AttributionRule(
        window_days=rule.window_days if window_days is None else window_days,
        share=rule.share if share is None else Decimal(str(share)),
        linked_share=rule.linked_share,
        kinds=rule.kinds,
    )


def attribute(
    rule: AttributionRule, gifts: Sequence[GivenGift], outcomes: Iterable[ValuedOutcome]
) -> dict[int, Decimal]:
    """Value credited to each gift id by ``rule``; gifts nothing followed are absent."""
    by_contact: dict[int, list[GivenGift]] = defaultdict(list)
    known = {g.id for g in gifts}
    for gift in gifts:
        by_contact[gift.contact_id].append(gift)
    credit: dict[int, Decimal] = defaultdict(Decimal)
    window = timedelta(days=rule.window_days)
    for outcome in outcomes:
        if outcome.kind not in rule.kinds or outcome.value <= 0:
            continue
        if outcome.gift_id is not None:
            if outcome.gift_id in known:
                credit[outcome.gift_id] += outcome.value * rule.linked_share
            continue
        before = [g for g in by_contact.get(outcome.contact_id, ()) if g.given_on <= outcome.on <= g.given_on + window]
        for gift in before:
            credit[gift.id] += outcome.value * rule.share / len(before)
    return {gift_id: value.quantize(CENT) for gift_id, value in credit.items()}


def _percent(value: Decimal) -> str:
    return f"{float(value) * 100:.0f}%"
