"""The dates that matter in a window: birthdays (solar or lunar), relationship anniversaries,
festivals (lunar ones through lunardate) and custom dates, each with its lead time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, visible_owner_ids
from giftwise.core.actor import Actor
from giftwise.core.i18n import normalize_language, t
from giftwise.dates import repository, rules, yearly
from giftwise.dates.schemas import DatedContact, ImportantDate
from giftwise.models.contacts import Contact

LONGEST_CUSTOM_LEAD = 120


class _Collector:
    """Keeps the occurrences whose preparation starts within the agenda window."""

    def __init__(self, start: date, horizon: date) -> None:
        self.start, self.horizon = start, horizon
        self.found: list[ImportantDate] = []

    def add(self, kind: str, key: str, name: str, on: date, lead: int, **extra: Any) -> None:
        prepare_from = on - timedelta(days=lead)
        if self.start <= on and prepare_from <= self.horizon:
            self.found.append(ImportantDate.model_validate({
                "kind": kind, "key": key, "name": name, "on": on, "prepare_from": prepare_from,
                "days_until": (on - self.start).days, **extra,
            }))


def important_dates(
    session: Session, actor: Actor, *, owner_id: int | None, start: date, horizon: date
) -> list[ImportantDate]:
    """Dates from ``start`` on whose preparation starts by ``horizon``, soonest first."""
    config = rules.dates_config()
    lang = actor.language
    leads = [config["birthday_lead_days"], config["anniversary_lead_days"], LONGEST_CUSTOM_LEAD,
             *(f["lead_days"] for f in config["festivals"].values())]
    end = horizon + timedelta(days=max(leads))
    collector = _Collector(start, horizon)
    for key, festival in config["festivals"].items():
        for on in yearly.occurrences(festival["calendar"], festival["month"], festival["day"], start, end):
            collector.add("festival", key, festival[normalize_language(lang)], on, festival["lead_days"])
    for contact in repository.contacts_with_dates(session, contact_scope(session, actor), owner_id=owner_id):
        _contact_dates(collector, contact, end, lang, config)
    owners = [owner_id] if owner_id is not None else visible_owner_ids(session, actor)
    for custom in repository.custom_dates(session, owner_ids=owners):
        linked = session.get(Contact, custom.contact_id) if custom.contact_id else None
        if linked is not None and linked.archived:
            continue
        for on in yearly.occurrences(custom.calendar, custom.month, custom.day, start, end):
            collector.add("custom", f"custom-{custom.id}", custom.name, on, custom.lead_days,
                          contact_id=custom.contact_id, contact_name=linked.name if linked else None,
                          owner_id=custom.owner_id)
    return sorted(collector.found, key=lambda d: (d.on, d.kind, d.name))


def _contact_dates(
    collector: _Collector, contact: Contact | DatedContact, end: date, lang: str, config: dict[str, Any]
) -> None:
    extra = {"contact_id": contact.id, "contact_name": contact.name, "owner_id": contact.owner_id}
    if contact.birthday_month and contact.birthday_day:
        cal = contact.birthday_calendar or "solar"
        for on in yearly.occurrences(cal, contact.birthday_month, contact.birthday_day, collector.start, end):
            years = None
            if contact.birthday_year:
                years = (yearly.lunar_year_of(on) if cal == "lunar" else on.year) - contact.birthday_year
            collector.add("birthday", f"birthday-{contact.id}", t("dates.birthday", lang, name=contact.name),
                          on, config["birthday_lead_days"], years=years, **extra)
    since = contact.relationship_since
    if since is not None:
        for on in yearly.occurrences("solar", since.month, since.day, collector.start, end):
            years = on.year - since.year
            if years >= 1:
                collector.add("anniversary", f"anniversary-{contact.id}",
                              t("dates.anniversary", lang, name=contact.name, years=years), on,
                              config["anniversary_lead_days"], years=years, **extra)


def contact_dates(session: Session, contact: Contact, *, start: date, end: date, language: str) -> list[ImportantDate]:
    """One contact's dates from ``start`` to ``end``: birthday, anniversary, custom dates and their festivals."""
    config = rules.dates_config()
    collector = _Collector(start, end)
    _contact_dates(collector, contact, end, language, config)
    for custom in repository.custom_dates(session, owner_ids=None, contact_id=contact.id):
        for on in yearly.occurrences(custom.calendar, custom.month, custom.day, start, end):
            collector.add("custom", f"custom-{custom.id}", custom.name, on, custom.lead_days,
                          contact_id=contact.id, contact_name=contact.name, owner_id=custom.owner_id)
    festivals = config.get("gesture_festivals", {}).get(normalize_language(contact.language), [])
    for key in festivals:
        festival = config["festivals"][key]
        for on in yearly.occurrences(festival["calendar"], festival["month"], festival["day"], start, end):
            collector.add("festival", key, festival[normalize_language(language)], on, festival["lead_days"])
    return sorted(collector.found, key=lambda d: (d.on, d.kind, d.name))
