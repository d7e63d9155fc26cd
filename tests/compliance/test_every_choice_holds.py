"""No gift chosen anywhere breaks a restriction: on random catalogs and random people, planning a gift refuses
every item that holds what the person must avoid (from the catalog or described in free text), the gestures
planner never proposes one, and a campaign's allocation never gives one. The ranking paths have their own
property test (tests/recommend/test_guard.py); this one drives the services a rep uses, on a real database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.schemas import CampaignCreate
from giftwise.campaigns.service import create_campaign
from giftwise.core.actor import Actor
from giftwise.gestures.service import gesture_plan
from giftwise.gifts.guard_gate import GuardRefused
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import GiftRefused, plan_gift
from giftwise.models.contacts import Contact
from tests.factories import make_contact, make_item
from tests.gifts.factories import make_fact
from tests.recommend.test_guard import CONTENT_WORDS, FORBIDS, NEUTRAL


@dataclass(frozen=True)
class Drawn:
    """One random situation: items as (words, where the words stand, the content they name) and restrictions."""

    items: list[tuple[str, str, str | None]]
    restrictions: list[str]


@st.composite
def situations(draw: st.DrawFn) -> Drawn:
    """A few items, each naming one content or none, in its name or only in its description."""
    items = []
    for _ in range(draw(st.integers(min_value=2, max_value=6))):
        content = draw(st.sampled_from([*sorted(CONTENT_WORDS), None]))
        words = draw(st.sampled_from(CONTENT_WORDS[content] if content else NEUTRAL))
        items.append((words, draw(st.sampled_from(["name", "description"])), content))
    restrictions = draw(st.lists(st.sampled_from(sorted(FORBIDS)), min_size=1, max_size=2, unique=True))
    return Drawn(items, restrictions)


def _book(session: Session, actor: Actor, drawn: Drawn, today: date, made: dict[str, tuple[int, str | None]]
          ) -> tuple[Contact, set[str], list[str]]:
    """A new contact with the drawn restrictions, and the drawn items added to ``made`` (every item of the
    database with its content); returns the skus the contact must never get and the words of the drawn ones."""
    tag = uuid.uuid4().hex[:8]
    contact = make_contact(session, actor, f"客户{tag}")
    for restriction in drawn.restrictions:
        make_fact(session, contact, kind="restriction", concept=restriction, on=today)
    forbidden = set().union(*(FORBIDS[r] for r in drawn.restrictions))
    never_words = []
    for k, (words, where, content) in enumerate(drawn.items):
        sku = f"{tag}-{k}"
        named = {"name_zh": words, "name_en": words} if where == "name" else {
            "name_zh": f"礼盒{k}", "name_en": f"Gift box {k}", "description_en": f"A gift box with {words} inside."}
        made[sku] = (make_item(session, sku, str(60 + 20 * k), category="gift", **named).id, content)
        if content in forbidden:
            never_words.append(words)
    return contact, {sku for sku, (_, content) in made.items() if content in forbidden}, never_words


def _campaign_items(session: Session, actor: Actor, contact: Contact) -> set[int]:
    """The ids of the items a one-target campaign's allocation gives ``contact``."""
    campaign = create_campaign(session, actor, data=CampaignCreate.model_validate({
        "name": f"Thanks {contact.id}", "metric": "reply", "target_count": 1, "window_days": 30,
        "starts_on": date(2026, 11, 15), "total_budget": Decimal("400"), "per_contact_cap": Decimal("400"),
        "control_share": 0.0, "target_ids": [contact.id]}))
    return {line.item_id for line in allocate_campaign(session, actor, campaign_id=campaign.id).lines if line.item_id}


def test_no_service_chooses_what_a_person_must_avoid(session: Session, actor: Actor, frozen_clock: date) -> None:
    # Each example adds its own contact and items to the one test database: examples never share a person, and
    # a later example's catalog holds every earlier example's items too.
    made: dict[str, tuple[int, str | None]] = {}

    @settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(situations())
    def holds(drawn: Drawn) -> None:
        contact, never, never_words = _book(session, actor, drawn, frozen_clock, made)
        for sku in never:
            with pytest.raises((GiftRefused, GuardRefused)):
                plan_gift(session, actor, data=GiftCreate(contact_id=contact.id, sku=sku))
        for words in never_words:
            with pytest.raises((GiftRefused, GuardRefused)):
                plan_gift(session, actor, data=GiftCreate(contact_id=contact.id, description=words, item_kind="food",
                                                          cost=Decimal("120")))
        proposal = gesture_plan(session, actor, contact_id=contact.id, budget=Decimal("2000"), months=6)
        assert not {g.sku for g in proposal.gestures} & never, (drawn, proposal.gestures)
        assert not _campaign_items(session, actor, contact) & {made[sku][0] for sku in never}, drawn

    holds()
