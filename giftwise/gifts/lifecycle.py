"""The rules of a gift's life, as pure functions: which status may follow which, and when.

planned -> approved -> ordered -> shipped -> delivered -> acknowledged is the main line;
returned, refused and lost are branches that close a gift, and ``cancelled`` drops a gift
that never left (a plan the user changed their mind about).
"""

from __future__ import annotations

from datetime import date

from giftwise.core.errors import Conflict, Invalid
from giftwise.models.gifts import GIFT_CAME_BACK, GIFT_CLOSED, GIFT_MAIN_LINE, GiftStatus

MAIN_LINE = GIFT_MAIN_LINE
CLOSED = GIFT_CLOSED
STATUSES = tuple(GiftStatus)

# Which statuses each status may move to. "approved" is optional for gifts that need no approval.
NEXT: dict[str, frozenset[str]] = {
    "planned": frozenset({"approved", "ordered", "cancelled"}),
    "approved": frozenset({"ordered", "cancelled"}),
    "ordered": frozenset({"shipped", "cancelled"}),
    "shipped": frozenset({"delivered", "lost", "refused", "returned"}),
    "delivered": frozenset({"acknowledged", "returned", "refused"}),
    "acknowledged": frozenset({"returned"}),
}

# The status a gift must have reached before it can take each main-line step.
REQUIRED_BEFORE = {
    "approved": "planned",
    "ordered": "approved",
    "shipped": "ordered",
    "delivered": "shipped",
    "acknowledged": "delivered",
    "lost": "shipped",
    "returned": "shipped",
    "refused": "shipped",
}

# The dated column each status fills in on the gift.
DATE_FIELD = {
    "approved": "approved_on",
    "ordered": "ordered_on",
    "shipped": "shipped_on",
    "delivered": "delivered_on",
    "acknowledged": "acknowledged_on",
    "returned": "closed_on",
    "refused": "closed_on",
    "lost": "closed_on",
    "cancelled": "closed_on",
}

NEEDS_REASON = GIFT_CAME_BACK
RETURN_REASONS = ("budget", "timing", "compliance", "misread_need", "unknown")


def check_step(current: str, target: str, *, needs_approval: bool) -> None:
    """Raise a clear error unless a gift in ``current`` may move to ``target``."""
    if target not in STATUSES:
        raise Invalid(f"'{target}' is not a gift status; use one of: {', '.join(STATUSES)}.", field="to_status")
    if current in CLOSED:
        raise Conflict(f"This gift is already '{current}' and closed; plan a new gift instead.")
    if current == target:
        raise Conflict(f"This gift is already '{current}'.")
    if target in NEXT.get(current, frozenset()):
        if current == "planned" and target == "ordered" and needs_approval:
            raise Conflict("This gift needs a manager's approval before it is ordered; approve it first.")
        return
    if target in MAIN_LINE and MAIN_LINE.index(target) < MAIN_LINE.index(current):
        raise Conflict(f"This gift is already '{current}'; it cannot go back to '{target}'.")
    if target == "cancelled":
        raise Conflict(
            f"A gift that is '{current}' has left already and cannot be cancelled; mark it returned or lost."
        )
    required = REQUIRED_BEFORE[target]
    if target in MAIN_LINE or current in ("planned", "approved", "ordered"):
        raise Conflict(f"A gift must be {required} before it is {target}; this one is '{current}'.")
    raise Conflict(f"A gift that is '{current}' cannot be {target}; it can become: {', '.join(sorted(NEXT[current]))}.")


def check_date(target: str, on: date, *, latest_step: date, today: date) -> None:
    """Raise a clear error if ``on`` is in the future or before the gift's previous step."""
    if on > today:
        raise Invalid(f"A gift cannot be {target} on {on}, which is in the future; use today or an earlier date.",
                      field="on")
    if on < latest_step:
        raise Invalid(
            f"The date {on} is before this gift's previous step ({latest_step}); give a date on or after it.",
            field="on",
        )


def parse_reason(target: str, reason: str | None) -> tuple[str | None, str | None]:
    """Split ``reason`` into a category (for returned/refused) and free text.

    "misread_need: he does not drink tea" -> ("misread_need", "he does not drink tea").
    """
    text = (reason or "").strip()
    if target not in NEEDS_REASON:
        return None, text or None
    head, _, rest = text.partition(":")
    category = head.strip().lower().replace(" ", "_").replace("-", "_")
    if category not in RETURN_REASONS:
        raise Invalid(
            f"Say why the gift was {target}: start the reason with one of {', '.join(RETURN_REASONS)} "
            "(e.g. 'misread_need: he does not drink tea').",
            field="reason",
        )
    return category, rest.strip() or None
