"""Loading the demo book through the services: counts, idempotence, reproducibility, owners."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from giftwise.accounts.service import actor_for_cli, actor_of, find_user
from giftwise.catalog.service import portable_catalog
from giftwise.contacts.schemas import ContactCreate, ContactFilter, OrganizationFilter
from giftwise.contacts.service import create_contact, list_contacts, list_notes, list_organizations
from giftwise.core.actor import Actor, Role
from giftwise.core.db import unit_of_work
from giftwise.core.errors import Forbidden
from giftwise.demo.book import DEMO_SEED, build_demo_book
from giftwise.demo.schemas import DemoSummary
from giftwise.demo.service import load_demo, load_demo_if_empty
from giftwise.models.contacts import Note
from tests.demo.conftest import DemoTemplates, history_dump

EVERYONE = ContactFilter(archived=None)


def _contacts(session: Session, actor: Actor) -> list[Any]:
    return list(list_contacts(session, actor, filters=EVERYONE, limit=500).items)


def _dump(session: Session, actor: Actor) -> list[tuple[Any, ...]]:
    """The loaded book without ids and timestamps: what a user would see."""
    rows = []
    for contact in _contacts(session, actor):
        notes = list_notes(session, actor, contact_id=contact.id, limit=500).items
        fields = contact.model_dump(exclude={"id", "organization_id", "owner_id", "created_at", "updated_at"})
        rows.append((sorted(fields.items()), [(n.on, n.channel, n.kind, n.text) for n in notes]))
    return sorted(rows, key=repr)


class TestLoadDemo:
    def test_loads_a_full_book(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        summary = demo_book
        organizations = list_organizations(session, actor, filters=OrganizationFilter(archived=None), limit=1)
        assert summary.contacts_created == len(_contacts(session, actor)) >= 150
        assert summary.organizations_created == organizations.total >= 30
        assert summary.notes_created == (session.scalar(select(func.count()).select_from(Note)) or 0) >= 300
        assert summary.catalog_items == len(portable_catalog(session)) >= 116
        assert [c.username for c in summary.colleagues_created] == ["li.na", "zhang.wei", "chen.jing"]

    def test_second_load_adds_nothing(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        before = _dump(session, actor)
        again = load_demo(session, actor)
        assert (again.contacts_created, again.notes_created, again.organizations_created) == (0, 0, 0)
        assert again.catalog_created == 0 and again.colleagues_created == []
        assert again.contacts_already_there == len(before)
        assert _dump(session, actor) == before

    def test_each_colleague_sees_their_own_book(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        book = build_demo_book(DEMO_SEED, frozen_clock)
        for username in ("zhang.wei", "chen.jing"):
            rep = actor_of(find_user(session, actor, ref=username))
            owned = sum(1 for contact in book.contacts if contact.owner == username)
            assert rep.role is Role.REP and len(_contacts(session, rep)) == owned
        manager = actor_of(find_user(session, actor, ref="li.na"))
        team = sum(1 for contact in book.contacts if contact.owner is not None)
        assert len(_contacts(session, manager)) == team

    def test_notes_are_written_by_the_contacts_owner(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        rows = session.execute(select(Note.author_id, Note.contact_id)).all()
        owners = {c.id: c.owner_id for c in _contacts(session, actor)}
        assert all(author == owners[contact] for author, contact in rows)

    def test_only_an_admin_loads_it(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        manager = Actor(user_id=actor.user_id, username=actor.username, role=Role.MANAGER)
        with pytest.raises(Forbidden, match="Only an admin"):
            load_demo(session, manager)
        assert _contacts(session, actor) == []


class TestLoadDemoIfEmpty:
    def test_loads_once_counting_every_step_into_the_book_any_load_gives(
        self, sqlite_only: None, loaded_elsewhere: DemoTemplates, db_url: str, engine: Engine, actor: Actor,
        frozen_clock: date,
    ) -> None:
        # One fresh load serves four promises (loads once, counts its steps, same seed same book and same
        # history): each fresh load costs half a minute, and the other demo tests read a copy of the worker's book.
        # On PostgreSQL the worker's own book is that fresh load, and every demo test there reads it.
        seen: list[tuple[int, int]] = []
        assert load_demo_if_empty(progress=lambda done, total, what: seen.append((done, total))) is True
        assert load_demo_if_empty() is False
        assert seen[-1][0] == seen[-1][1] and [done for done, _ in seen] == list(range(1, len(seen) + 1))
        with unit_of_work(engine) as session, loaded_elsewhere.reading(db_url) as loaded:
            assert len(_contacts(session, actor_for_cli(session))) >= 150
            assert _dump(session, actor_for_cli(session)) == _dump(loaded, actor_for_cli(loaded))
            assert history_dump(session) == history_dump(loaded) and history_dump(loaded)

    def test_a_book_with_contacts_is_left_alone(self, engine: Engine, actor: Actor, frozen_clock: date) -> None:
        with unit_of_work(engine) as session:
            create_contact(session, actor_for_cli(session), data=ContactCreate(name="王建国"))
        assert load_demo_if_empty() is False
        with unit_of_work(engine) as session:
            assert portable_catalog(session) == []
