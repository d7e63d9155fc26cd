"""Small gestures instead of one big present: split a budget into a cadence of caring touches.

Pure planning (no database): one gesture a month at most, anchored on the dates that matter
when one falls in that month, otherwise tied to a known need or interest. Gestures vary: the
months without a date rotate a small item, a handwritten card, an article they would like and a
call. Small means small: no item costs more than ``SMALL_SHARE`` of the whole budget. The money is
split over the item months by weight (a birthday counts double, a festival or anniversary one and
a half), unspent money rolls forward, and a month whose share buys nothing fitting becomes a
handwritten card instead. Small, frequent gestures of care beat one large obligatory present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from giftwise.core.i18n import t

ANCHOR_WEIGHT = {"birthday": Decimal("2"), "anniversary": Decimal("1.5"), "festival": Decimal("1.5"),
                 "custom": Decimal("1.5")}
NEED_WEIGHT = Decimal("1")
SEND_AHEAD_DAYS = 3  # a gesture for a date should arrive before the day
SMALL_SHARE = Decimal("0.25")  # no single gesture may cost more than a quarter of the budget
# What the months without a date bring, in turn: a small item, a card, an article, a call.
ROTATION = ("item", "card", "article", "call")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A date worth a gesture: birthday, anniversary, festival or custom date."""

    on: date
    kind: str
    name: str
    occasion: str


# The recommender's occasion that scores a gesture of each kind.
RECOMMENDER_OCCASION = {"care": "care", "festival": "festival", "birthday": "congratulations",
                        "anniversary": "thank-you"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A catalog item the gesture may be: its price, what it serves, and its 0..1 fit per occasion."""

    item_id: int
    sku: str
    name: str
    price: Decimal
    concepts: frozenset[str]
    scores: dict[str, float] = field(default_factory=dict)

    def score(self, occasion: str) -> float:
        """The recommender's fit for a gesture on ``occasion`` (0 when it was not scored)."""
        scored = self.scores.get(RECOMMENDER_OCCASION.get(occasion, "care"))
        return scored if scored is not None else self.scores.get("care", 0.0)


@dataclass(slots=True)
class PlannedGesture:
    """One gesture in the plan: when, for what, which item (or a free touch), and why."""

    on: date
    occasion: str
    anchor: str | None
    need: str | None
    item: Candidate | None
    cost: Decimal
    why: str
    kind: str = "item"  # item, card, article or call


@dataclass(slots=True)
class Plan:
    """The gestures and what is left of the budget."""

    gestures: list[PlannedGesture] = field(default_factory=list)
    unspent: Decimal = Decimal("0")


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months later (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in range(day.day, 27, -1) if day.day > 28 else (day.day,):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, 28)


def month_slots(start: date, months: int, anchors: list[Anchor]) -> list[tuple[date, Anchor | None]]:
    """One slot per month from ``start``: on the month's most important anchor, else mid-month."""
    slots: list[tuple[date, Anchor | None]] = []
    for index in range(months):
        first, last = add_months(start, index), add_months(start, index + 1) - timedelta(days=1)
        inside = [a for a in anchors if first <= a.on - timedelta(days=SEND_AHEAD_DAYS) and a.on <= last + timedelta(
            days=SEND_AHEAD_DAYS)]
        inside.sort(key=lambda a: (-ANCHOR_WEIGHT.get(a.kind, NEED_WEIGHT), a.on))
        if inside:
            anchor = inside[0]
            slots.append((max(first, anchor.on - timedelta(days=SEND_AHEAD_DAYS)), anchor))
        else:
            slots.append((min(first + timedelta(days=14), last), None))
    return slots


def gesture_kinds(slots: list[tuple[date, Anchor | None]], needs: list[str]) -> list[str]:
    """What each month brings: an item on a date that matters, else the rotation (an article needs a need)."""
    kinds, turn = [], 0
    for _, anchor in slots:
        if anchor is not None:
            kinds.append("item")
            continue
        kind = ROTATION[turn % len(ROTATION)]
        turn += 1
        kinds.append("card" if kind == "article" and not needs else kind)
    return kinds


def plan(
    *, start: date, months: int, budget: Decimal, anchors: list[Anchor], needs: list[str],
    candidates: list[Candidate], language: str = "zh", labels: dict[str, str] | None = None,
) -> Plan:
    """Split ``budget`` over ``months`` varied monthly gestures tied to ``anchors`` and ``needs``, each small."""
    slots = month_slots(start, months, anchors)
    kinds = gesture_kinds(slots, list(dict.fromkeys(needs)))
    ceiling = (budget * SMALL_SHARE).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    small = [c for c in candidates if c.price <= ceiling]
    item_slots = [i for i, kind in enumerate(kinds) if kind == "item"]
    cheapest = min((c.price for c in small), default=None)
    affordable = len(item_slots) if cheapest is None or cheapest <= 0 else int(budget // cheapest)
    # Too little money for an item every item month: keep the anchored months first.
    paid_slots = set(sorted(item_slots, key=lambda i: (slots[i][1] is None, i))[: max(affordable, 0)])
    weights = [_weight(anchor) if i in paid_slots else Decimal("0") for i, (_, anchor) in enumerate(slots)]
    total_weight = sum(weights) or Decimal("1")
    result = Plan()
    used: set[int] = set()
    carry = Decimal("0")
    need_cycle = list(dict.fromkeys(needs))
    allotted = Decimal("0")
    cumulative = Decimal("0")
    for index, (on, anchor) in enumerate(slots):
        # Cumulative rounding so the shares add up to the budget to the cent.
        cumulative += weights[index]
        upto = (budget * cumulative / total_weight).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        share, allotted = upto - allotted, upto
        cap = min(share + carry, ceiling)
        need = need_cycle[index % len(need_cycle)] if need_cycle and anchor is None else None
        occasion = anchor.occasion if anchor else "care"
        item = _pick(small, cap=cap, need=need, occasion=occasion, used=used) if index in paid_slots else None
        kind = "item" if item is not None else ("card" if kinds[index] == "item" else kinds[index])
        cost = item.price if item else Decimal("0")
        carry = share + carry - cost
        if item is not None:
            used.add(item.item_id)
            # Name the need the item really answers (it may not be the one the slot hoped for).
            need = need if need in item.concepts else next((n for n in need_cycle if n in item.concepts), None)
        result.gestures.append(PlannedGesture(on=on, occasion=occasion, anchor=anchor.name if anchor else None,
                                              need=need, item=item, cost=cost, kind=kind,
                                              why=_why(anchor, need, item, kind, language, labels or {})))
    result.unspent = carry
    return result


def _weight(anchor: Anchor | None) -> Decimal:
    return ANCHOR_WEIGHT.get(anchor.kind, NEED_WEIGHT) if anchor else NEED_WEIGHT


def _pick(candidates: list[Candidate], *, cap: Decimal, need: str | None, occasion: str,
          used: set[int]) -> Candidate | None:
    fitting = [c for c in candidates if c.price <= cap and c.item_id not in used]
    if not fitting:
        return None

    def rank(c: Candidate) -> tuple[float, float, str]:
        # The slot's need first (so gestures spread over the needs), then the recommender's fit.
        fit = (2.0 if need and need in c.concepts else 0.0) + c.score(occasion)
        # Use the share well (a gesture far below it reads as careless) without exceeding it.
        use = float(c.price / cap) if cap > 0 else 0.0
        return (-round(fit, 6), -use, c.sku)

    return sorted(fitting, key=rank)[0]


def _why(anchor: Anchor | None, need: str | None, item: Candidate | None, kind: str, language: str,
         labels: dict[str, str]) -> str:
    # For the rep: why this gesture, this month (the client's words are drafted from templates).
    said = labels.get(need, need) if need else None
    if anchor is not None:
        return t("gestures.why_anchor", language, name=anchor.name, on=anchor.on)
    if kind == "article" and said:
        return t("gestures.why_article", language, said=said)
    if kind == "card":
        return t("gestures.why_card", language)
    if said and item is not None:
        return t("gestures.why_answers", language, said=said)
    if said:
        return t("gestures.why_call", language, said=said)
    return t("gestures.why_sign", language)
