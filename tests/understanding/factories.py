"""Typed factories for the understanding, recommend and compliance tests: contacts, notes, the own catalog."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact, Note, Organization
from giftwise.models.gifts import Gift
from tests.recommend.scenarios import DATA


def make_org(session: Session, *, name: str = "ACME", **values: Any) -> Organization:
    """An organization (override any column, e.g. state_owned=True, tender_open=True)."""
    org = Organization(name=name, **values)
    session.add(org)
    session.flush()
    return org




def add_note(session: Session, contact: Contact, day: str, text: str, kind: str = "note") -> Note:
    """A verbatim note (or event) about ``contact``."""
    note = Note(contact_id=contact.id, on=date.fromisoformat(day), text=text, kind=kind)
    session.add(note)
    session.flush()
    return note


def load_own_catalog(session: Session) -> dict[str, CatalogItem]:
    """The own test catalog stored as catalog items, by sku."""
    items = {}
    for raw in json.loads((DATA / "own_catalog.json").read_text(encoding="utf-8"))["catalog"]:
        item = CatalogItem(
            sku=raw["id"], name_en=raw["name"]["en"], name_zh=raw["name"]["zh"],
            description_en=raw["description"]["en"], description_zh=raw["description"]["zh"],
            price=Decimal(str(raw["price"])), currency=raw["currency"], category=raw["category"], tags=raw["tags"],
        )
        session.add(item)
        items[item.sku] = item
    session.flush()
    return items


def make_gift(session: Session, contact: Contact, item: CatalogItem | None, *, on: str, cost: str = "100",
              status: str = "delivered", description: str = "") -> Gift:
    """A gift we gave ``contact`` on ``on``."""
    gift = Gift(contact_id=contact.id, item_id=item.id if item else None, description=description,
                cost=Decimal(cost), currency="CNY", status=status, planned_on=date.fromisoformat(on),
                owner_id=contact.owner_id)
    session.add(gift)
    session.flush()
    return gift
