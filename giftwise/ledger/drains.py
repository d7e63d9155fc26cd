"""The "draining relationship" flag: investment keeps rising while nothing comes back, or gifts come back.

Thresholds live in ``giftwise/data/ledger/drains.json``. The flag names the pattern in the
salesperson's words ("3 gifts in 5 months, 1 returned, no reply since August") and suggests
recalibrating or pausing.
"""

from __future__ import annotations

import calendar
import json
import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib import resources

from giftwise.core.i18n import t
from giftwise.ledger.history import History, Period, given_on
from giftwise.ledger.schemas import POSITIVE_KINDS, Drain
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_CAME_BACK, GiftStatus

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


@dataclass(frozen=True, slots=True)
class DrainRule:
    """When to flag: see drains.json for what each threshold means."""

    months: int = 6
    min_gifts: int = 2
    min_touches: int = 4
    min_returned: int = 2
    returned_share: float = 0.3
    answer_days: int = 14
    pause_when_returned: int = 2


@cache
def default_rule() -> DrainRule:
    """The thresholds shipped in drains.json."""
    raw = json.loads((resources.files("giftwise") / "data/ledger/drains.json").read_text("utf-8"))
    return DrainRule(**{k: v for k, v in raw.items() if not k.startswith("_")})


def months_back(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def window_start(history: History, today: date, *, months: int | None, touches: int | None) -> date:
    """Where "recently" starts: the Nth-last done touch when ``touches`` is given, else ``months`` back."""
    if touches:
        done = sorted(t.done_on for t in history.touches if t.status == TouchStatus.DONE and t.done_on)
        if done:
            return done[-touches] if len(done) >= touches else done[0]
    return months_back(today, months or default_rule().months)


def detect_drain(
    history: History,
    *,
    contact_id: int,
    name: str,
    today: date,
    language: str,
    rule: DrainRule | None = None,
    months: int | None = None,
    touches: int | None = None,
) -> Drain | None:
    """The drain flag for one contact's history, or None when the relationship gives back."""
    rule = rule or default_rule()
    start = window_start(history, today, months=months or rule.months, touches=touches)
    period = Period(start, today)
    gifts = history.spent_gifts(period)
    done = [t for t in history.touches if t.status == TouchStatus.DONE and period.contains(t.done_on)]
    positives = sorted((o for o in history.outcomes if o.kind in POSITIVE_KINDS), key=lambda o: o.on)
    last_positive = positives[-1].on if positives else None
    gifts_since = [g for g in gifts if last_positive is None or given_on(g) > last_positive]
    touches_since = [t for t in done if last_positive is None or (t.done_on and t.done_on > last_positive)]
    came_back = [g for g in gifts if g.status in GIFT_CAME_BACK]
    reasons = []
    # Over the last N touches, "flat" means none of those N touches was followed by anything positive.
    min_touches = touches or rule.min_touches
    if len(gifts_since) >= rule.min_gifts or len(touches_since) >= min_touches:
        reasons.append(t("ledger.drain.reason.flat", language))
    if len(came_back) >= rule.min_returned and len(came_back) >= rule.returned_share * max(len(gifts), 1):
        reasons.append(t("ledger.drain.reason.returns", language))
    if not reasons:
        return None
    complaints = sum(1 for o in history.outcomes if o.kind == "complaint" and period.contains(o.on))
    disputes = sum(1 for d in history.disputes if period.contains(d.opened_on))
    unanswered = history.unanswered_touches(period, answer_days=rule.answer_days, today=today)
    pause = len(came_back) >= rule.pause_when_returned or complaints > 0 or disputes > 0
    first = min([given_on(g) for g in gifts] + [t.done_on for t in done if t.done_on] or [start])
    return Drain(
        contact_id=contact_id,
        name=name,
        reasons=reasons,
        pattern=describe_pattern(
            language, today=today, first=first, gifts=len(gifts), touches=len(done),
            returned=sum(1 for g in came_back if g.status == GiftStatus.RETURNED),
            refused=sum(1 for g in came_back if g.status == GiftStatus.REFUSED),
            complaints=complaints, disputes=disputes, unanswered=len(unanswered), last_positive=last_positive,
        ),
        suggestion=t("ledger.drain.suggest.pause" if pause else "ledger.drain.suggest.recalibrate", language),
        action="pause" if pause else "recalibrate",
        gifts=len(gifts),
        returned=len(came_back),
        spent=sum((history.spent_on(g) for g in gifts), Decimal(0)),
        minutes=sum(t.minutes_spent or 0 for t in done),
        last_positive_on=last_positive,
    )


def describe_pattern(
    language: str,
    *,
    today: date,
    first: date,
    gifts: int,
    touches: int,
    returned: int,
    refused: int,
    complaints: int,
    disputes: int,
    unanswered: int,
    last_positive: date | None,
) -> str:
    """"3 gifts in 5 months, 1 returned, no reply since August" in ``language``."""
    months = max(1, math.ceil((today - first + timedelta(days=1)).days / 30.44))
    parts = []
    if gifts:
        key = "ledger.drain.gifts" if gifts > 1 else "ledger.drain.gift_one"
        parts.append(t(key, language, gifts=gifts, months=months))
    elif touches:
        parts.append(t("ledger.drain.touches", language, touches=touches, months=months))
    for key, n in (("ledger.drain.returned", returned), ("ledger.drain.refused", refused),
                   ("ledger.drain.complaints", complaints), ("ledger.drain.disputes", disputes),
                   ("ledger.drain.unanswered", unanswered)):
        if n:
            parts.append(t(key, language, n=n))
    if last_positive is None:
        parts.append(t("ledger.drain.no_reply_ever", language))
    else:
        parts.append(t("ledger.drain.no_reply_since", language, month=month_name(last_positive, today, language)))
    return t("ledger.sep", language).join(parts)


def month_name(day: date, today: date, language: str) -> str:
    """"August" / "8月", with the year when it is not this year."""
    key = "ledger.month_this_year" if day.year == today.year else "ledger.month_of_year"
    return t(key, language, month=day.month, year=day.year, name=MONTHS_EN[day.month - 1])
