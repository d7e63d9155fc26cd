"""The compliance verdict for a proposed gift, from what the database knows about the recipient.

``check_gift`` is what other domains call (the gifts domain before planning a gift); the rules
themselves are pure (``giftwise.compliance.verdict``) and shared with the recommender.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact
from giftwise.catalog.service import get_item, portable_item
from giftwise.compliance import repository
from giftwise.compliance.policy import Policy, load_policy, policy_data, policy_from_data, save_policy_data
from giftwise.compliance.schemas import LimitsRead, PolicyRead, PolicyUpdate
from giftwise.compliance.verdict import ProposedGift, Recipient, Verdict, described_kinds, judge
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden, Invalid
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import GIFT_CLOSED, Gift, gift_day
from giftwise.money.service import own_rates
from giftwise.understanding.items import analyze_item
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.profile import Understanding
from giftwise.understanding.service import contact_understanding

ITEM_KINDS_KEPT = 10_000
_ITEM_KINDS: dict[tuple[int, str], tuple[frozenset[str], bool]] = {}


def given_last_year(gifts: Sequence[Gift], as_of: date, policy: Policy) -> Decimal:
    """What we gave over the 12 months before ``as_of``, in the policy currency with each gift's own day's rate
    (unconvertible gifts skipped)."""
    total = Decimal("0")
    for gift in gifts:
        if gift.status in GIFT_CLOSED or not 0 <= (as_of - gift_day(gift)).days <= 365:
            continue
        value = policy.convert(Decimal(gift.cost or 0), gift.currency, gift_day(gift))
        total += value or Decimal("0")
    return total


def recipient_for(
    session: Session, contact: Contact, understanding: Understanding | None, *, as_of: date, policy: Policy,
    gifts: Sequence[Gift] | None = None,
) -> Recipient:
    """The compliance view of a stored contact: its flags, its organization's, what its notes say."""
    org = repository.organizations(session, [contact.organization_id or 0]).get(contact.organization_id or 0)
    u = understanding

    def status(name: str) -> bool:
        return bool(u is not None and u.has_status(name))

    history = gifts if gifts is not None else repository.gifts_to(session, [contact.id],
                                                                  since=as_of - timedelta(days=400))
    return Recipient(
        public_official=contact.public_official or bool(org and org.public_sector) or status("public_official"),
        state_owned=bool(org and org.state_owned) or status("soe_staff"),
        tender_open=bool(org and org.tender_open) or status("tender_open"),
        refuses_gifts=status("refuses_gifts") and not status("tokens_allowed"),
        organization=org.name if org else None,
        given_last_12_months=given_last_year(history, as_of, policy),
    )


def check_gift(
    session: Session, actor: Actor, *, contact_id: int, item_id: int | None, description: str = "",
    cost: Decimal | None = None, currency: str | None = None, occasion: str = "thank-you",
    item_kind: str | None = None,
) -> Verdict:
    """The policy's verdict (allowed / needs approval / forbidden, with reasons) on a gift for a visible contact.

    ``item_kind`` is what a person said the gift is (a voucher or cash counts as cash, whatever its words)."""
    _ = occasion  # the policy does not depend on the occasion today; the parameter keeps callers future-proof
    contact = visible_contact(session, actor, contact_id)
    policy = policy_in_force(session)
    item = session.get(CatalogItem, item_id) if item_id else None
    if item_id and item is None:
        raise Invalid("compliance.catalog_item_id", item_id=item_id, field="item_id")
    value = cost if cost is not None else (Decimal(item.price) if item else None)
    code = (currency or (item.currency if item else None) or policy.currency).upper()
    described = {"id": "", "name": {"en": description, "zh": description}, "price": value or 0, "currency": code}
    kinds, is_card = _item_kinds(portable_item(item) if item else described)
    today = clock.today()
    understanding = contact_understanding(session, actor, contact, as_of=today)
    recipient = recipient_for(session, contact, understanding, as_of=today, policy=policy)
    gift = ProposedGift(value, code, kinds | described_kinds(item_kind), is_card=is_card)
    return judge(policy, recipient, gift, actor.language)


def _item_kinds(portable: Mapping[str, Any]) -> tuple[frozenset[str], bool]:
    """What the policy asks of an item (cash-like kinds, a card), read once per distinct item text.

    Reading an item through the lexicon costs milliseconds and a campaign allocation asks it for every
    candidate of every contact; the answer depends only on the item's portable text and the lexicon.
    """
    key = (id(load_lexicon()), json.dumps(portable, sort_keys=True, ensure_ascii=False, default=str))
    found = _ITEM_KINDS.get(key)
    if found is None:
        analysed = analyze_item(portable)
        found = (frozenset(k for k in ("cash", "cash_equivalent") if analysed.has(k)), analysed.has("card"))
        if len(_ITEM_KINDS) < ITEM_KINDS_KEPT:
            _ITEM_KINDS[key] = found
    return found


def check_by_sku(
    session: Session, actor: Actor, *, contact_id: int, sku: str | None, description: str = "",
    cost: Decimal | None = None, currency: str | None = None, occasion: str = "thank-you",
    item_kind: str | None = None,
) -> Verdict:
    """``check_gift`` for a catalog item named by its sku (or a described gift when there is none)."""
    item_id = None
    if sku:
        item_id = get_item(session, actor, sku=sku).id
    if not sku and not description.strip():
        raise Invalid("compliance.name_catalog_item_sku", field="sku")
    return check_gift(session, actor, contact_id=contact_id, item_id=item_id, description=description, cost=cost,
                      currency=currency, occasion=occasion, item_kind=item_kind)


def policy_in_force(session: Session) -> Policy:
    """The gift policy converting with the dated rates users set (``giftwise rates``), the shipped ones behind."""
    return load_policy().with_rates(own_rates(session))


def policy_read(session: Session) -> PolicyRead:
    """The policy in force, for people to read, with the rates it converts with today."""
    policy = policy_in_force(session)
    return PolicyRead(
        currency=policy.currency, banned=sorted(policy.banned),
        groups=[LimitsRead(group=name, per_gift_cap=limits.per_gift_cap, approval_above=limits.approval_above,
                           rolling_12m_cap=limits.rolling_12m_cap, banned=sorted(limits.banned))
                for name, limits in policy.groups.items()],
        tender_forbids=policy.tender_forbids, refuses_gifts_max=policy.refuses_gifts_max,
        repeat_window_days=policy.repeat_window_days, rates=policy.rates_on(clock.today()), version=policy.version,
    )


def update_policy(session: Session, actor: Actor, *, data: PolicyUpdate) -> PolicyRead:
    """Change the gift policy in force (admins only): every gift chosen afterwards is judged by it; audited.

    Only the groups the policy already has may be changed (a group is a rule the verdict applies, not a name);
    keys the form does not edit (the currency, rates, comments) are kept as they are."""
    if not actor.is_admin:
        raise Forbidden("compliance.policy_admins_only")
    before = policy_read(session)
    raw = policy_data()
    groups = dict(raw.get("groups") or {})
    for name in data.groups:
        if name not in groups:
            raise Invalid("compliance.policy_unknown_group", group=name, known=", ".join(groups), field="groups")
    for name, limits in data.groups.items():
        group = dict(groups[name])
        for key in ("per_gift_cap", "approval_above", "rolling_12m_cap"):
            value = getattr(limits, key)
            group[key] = None if value is None else _number(value)
        group["banned"] = sorted(set(limits.banned))
        groups[name] = group
    raw.update(banned=sorted(set(data.banned)), groups=groups,
               tender_open="forbid" if data.tender_forbids else "allow",
               refuses_gifts_max=_number(data.refuses_gifts_max), repeat_window_days=data.repeat_window_days,
               version=int(raw.get("version", 1)) + 1)
    policy_from_data(raw)  # the shape the verdict reads, checked before anything is written
    save_policy_data(raw)
    after = policy_read(session)
    record_audit(session, actor, action="compliance.policy", entity="policy", entity_id=None,
                 before=before.model_dump(mode="json", exclude={"rates"}),
                 after=after.model_dump(mode="json", exclude={"rates"}))
    return after


def _number(value: Decimal) -> int | float:
    # The policy file is edited by people too: 3000, not "3000.00".
    return int(value) if value == value.to_integral_value() else float(value)
