"""check_gift on a real database: the contact's flags, its organization, our gifts over 12 months,
and the gifts domain refusing a forbidden gift through it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.compliance.service import check_gift
from giftwise.core.actor import Actor
from tests.factories import make_contact
from tests.understanding.factories import load_own_catalog, make_gift, make_org


class TestCheckGift:
    def test_an_ordinary_item_is_allowed(self, session: Session, actor: Actor, frozen_clock: object) -> None:
        items = load_own_catalog(session)
        contact = make_contact(session, actor)
        verdict = check_gift(session, actor, contact_id=contact.id, item_id=items["jr-yixing-pot"].id)
        assert verdict.allowed and not verdict.needs_approval

    def test_a_gift_card_is_forbidden(self, session: Session, actor: Actor, frozen_clock: object) -> None:
        items = load_own_catalog(session)
        contact = make_contact(session, actor)
        verdict = check_gift(session, actor, contact_id=contact.id, item_id=items["jr-jd-card"].id)
        assert not verdict.allowed and verdict.codes == ["cash_equivalent"]

    def test_a_described_cash_gift_is_forbidden(self, session: Session, actor: Actor, frozen_clock: object) -> None:
        contact = make_contact(session, actor)
        verdict = check_gift(session, actor, contact_id=contact.id, item_id=None, description="现金红包",
                             cost=Decimal("500"), currency="CNY")
        assert not verdict.allowed and "cash" in verdict.codes

    def test_public_sector_organization_lowers_the_cap(self, session: Session, actor: Actor,
                                                       frozen_clock: object) -> None:
        items = load_own_catalog(session)
        org = make_org(session, name="市卫健委", public_sector=True)
        contact = make_contact(session, actor, organization_id=org.id)
        assert not check_gift(session, actor, contact_id=contact.id, item_id=items["jr-yixing-pot"].id).allowed
        approval = check_gift(session, actor, contact_id=contact.id, item_id=items["jr-lantern"].id)
        assert approval.allowed and approval.needs_approval

    def test_the_yearly_cap_counts_gifts_already_given(self, session: Session, actor: Actor,
                                                        frozen_clock: object) -> None:
        items = load_own_catalog(session)
        contact = make_contact(session, actor)
        from giftwise.compliance.policy import load_policy

        yearly = load_policy().groups["everyone"].rolling_12m_cap
        assert yearly is not None
        make_gift(session, contact, None, on="2026-03-01", cost=str(yearly - 100), description="a big gift")
        make_gift(session, contact, None, on="2025-01-01", cost=str(yearly - 100), description="too long ago")
        verdict = check_gift(session, actor, contact_id=contact.id, item_id=items["jr-yixing-pot"].id)
        assert not verdict.allowed and verdict.codes == ["rolling_cap"]

    def test_the_gifts_domain_refuses_a_forbidden_gift(self, session: Session, actor: Actor,
                                                        frozen_clock: object) -> None:
        from giftwise.gifts.schemas import GiftCreate
        from giftwise.gifts.service import GiftRefused, plan_gift

        load_own_catalog(session)
        org = make_org(session, name="Harbour Bureau", tender_open=True)
        contact = make_contact(session, actor, organization_id=org.id)
        with pytest.raises(GiftRefused, match="tender"):
            plan_gift(session, actor, data=GiftCreate(contact_id=contact.id, sku="jr-bouquet"))


class TestComplianceApiAndCli:
    def test_check_and_policy(self, api: TestClient, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, public_official=True)
        session.commit()
        body = api.post("/compliance/check", json={"contact_id": contact.id, "sku": "jr-spa-retreat"}).json()
        assert body["allowed"] is False and "public officials" in body["reasons"][0]
        policy = api.get("/compliance/policy").json()
        assert "cash_equivalent" in policy["banned"] and policy["currency"] == "CNY"
        missing = api.post("/compliance/check", json={"contact_id": contact.id, "sku": "nope"})
        assert missing.status_code == 404

    def test_cli(self, cli: CliRunner, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor)
        session.commit()
        result = cli.invoke(app, ["compliance", "check", str(contact.id), "--sku", "jr-lucky-money", "--format",
                                  "json"])
        assert result.exit_code == 0 and '"allowed": false' in result.output
        assert cli.invoke(app, ["compliance", "policy"]).exit_code == 0
