"""The three working documents a salesperson asks for, read from the database (read only); the sheets
themselves are laid out by ``analytics.sheets``.

- strategy: every gift (and every proposed allocation): who, what, why, when;
- budget: planned vs spent per contact and phase of a campaign, against each phase's budget;
- followups: every touch: due, done, result, minutes.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope, visible_owner_ids
from giftwise.analytics.sheets import SHEETS, header, workbook
from giftwise.campaigns import repository as campaigns_repository
from giftwise.campaigns.options import item_label
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import bilingual, t
from giftwise.ledger import repository
from giftwise.ledger.history import gift_money, given_on
from giftwise.ledger.service import load_history
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact, Organization
from giftwise.models.followups import TouchStatus
from giftwise.models.gifts import GIFT_SPENT


def export_sheet(session: Session, actor: Actor, *, sheet: str, campaign_id: int | None = None) -> bytes:
    """The XLSX bytes of ``sheet`` (strategy, budget or followups), for one campaign or the whole book."""
    if sheet not in SHEETS:
        raise Invalid("analytics.export_one", sheet=sheet, items=', '.join(SHEETS), field="sheet")
    if sheet == "budget":
        if campaign_id is None:
            raise Invalid("analytics.budget_sheet_belongs_campaign", field="campaign_id")
        return budget_sheet(session, actor, campaign_id=campaign_id)
    if sheet == "strategy":
        return strategy_sheet(session, actor, campaign_id=campaign_id)
    return followups_sheet(session, actor, campaign_id=campaign_id)


def strategy_sheet(session: Session, actor: Actor, *, campaign_id: int | None = None) -> bytes:
    """Who gets what, why and when: planned and sent gifts, plus allocations not yet planned."""
    lang = actor.language
    contacts, organizations, campaign_names = _context(session, actor, campaign_id)
    loaded = load_history(session, actor, contact_ids=list(contacts) if campaign_id else None,
                                 campaign_id=campaign_id)
    rows: list[list[Any]] = []
    for gift in loaded.gifts:
        contact = contacts.get(gift.contact_id) or session.get_one(Contact, gift.contact_id)
        item = loaded.items.get(gift.item_id) if gift.item_id else None
        what = (bilingual(lang, item.name_zh, item.name_en) or item.sku) if item else gift.description
        rows.append([contact.name, organizations.get(contact.organization_id, ""), what, gift.kind, gift.occasion,
                     gift.reason, given_on(gift), gift.status, gift_money(gift), gift.currency,
                     campaign_names.get(gift.campaign_id or 0, "")])
    if campaign_id is not None:
        rows += _proposed_rows(session, campaign_id, contacts, organizations, campaign_names, lang)
    headers = ["contact", "organization", "gift", "kind", "occasion", "why", "when", "status", "cost", "currency",
               "campaign"]
    return workbook(t("ledger.xlsx.strategy", lang), [header(h, lang) for h in headers], rows,
                    widths=[14, 18, 22, 9, 12, 48, 12, 11, 11, 8, 18], money_columns=[9], date_columns=[7])


def budget_sheet(session: Session, actor: Actor, *, campaign_id: int) -> bytes:
    """Planned vs spent per contact and phase of a campaign, with phase budgets and totals."""
    lang = actor.language
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    targets = campaigns_repository.targets_of(session, campaign.id)
    contacts = campaigns_repository.contacts_by_id(session, [t.contact_id for t in targets])
    allocations = campaigns_repository.allocations_of(session, campaign.id)
    phase_of_gift = {a.gift_id: a.phase for a in allocations if a.gift_id}
    planned: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    spent: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for allocation in allocations:
        planned[(allocation.phase, allocation.contact_id)] += allocation.cost
    for gift in campaigns_repository.campaign_gifts(session, campaign.id):
        if gift.status in GIFT_SPENT:
            spent[(phase_of_gift.get(gift.id, 1), gift.contact_id)] += gift_money(gift)
    rows: list[list[Any]] = []
    totals: set[int] = set()
    for phase in campaigns_repository.phases_of(session, campaign.id):
        keys = sorted({k for k in (*planned, *spent) if k[0] == phase.position}, key=lambda k: contacts[k[1]].name)
        for key in keys:
            rows.append([phase.position, contacts[key[1]].name, planned[key], spent[key], planned[key] - spent[key]])
        phase_planned = sum((planned[k] for k in keys), Decimal(0))
        phase_spent = sum((spent[k] for k in keys), Decimal(0))
        totals.add(len(rows))
        released = header("released" if phase.released else "locked", lang)
        label = f"{header('total', lang)} · {header('phase_budget', lang)} {phase.budget:,.2f} ({released})"
        rows.append([phase.position, label, phase_planned, phase_spent, phase.budget - phase_spent])
    total_spent = sum(spent.values(), Decimal(0))
    totals.add(len(rows))
    rows.append(["", f"{t('ledger.xlsx.budget_total', lang)} {campaign.total_budget:,.2f} {campaign.currency}",
                 sum(planned.values(), Decimal(0)), total_spent, campaign.total_budget - total_spent])
    headers = [header(h, lang) for h in ("phase", "contact", "planned", "spent", "left")]
    return workbook(t("ledger.xlsx.budget", lang), headers, rows, widths=[8, 42, 14, 14, 16],
                    money_columns=[3, 4, 5], bold_rows=totals)


def followups_sheet(session: Session, actor: Actor, *, campaign_id: int | None = None) -> bytes:
    """Every touch: who, purpose, channel, due, done, result, minutes, and whether it is overdue."""
    lang = actor.language
    contacts, organizations, _ = _context(session, actor, campaign_id)
    ids = list(contacts) if campaign_id else None
    touches = repository.touches_of(session, contact_scope(session, actor), contact_ids=ids)
    today = clock.today()
    rows: list[list[Any]] = []
    for touch in touches:
        contact = contacts.get(touch.contact_id) or session.get_one(Contact, touch.contact_id)
        overdue = touch.status == TouchStatus.OPEN and touch.due_on < today
        rows.append([contact.name, organizations.get(contact.organization_id, ""), touch.purpose, touch.channel,
                     touch.due_on, touch.status, touch.done_on, touch.result or "", touch.minutes_spent,
                     t("ledger.xlsx.yes" if overdue else "ledger.xlsx.no", lang)])
    headers = ["contact", "organization", "purpose", "channel", "due", "status", "done", "result", "minutes", "overdue"]
    return workbook(t("ledger.xlsx.followups", lang), [header(h, lang) for h in headers], rows,
                    widths=[14, 18, 18, 10, 12, 10, 12, 40, 9, 9], date_columns=[5, 7])


def _context(
    session: Session, actor: Actor, campaign_id: int | None
) -> tuple[dict[int, Contact], dict[int | None, str], dict[int, str]]:
    if campaign_id is not None:
        campaign = get_campaign(session, actor, campaign_id=campaign_id)
        targets = campaigns_repository.targets_of(session, campaign.id)
        contacts = campaigns_repository.contacts_by_id(session, [t.contact_id for t in targets])
        names = {campaign.id: campaign.name}
    else:
        contacts = {c.id: c for c in repository.contacts_in(session, contact_scope(session, actor))}
        owners = visible_owner_ids(session, actor)
        names = {c.id: c.name for c in campaigns_repository.campaigns_of(session, owners)}
    org_ids = {c.organization_id for c in contacts.values() if c.organization_id}
    organizations: dict[int | None, str] = {
        o.id: o.name for o in (session.get(Organization, i) for i in org_ids) if o is not None
    }
    return contacts, organizations, names


def _proposed_rows(
    session: Session, campaign_id: int, contacts: dict[int, Contact], organizations: dict[int | None, str],
    names: dict[int, str], lang: str,
) -> list[list[Any]]:
    rows = []
    for allocation in campaigns_repository.allocations_of(session, campaign_id):
        if allocation.gift_id is not None or allocation.item_id is None:
            continue
        contact = contacts[allocation.contact_id]
        item = session.get_one(CatalogItem, allocation.item_id)
        rows.append([contact.name, organizations.get(contact.organization_id, ""), item_label(item, lang), "",
                     "", allocation.reason, allocation.planned_on, t("ledger.xlsx.proposed", lang),
                     allocation.cost, item.currency, names.get(campaign_id, "")])
    return rows
