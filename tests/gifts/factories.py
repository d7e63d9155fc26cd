"""Typed factories for the gifts and followups tests: contacts, catalog items, users, gifts."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_of
from giftwise.core.actor import Actor, Role
from giftwise.models.accounts import Team, User
from giftwise.models.contacts import Contact
from giftwise.models.understanding import Fact


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
