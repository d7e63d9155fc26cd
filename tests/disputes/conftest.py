"""Fixtures for the disputes tests: a clock the story can move, and the exporter's world."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session

from giftwise.core import clock
from giftwise.core.actor import Actor
from tests.disputes.factories import World, make_world


@pytest.fixture
def story_clock() -> Iterator[None]:
    """A clock fixed at 2026-11-02 that tests move forward with ``factories.at``; unfrozen afterwards."""
    clock.set_now(date(2026, 11, 2))
    yield
    clock.set_now(None)


@pytest.fixture
def world(session: Session, actor: Actor, story_clock: None) -> World:
    """Anna and the bags, committed."""
    built = make_world(session, actor)
    session.commit()
    return built
