"""The demo book's year of history: scripted reproducibly, replayed through the services, shown where users look."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.demo.book import DEMO_SEED, build_demo_book
from giftwise.demo.history import DemoHistory, plan_history
from giftwise.demo.schemas import DemoSummary
from giftwise.demo.service import load_demo
from giftwise.demo.stories import parcel_photo
from giftwise.models.campaigns import Campaign
from giftwise.models.contacts import Contact, Organization
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.outcomes import Outcome

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def script() -> DemoHistory:
    """The standard demo book's scripted year as of the tests' fixed day."""
    return plan_history(build_demo_book(DEMO_SEED, TODAY), DEMO_SEED, TODAY)


class TestPlanHistory:
    def test_same_seed_same_script(self, script: DemoHistory) -> None:
        assert plan_history(build_demo_book(DEMO_SEED, TODAY), DEMO_SEED, TODAY) == script

    def test_another_day_moves_the_script_with_it(self, script: DemoHistory) -> None:
        later_day = date(2027, 3, 1)
        later = plan_history(build_demo_book(DEMO_SEED, later_day), DEMO_SEED, later_day)
        assert max(step.day for step in later.steps) <= later_day and later.steps != script.steps
        assert max(step.day for step in later.steps) > TODAY

    def test_steps_in_time_order_within_the_past_year(self, script: DemoHistory) -> None:
        days = [step.day for step in script.steps]
        assert days == sorted(days) and (TODAY - days[0]).days <= 400 and days[-1] <= TODAY

    def test_a_good_share_of_contacts_get_gifts_but_no_public_official(self, script: DemoHistory) -> None:
        book = build_demo_book(DEMO_SEED, TODAY)
        gifted = {step.contact for step in script.steps if step.action == "plan"}
        assert len(gifted) >= 0.35 * len(book.contacts) and script.gift_count >= 100
        assert not any(book.contacts[i].fields["public_official"] for i in gifted)

    def test_three_drains_in_different_books(self, script: DemoHistory) -> None:
        book = build_demo_book(DEMO_SEED, TODAY)
        assert len(script.drains) == 3 and len({book.contacts[i].owner for i in script.drains}) == 3
        assert not set(script.drains) & set(script.healthy) and len(script.healthy) >= 5


def test_parcel_photo_is_a_png() -> None:
    photo = parcel_photo(22)
    assert photo.startswith(b"\x89PNG\r\n\x1a\n") and b"IEND" in photo[-12:]


def _by_name(session: Session) -> dict[str, Contact]:
    return {c.name: c for c in session.scalars(select(Contact))}


class TestLoadedHistory:
    def test_counts_per_kind(self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date) -> None:
        summary = demo_book
        statuses = Counter(session.scalars(select(Gift.status)))
        assert sum(statuses.values()) == summary.history["gifts"] >= 100
        assert statuses["acknowledged"] >= 60 and statuses["returned"] + statuses["refused"] >= 6
        assert all(statuses[s] >= 1 for s in ("planned", "ordered", "shipped", "delivered"))
        kinds = Counter(session.scalars(select(Gift.kind)))
        assert kinds["care"] >= 30 and kinds["token"] >= 30
        touches = Counter(session.execute(select(Touch.status, Touch.purpose)).all())
        assert sum(n for (status, _), n in touches.items() if status == "done") >= 200
        done_minutes = session.scalars(select(Touch.minutes_spent).where(Touch.status == "done")).all()
        assert sum(1 for m in done_minutes if m > 0) >= 200
        outcomes = Counter(session.scalars(select(Outcome.kind)))
        assert all(outcomes[k] >= 1 for k in ("reply", "meeting", "order", "silence", "complaint"))
        assert max(session.scalars(select(Outcome.value).where(Outcome.kind == "order"))) > 0
        cadences = session.scalars(select(Contact.touch_cadence_days).where(Contact.touch_cadence_days.is_not(None)))
        assert len(cadences.all()) >= 20
        assert summary.history["campaigns"] == summary.history["disputes"] == summary.history["shipments"] == 1

    def test_agenda_of_the_local_user_has_overdue_today_and_upcoming(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.followups.agenda_service import agenda

        todo = agenda(session, actor, owner_id=actor.user_id)
        assert todo.overdue and todo.today and todo.upcoming
        purposes = {t.purpose for t in todo.overdue + todo.today + todo.upcoming}
        # A gift's follow-up too: a chance to reciprocate, or a repair call after a gift came back.
        assert {"follow-up", "meeting"} <= purposes and purposes & {"reciprocity", "recovery"}

    def test_drains_flag_the_intended_relationships(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.analytics.service import draining_relationships

        book = build_demo_book(DEMO_SEED, frozen_clock)
        script = plan_history(book, DEMO_SEED, frozen_clock)
        flagged = {d.name: d for d in draining_relationships(session, actor)}
        intended = {book.contacts[i].fields["name"] for i in script.drains}
        healthy = {book.contacts[i].fields["name"] for i in script.healthy}
        assert intended <= set(flagged) and not healthy & set(flagged)
        assert all(flagged[name].returned >= 2 and flagged[name].action == "pause" for name in intended)

    def test_the_cosmetic_bag_dispute_waits_with_advice(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.disputes.service import list_disputes
        from giftwise.orders.service import list_promises
        from giftwise.shipments.service import list_evidence

        dispute = list_disputes(session, actor).items[0]
        assert dispute.status == "open" and dispute.claim_kind == "short" and dispute.claim_quantity == 2
        contact = session.get(Contact, dispute.contact_id)
        organization = session.get(Organization, contact.organization_id) if contact else None
        assert dispute.recommended and organization is not None and "Bella Vista" in organization.name
        evidence = list_evidence(session, actor, shipment_id=dispute.shipment_id)
        assert {e.kind for e in evidence} == {"photo", "weight", "note"} and all(e.verified != "missing"
                                                                                 for e in evidence)
        promises = list_promises(session, actor).items
        assert Counter(p.status for p in promises) == {"kept": 1, "open": 1}

    def test_the_campaign_is_half_way(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        from giftwise.campaigns.report_service import campaign_detail

        campaign = session.scalars(select(Campaign)).one()
        detail: Any = campaign_detail(session, actor, campaign_id=campaign.id)
        arms = Counter(t.arm for t in detail.targets)
        assert arms == {"gifted": 8, "control": 2} and campaign.status == "active"
        assert [c.status for c in detail.checkpoints] == ["met", "pending"]
        assert 0 < sum(1 for t in detail.targets if t.succeeded_on) < campaign.target_count

    def test_second_load_adds_no_history(
        self, demo_book: DemoSummary, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        counts = [session.scalar(select(Gift.id).order_by(Gift.id.desc()).limit(1)),
                  len(session.scalars(select(Touch.id)).all()), len(session.scalars(select(Outcome.id)).all())]
        again = load_demo(session, actor)
        assert again.history == {}
        assert counts == [session.scalar(select(Gift.id).order_by(Gift.id.desc()).limit(1)),
                          len(session.scalars(select(Touch.id)).all()), len(session.scalars(select(Outcome.id)).all())]
