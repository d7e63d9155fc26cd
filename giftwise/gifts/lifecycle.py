"""The rules of a gift's life, as pure functions: which status may follow which, and when.

planned -> approved -> ordered -> shipped -> delivered -> acknowledged is the main line;
returned, refused and lost are branches that close a gift, and ``cancelled`` drops a gift
that never left (a plan the user changed their mind about).
"""

from __future__ import annotations

from datetime import date

from giftwise.core.errors import Conflict, Invalid
from giftwise.core.i18n import Label
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
        raise Invalid("gifts.gift_status_one_2", target=target, items=', '.join(STATUSES), field="to_status")
    if current in CLOSED:
        raise Conflict("gifts.gift_already_closed_plan", current=Label("status", current))
    if current == target:
        raise Conflict("gifts.gift_already", current=Label("status", current))
    if target in NEXT.get(current, frozenset()):
        if current == "planned" and target == "ordered" and needs_approval:
            raise Conflict("gifts.gift_needs_manager_s_2")
        return
    if target in MAIN_LINE and MAIN_LINE.index(target) < MAIN_LINE.index(current):
        raise Conflict("gifts.gift_already_go_back", current=Label("status", current),
                       target=Label("status", target))
    if target == "cancelled":
        raise Conflict("gifts.gift_left_already_cancelled", current=Label("status", current))
    required = REQUIRED_BEFORE[target]
    if target in MAIN_LINE or current in ("planned", "approved", "ordered"):
        raise Conflict("gifts.gift_before_one", required=Label("status", required), target=Label("status", target),
                       current=Label("status", current))
    raise Conflict("gifts.gift_become", current=Label("status", current), target=Label("status", target),
                   items=', '.join(sorted(NEXT[current])))


def check_date(target: str, on: date, *, latest_step: date, today: date) -> None:
    """Raise a clear error if ``on`` is in the future or before the gift's previous step."""
    if on > today:
        raise Invalid("gifts.gift_which_future_today", target=Label("status", target), on=on,
                      field="on")
    if on < latest_step:
        raise Invalid(
            "gifts.date_before_gift_s", on=on, latest_step=latest_step,
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
            "gifts.say_why_gift_start", target=Label("status", target), items=', '.join(RETURN_REASONS),
            field="reason",
        )
    return category, rest.strip() or None
