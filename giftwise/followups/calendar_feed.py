"""The agenda as an RFC 5545 iCalendar feed (Outlook, Google and Apple Calendar subscribe to it).

Touches and important dates become all-day events (``DTSTART;VALUE=DATE``) with a stable UID, so
a calendar that polls the feed updates events instead of duplicating them. A user's feed is read by
``followups.calendar_feed_service.feed_for_user``.
"""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar, Event

from giftwise.core import clock
from giftwise.core.i18n import normalize_language, t
from giftwise.dates.schemas import ImportantDate
from giftwise.followups import rules
from giftwise.followups.schemas import Agenda, AgendaTouch
from giftwise.models.accounts import User

FEED_DAYS = 90
PRODID = "-//giftwise//giftwise agenda 0.1//EN"


def build_calendar(todo: Agenda, *, user: User) -> Calendar:
    """A VCALENDAR holding every touch and date of ``todo``."""
    lang = normalize_language(user.language)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"giftwise · {user.display_name or user.username}")
    cal.add("x-published-ttl", "PT1H")
    stamp = clock.now()
    channels = rules.channel_labels(lang)
    for touch in [*todo.overdue, *todo.today, *todo.upcoming]:
        cal.add_component(_touch_event(touch, user.id, stamp, channels, lang))
    for important in todo.dates:
        cal.add_component(_date_event(important, user.id, stamp, lang))
    return cal


def _all_day(event: Event, on: date) -> None:
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time


def _touch_event(touch: AgendaTouch, user_id: int, stamp: object, channels: dict[str, str], lang: str) -> Event:
    event = Event()
    event.add("uid", f"touch-{touch.id}-u{user_id}@giftwise")
    event.add("dtstamp", stamp)
    _all_day(event, touch.due_on)
    closing = touch.window_note
    summary = f"[{channels.get(touch.channel, touch.channel)}] {touch.contact_name} · {touch.label}"
    event.add("summary", f"{summary} ({closing})" if closing else summary)
    event.add("description", touch.script or touch.label)
    event.add("categories", [touch.purpose])
    return event


def _date_event(important: ImportantDate, user_id: int, stamp: object, lang: str) -> Event:
    event = Event()
    event.add("uid", f"date-{important.key}-{important.on.isoformat()}-u{user_id}@giftwise")
    event.add("dtstamp", stamp)
    _all_day(event, important.on)
    event.add("summary", important.name)
    prepare = t("followups.calendar_prepare_from", lang, day=important.prepare_from)
    event.add("description", prepare)
    event.add("categories", [important.kind])
    return event
