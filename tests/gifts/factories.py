"""Typed factories for the gifts and followups tests: contacts, catalog items, users, gifts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_of
from giftwise.core.actor import Actor, Role
from giftwise.models.accounts import Team, User
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.understanding import Fact


def make_contact(
    session: Session, actor: Actor, *, name: str = "王建国", language: str = "zh", **values: Any
) -> Contact:
    """A contact owned by ``actor`` (override any column with ``values``)."""
    contact = Contact(name=name, language=language, owner_id=values.pop("owner_id", actor.user_id), **values)
    session.add(contact)
    session.flush()
    return contact


def make_item(session: Session, *, sku: str = "pear-orchard", price: str = "168", **values: Any) -> CatalogItem:
    """A catalog item: by default a box of home-grown pears with a story and a usage tip."""
    defaults: dict[str, Any] = {
        "name_zh": "姥爷果园的秋月梨",
        "name_en": "Pears from grandpa's orchard",
        "category": "food",
        "tags": ["fruit", "story"],
        "usage_tip_zh": "放两三天再吃更甜",
        "usage_tip_en": "Let them rest two or three days; they get sweeter",
        "story_prompt": "这梨是我姥爷种的",
        "currency": "CNY",
    }
    item = CatalogItem(sku=sku, price=Decimal(price), **{**defaults, **values})
    session.add(item)
    session.flush()
    return item


def make_user(
    session: Session,
    *,
    username: str,
    role: Role = Role.REP,
    email: str | None = None,
    language: str = "en",
    team: Team | None = None,
) -> tuple[User, Actor]:
    """A user and the Actor acting as them."""
    user = User(
        username=username,
        display_name=username.title(),
        role=role.value,
        email=email,
        language=language,
        team_id=team.id if team else None,
    )
    session.add(user)
    session.flush()
    return user, actor_of(user)


def make_fact(session: Session, contact: Contact, *, kind: str, concept: str, on: date) -> Fact:
    """An active fact about ``contact``."""
    fact = Fact(contact_id=contact.id, kind=kind, concept=concept, observed_on=on, origin="manual")
    session.add(fact)
    session.flush()
    return fact
