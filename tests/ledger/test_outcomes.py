"""Recording outcomes: what came back, checked against the gift, touch and campaign it answers."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.accounts.service import ensure_user
from giftwise.cli import app
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Invalid, NotFound
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.ledger.service import list_outcomes, record_outcome
from giftwise.models.outcomes import Outcome
from tests.factories import make_contact
from tests.ledger.factories import make_campaign, make_gift, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Outcome)) or 0


class TestRecordOutcome:
    def test_order_with_value_is_stored_with_default_date_and_currency(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        outcome = record_outcome(
            session, actor, data=OutcomeCreate(contact_id=contact.id, kind="order", value=Decimal("12000"))
        )
        assert outcome.on == date(2026, 11, 20)
        assert outcome.currency == "CNY"
        assert outcome.value == Decimal("12000")

    def test_touch_brings_its_gift_and_gift_brings_its_campaign(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        campaign = make_campaign(session, actor, starts_on=date(2026, 11, 1), targets=[contact])
        gift = make_gift(session, actor, contact, on=date(2026, 11, 2), campaign_id=campaign.id)
        touch = make_touch(session, actor, contact, due=date(2026, 11, 5), done=date(2026, 11, 5), gift=gift)
        outcome = record_outcome(
            session, actor, data=OutcomeCreate(contact_id=contact.id, kind="reply", touch_id=touch.id)
        )
        assert (outcome.gift_id, outcome.campaign_id) == (gift.id, campaign.id)

    def test_future_date_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="in the future"):
            record_outcome(
                session, actor, data=OutcomeCreate(contact_id=contact.id, kind="reply", on=date(2026, 12, 1))
            )
        assert _count(session) == 0

    def test_order_without_value_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="needs its value"):
            record_outcome(session, actor, data=OutcomeCreate(contact_id=contact.id, kind="order"))

    def test_value_on_a_reply_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="Only orders and referrals"):
            record_outcome(
                session, actor, data=OutcomeCreate(contact_id=contact.id, kind="reply", value=Decimal("5"))
            )

    def test_gift_of_another_contact_is_refused(self, session: Session, actor: Actor) -> None:
        wang, li = make_contact(session, actor), make_contact(session, actor, "李娜")
        gift = make_gift(session, actor, li, on=date(2026, 11, 1))
        with pytest.raises(Invalid, match="not a gift to contact"):
            record_outcome(session, actor, data=OutcomeCreate(contact_id=wang.id, kind="return", gift_id=gift.id))
        assert _count(session) == 0

    def test_outcome_before_the_gift_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        gift = make_gift(session, actor, contact, on=date(2026, 11, 10))
        with pytest.raises(Invalid, match="before gift"):
            record_outcome(
                session, actor,
                data=OutcomeCreate(contact_id=contact.id, kind="reply", gift_id=gift.id, on=date(2026, 11, 1)),
            )

    def test_campaign_the_contact_is_not_in_is_refused(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        campaign = make_campaign(session, actor, starts_on=date(2026, 11, 1))
        with pytest.raises(Invalid, match="not a target of campaign"):
            record_outcome(
                session, actor, data=OutcomeCreate(contact_id=contact.id, kind="reply", campaign_id=campaign.id)
            )

    def test_contact_of_another_rep_is_not_found(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        other = ensure_user(session, username="rep2", role=Role.REP)
        rep = Actor(user_id=other.id, username="rep2", role=Role.REP)
        with pytest.raises(NotFound):
            record_outcome(session, rep, data=OutcomeCreate(contact_id=contact.id, kind="reply"))

    def test_unknown_kind_is_rejected_by_the_schema(self) -> None:
        with pytest.raises(ValueError, match="reply"):
            OutcomeCreate(contact_id=1, kind="applause")  # type: ignore[arg-type]


class TestListOutcomes:
    def test_filters_by_kind_and_period(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        for kind, day in (("reply", 1), ("meeting", 5), ("reply", 15)):
            record_outcome(
                session, actor, data=OutcomeCreate(contact_id=contact.id, kind=kind, on=date(2026, 11, day))
            )
        page = list_outcomes(session, actor, kind="reply", since=date(2026, 11, 10))
        assert page.total == 1
        assert page.items[0].on == date(2026, 11, 15)


class TestOutcomeEdges:
    def test_api_add_then_list(self, session: Session, actor: Actor, api: TestClient) -> None:
        contact = make_contact(session, actor)
        session.commit()
        created = api.post("/outcomes", json={"contact_id": contact.id, "kind": "meeting", "note": "lunch"})
        assert created.status_code == 201, created.text
        listed = api.get("/outcomes", params={"contact_id": contact.id}).json()
        assert [o["kind"] for o in listed["items"]] == ["meeting"]

    def test_api_bad_value_is_problem_json(self, session: Session, actor: Actor, api: TestClient) -> None:
        contact = make_contact(session, actor)
        session.commit()
        response = api.post("/outcomes", json={"contact_id": contact.id, "kind": "order"})
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")

    def test_cli_add_and_list_json(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        contact = make_contact(session, actor)
        session.commit()
        added = cli.invoke(app, ["outcomes", "add", str(contact.id), "order", "--value", "8800"])
        assert added.exit_code == 0, added.output
        listed = cli.invoke(app, ["outcomes", "list", "--format", "json"])
        assert listed.exit_code == 0, listed.output
        assert Decimal(json.loads(listed.output)["items"][0]["value"]) == Decimal("8800")

    def test_cli_bad_kind_is_one_red_line(self, session: Session, actor: Actor, cli: CliRunner) -> None:
        contact = make_contact(session, actor)
        session.commit()
        result = cli.invoke(app, ["outcomes", "add", str(contact.id), "reply", "--value", "3"])
        assert result.exit_code == 2
        assert "Only orders and referrals" in result.output
