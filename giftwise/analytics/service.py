"""The ledger's questions (read only): a contact's or campaign's books, draining relationships, ROI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, visible_contact, visible_owner_ids
from giftwise.campaigns import repository as campaigns_repository
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.settings import get_settings
from giftwise.ledger import repository
from giftwise.ledger.attribution import AttributionRule, load_rule
from giftwise.ledger.books import ROI_GROUPS, compute_books, credit_per_gift, roi_rows
from giftwise.ledger.charts import check_format, roi_chart, spend_vs_returns_chart
from giftwise.ledger.drains import default_rule, detect_drain, months_back
from giftwise.ledger.history import History, Period, given_on
from giftwise.ledger.schemas import Books, Drain, MonthPoint, RoiReport
from giftwise.ledger.service import load_history
from giftwise.models.campaigns import Campaign, CampaignTarget
from giftwise.models.contacts import Contact


def check_period(since: date | None, until: date | None) -> Period:
    """The period asked for, ending today at the latest; a clear error when it runs backwards."""
    end = min(until or clock.today(), clock.today())
    if since is not None and since > end:
        raise Invalid("analytics.period_starts_after_ends", since=since, end=end, field="since")
    return Period(since, end)


def _books(
    history: History, period: Period, actor: Actor, *, rule: AttributionRule, subject: str, today: date,
) -> Books:
    """The books of ``history`` over ``period`` in the actor's language, the default currency and answer window."""
    return compute_books(history, period, rule=rule, language=actor.language, today=today, subject=subject,
                         currency=get_settings().default_currency, answer_days=default_rule().answer_days)


def contact_books(
    session: Session, actor: Actor, *, contact_id: int, since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None,
) -> Books:
    """What one visible contact cost and returned over the period, with ROI and its attribution rule."""
    contact = visible_contact(session, actor, contact_id)
    period = check_period(since, until)
    loaded = load_history(session, actor, contact_ids=[contact.id])
    books = _books(loaded, period, actor, rule=rule or load_rule(), subject=contact.name, today=clock.today())
    books.contact_id = contact.id
    return books


def books_page(
    session: Session, actor: Actor, *, since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None, limit: int = 25, offset: int = 0,
) -> tuple[list[Books], int]:
    """One page of every visible relationship's books, biggest spender first over the whole book (ordered in
    the database), and how many relationships there are; the page's history is read in one go."""
    period = check_period(since, until)
    contacts, total = repository.contacts_by_spend(session, contact_scope(session, actor), since=period.since,
                                                   until=period.until or clock.today(), limit=limit, offset=offset)
    loaded = load_history(session, actor, contact_ids=[c.id for c in contacts])
    return _books_of(contacts, loaded, period, actor, rule=rule or load_rule()), total


def _books_of(
    contacts: list[Contact], loaded: History, period: Period, actor: Actor, *, rule: AttributionRule
) -> list[Books]:
    today = clock.today()
    pages = []
    for contact in contacts:
        books = _books(loaded.for_contact(contact.id), period, actor, rule=rule, subject=contact.name, today=today)
        books.contact_id = contact.id
        pages.append(books)
    return pages


@dataclass(frozen=True)
class LedgerOverview:
    """What the ledger page shows: one page of books, how many relationships, the draining ones, ROI by grouping."""

    books: list[Books]
    total: int
    drains: list[Drain]
    roi: dict[str, RoiReport]


def ledger_overview(
    session: Session, actor: Actor, *, by: tuple[str, ...], since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None, limit: int = 25, offset: int = 0,
) -> LedgerOverview:
    """``books_page``, ``draining_relationships`` and ``roi_reports`` as one answer, the book's history read once
    (each alone reads it again)."""
    _check_groupings(by)
    period = check_period(since, until)
    rule = rule or load_rule()
    scope = contact_scope(session, actor)
    contacts, total = repository.contacts_by_spend(session, scope, since=period.since,
                                                   until=period.until or clock.today(), limit=limit, offset=offset)
    loaded = load_history(session, actor)
    return LedgerOverview(
        books=_books_of(contacts, loaded, period, actor, rule=rule), total=total,
        drains=_drains_of(repository.contact_names_in(session, scope), loaded, actor, months=None, touches=None),
        roi=_roi_of(session, actor, loaded, by=by, period=period, rule=rule),
    )


def campaign_books(
    session: Session, actor: Actor, *, campaign_id: int, since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None,
) -> Books:
    """What a campaign cost and returned: its gifts, their touches, and its targets' outcomes from its start."""
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = [t.contact_id for t in _targets(session, campaign.id)]
    period = check_period(since or campaign.starts_on, until)
    loaded = load_history(session, actor, contact_ids=targets, campaign_id=campaign.id)
    books = _books(loaded, period, actor, rule=rule or load_rule(), subject=campaign.name, today=clock.today())
    books.campaign_id = campaign.id
    return books


def draining_relationships(
    session: Session, actor: Actor, *, months: int | None = None, touches: int | None = None,
    contact_id: int | None = None,
) -> list[Drain]:
    """Visible contacts whose relationship drains (over the last ``months`` or ``touches``), worst first."""
    if months is not None and months < 1:
        raise Invalid("analytics.months_least", field="months")
    if touches is not None and touches < 2:
        raise Invalid("analytics.touches_least_see_pattern", field="touches")
    ids = [visible_contact(session, actor, contact_id).id] if contact_id is not None else None
    contacts = repository.contact_names_in(session, contact_scope(session, actor), ids)
    loaded = load_history(session, actor, contact_ids=[contact_id for contact_id, _ in contacts])
    return _drains_of(contacts, loaded, actor, months=months, touches=touches)


def _drains_of(
    contacts: list[tuple[int, str]], loaded: History, actor: Actor, *, months: int | None, touches: int | None
) -> list[Drain]:
    today = clock.today()
    drains = []
    for contact_id, name in contacts:
        drain = detect_drain(
            loaded.for_contact(contact_id), contact_id=contact_id, name=name, today=today,
            language=actor.language, months=months, touches=touches,
        )
        if drain is not None:
            drains.append(drain)
    return sorted(drains, key=lambda d: (-d.returned, -d.spent, d.name))


def roi_report(
    session: Session, actor: Actor, *, by: str = "kind", since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None,
) -> RoiReport:
    """ROI and return/refusal rates of visible gifts grouped by kind, category, occasion or campaign."""
    return roi_reports(session, actor, by=(by,), since=since, until=until, rule=rule)[by]


def roi_reports(
    session: Session, actor: Actor, *, by: tuple[str, ...], since: date | None = None, until: date | None = None,
    rule: AttributionRule | None = None,
) -> dict[str, RoiReport]:
    """``roi_report`` for several groupings at once, reading the history once."""
    _check_groupings(by)
    period = check_period(since, until)
    return _roi_of(session, actor, load_history(session, actor), by=by, period=period,
                   rule=rule or load_rule())


def _check_groupings(by: tuple[str, ...]) -> None:
    for grouping in by:
        if grouping not in ROI_GROUPS:
            raise Invalid("analytics.grouping_one", by=grouping, items=', '.join(ROI_GROUPS), field="by")


def _roi_of(
    session: Session, actor: Actor, loaded: History, *, by: tuple[str, ...], period: Period, rule: AttributionRule
) -> dict[str, RoiReport]:
    names = {c.id: c.name for c in _campaigns(session, actor)} if "campaign" in by else {}
    return {grouping: RoiReport(
        by=grouping, since=period.since, until=period.until or clock.today(),
        attribution_rule=rule.describe(actor.language),
        rows=roi_rows(loaded, period, rule=rule, by=grouping, campaign_names=names),
    ) for grouping in by}


def monthly_series(
    session: Session, actor: Actor, *, contact_id: int | None = None, campaign_id: int | None = None,
    months: int = 12, rule: AttributionRule | None = None,
) -> list[MonthPoint]:
    """Spend, order value and attributed returns per month for the last ``months`` months (for charts)."""
    if not 1 <= months <= 60:
        raise Invalid("analytics.months_between", field="months")
    rule = rule or load_rule()
    ids: list[int] | None = None
    if contact_id is not None:
        ids = [visible_contact(session, actor, contact_id).id]
    if campaign_id is not None:
        ids = [t.contact_id for t in _targets(session, get_campaign(session, actor, campaign_id=campaign_id).id)]
    loaded = load_history(session, actor, contact_ids=ids, campaign_id=campaign_id)
    today = clock.today()
    start = months_back(today.replace(day=1), months - 1)
    gifts = loaded.spent_gifts(Period(start, today))
    credit = credit_per_gift(loaded, rule, gifts)
    points: dict[str, MonthPoint] = {}
    cursor = start
    while cursor <= today:
        points[cursor.strftime("%Y-%m")] = MonthPoint(month=cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    for gift in gifts:
        point = points[given_on(gift).strftime("%Y-%m")]
        point.spent += float(loaded.spent_on(gift))
        point.attributed += float(credit.get(gift.id, 0))
    for outcome in loaded.outcomes:
        month = outcome.on.strftime("%Y-%m")
        if outcome.kind == "order" and month in points:
            points[month].orders += float(loaded.value_of(outcome))
    return list(points.values())


def _targets(session: Session, campaign_id: int) -> list[CampaignTarget]:
    return list(campaigns_repository.targets_of(session, campaign_id))


def _campaigns(session: Session, actor: Actor) -> list[Campaign]:
    return list(campaigns_repository.campaigns_of(session, visible_owner_ids(session, actor)))


LEDGER_CHARTS = ("spend", "roi")


def ledger_chart(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    fmt: str,
    contact_id: int | None = None,
    campaign_id: int | None = None,
    months: int = 12,
    rule: AttributionRule | None = None,
) -> bytes:
    """The ledger's ``spend`` (spend vs returns by month) or ``roi`` (ROI by gift kind) chart as PNG or SVG."""
    fmt = check_format(fmt)
    if kind not in LEDGER_CHARTS:
        raise Invalid("analytics.ledger_chart_spend_roi", kind=kind, field="kind")
    rule = rule or load_rule()
    if kind == "roi":
        return roi_chart(roi_report(session, actor, by="kind", rule=rule), language=actor.language, fmt=fmt)
    points = monthly_series(session, actor, contact_id=contact_id, campaign_id=campaign_id, months=months, rule=rule)
    return spend_vs_returns_chart(
        points, title=_subject(session, actor, contact_id, campaign_id), rule_text=rule.describe(actor.language),
        currency=get_settings().default_currency, language=actor.language, fmt=fmt,
    )


def _subject(session: Session, actor: Actor, contact_id: int | None, campaign_id: int | None) -> str:
    if contact_id is not None:
        return visible_contact(session, actor, contact_id).name
    if campaign_id is not None:
        return get_campaign(session, actor, campaign_id=campaign_id).name
    return actor.username
