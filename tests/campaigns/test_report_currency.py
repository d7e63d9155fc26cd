"""A campaign's scoreboard states every amount in the campaign's own currency and says so: a USD campaign's
spend and the CNY orders credited to it are never added or shown as if they were one currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.campaigns.report_service import campaign_detail, campaign_report
from giftwise.core.actor import Actor
from tests.factories import make_contact
from tests.ledger.factories import make_campaign, make_gift, make_outcome


def test_a_usd_campaign_reports_in_usd_with_cny_orders_converted(
    session: Session, actor: Actor, frozen_clock: date
) -> None:
    client = make_contact(session, actor)
    campaign = make_campaign(session, actor, starts_on=date(2026, 11, 1), targets=[client])
    campaign.currency = "USD"
    gift = make_gift(session, actor, client, on=date(2026, 11, 2), cost="100", campaign_id=campaign.id)
    gift.currency = "USD"
    make_outcome(session, client, "order", date(2026, 11, 10), value="7100", gift=gift, campaign_id=campaign.id)
    session.flush()

    report = campaign_report(session, actor, campaign_id=campaign.id)
    assert report.currency == "USD" and "USD" in report.currency_note
    assert report.spent == Decimal("100.00")
    assert Decimal(0) < report.attributed_value <= Decimal("1000.00")  # 7100 CNY at the shipped 7.1, at most
    assert report.roi is not None and abs(report.roi - float((report.attributed_value - 100) / 100)) < 0.02

    detail = campaign_detail(session, actor, campaign_id=campaign.id)
    assert detail.spent == Decimal("100.00") and detail.currency == "USD"


def test_gifts_in_another_currency_are_converted_into_the_campaigns(
    session: Session, actor: Actor, frozen_clock: date
) -> None:
    client = make_contact(session, actor)
    campaign = make_campaign(session, actor, starts_on=date(2026, 11, 1), targets=[client])
    make_gift(session, actor, client, on=date(2026, 11, 2), cost="71", campaign_id=campaign.id)
    usd = make_gift(session, actor, client, on=date(2026, 11, 3), cost="10", campaign_id=campaign.id)
    usd.currency = "USD"
    session.flush()
    assert campaign_report(session, actor, campaign_id=campaign.id).spent == Decimal("142.00")
    assert campaign_detail(session, actor, campaign_id=campaign.id).spent == Decimal("142.00")
