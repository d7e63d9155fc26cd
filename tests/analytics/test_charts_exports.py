"""What people look at: PNG/SVG charts and the three XLSX working documents."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from giftwise.analytics.service import ledger_chart, monthly_series
from giftwise.analytics.sheets_service import export_sheet
from giftwise.campaigns.allocation_service import allocate_campaign
from giftwise.campaigns.report_service import campaign_chart
from giftwise.campaigns.schemas import CampaignCreate, PhaseIn
from giftwise.campaigns.service import create_campaign
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.models.campaigns import Campaign
from tests.factories import make_contact, make_item
from tests.ledger.factories import make_gift, make_outcome, make_touch

pytestmark = pytest.mark.usefixtures("frozen_clock")
PNG = b"\x89PNG\r\n\x1a\n"


def _world(session: Session, actor: Actor) -> Campaign:
    wang, li = make_contact(session, actor), make_contact(session, actor, "李娜")
    make_item(session, "tea", "150", category="tea")
    make_gift(session, actor, wang, on=date(2026, 8, 1), cost="300", kind="care")
    make_gift(session, actor, li, on=date(2026, 9, 1), cost="200", kind="token", status="returned")
    make_outcome(session, wang, "order", date(2026, 9, 1), value="6000")
    make_touch(session, actor, wang, due=date(2026, 8, 5), done=date(2026, 8, 5), minutes=20, result="liked it")
    make_touch(session, actor, li, due=date(2026, 11, 1))
    return create_campaign(session, actor, data=CampaignCreate(
        name="Year end", metric="reply", target_count=1, window_days=30, starts_on=date(2026, 11, 10),
        total_budget=Decimal("400"), per_contact_cap=Decimal("200"), control_share=0.0,
        phases=[PhaseIn(budget=Decimal("200")), PhaseIn(budget=Decimal("200"))], target_ids=[wang.id, li.id],
    ))


class TestMonthlySeries:
    def test_spend_orders_and_attributed_returns_per_month(self, session: Session, actor: Actor) -> None:
        _world(session, actor)
        points = {p.month: p for p in monthly_series(session, actor, months=6)}
        assert list(points) == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
        assert points["2026-08"].spent == 300 and points["2026-08"].attributed == 3000
        assert points["2026-09"].orders == 6000


class TestLedgerChart:
    @pytest.mark.parametrize("kind", ["spend", "roi"])
    def test_png_and_svg(self, session: Session, actor: Actor, kind: str) -> None:
        _world(session, actor)
        assert ledger_chart(session, actor, kind=kind, fmt="png").startswith(PNG)
        assert b"<svg" in ledger_chart(session, actor, kind=kind, fmt="svg")[:400]

    def test_unknown_format_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="png or svg"):
            ledger_chart(session, actor, kind="spend", fmt="gif")


class TestCampaignChart:
    @pytest.mark.parametrize("kind", ["funnel", "progress"])
    def test_renders(self, session: Session, actor: Actor, kind: str) -> None:
        campaign = _world(session, actor)
        assert campaign_chart(session, actor, campaign_id=campaign.id, kind=kind, fmt="png").startswith(PNG)

    def test_unknown_chart_is_refused(self, session: Session, actor: Actor) -> None:
        campaign = _world(session, actor)
        with pytest.raises(Invalid, match="funnel or progress"):
            campaign_chart(session, actor, campaign_id=campaign.id, kind="pie", fmt="png")


class TestExportSheet:
    def test_strategy_lists_gifts_and_proposals(self, session: Session, actor: Actor) -> None:
        campaign = _world(session, actor)
        allocate_campaign(session, actor, campaign_id=campaign.id)
        rows = _rows(export_sheet(session, actor, sheet="strategy", campaign_id=campaign.id))
        assert rows[0][:3] == ("Contact", "Organization", "What")
        assert {r[2] for r in rows[1:]} == {"tea"} and all(r[7] == "proposed" for r in rows[1:])
        whole_book = _rows(export_sheet(session, actor, sheet="strategy"))
        assert len(whole_book) == 3

    def test_budget_compares_planned_and_spent_per_phase(self, session: Session, actor: Actor) -> None:
        campaign = _world(session, actor)
        allocate_campaign(session, actor, campaign_id=campaign.id)
        rows = _rows(export_sheet(session, actor, sheet="budget", campaign_id=campaign.id))
        assert rows[0] == ("Phase", "Contact", "Planned", "Spent", "Planned − spent")
        phase_one_total = next(r for r in rows if r[0] == 1 and str(r[1]).startswith("Total"))
        assert phase_one_total[2] == 150 and "200.00 (released)" in phase_one_total[1]
        assert "(locked)" in next(r for r in rows if r[0] == 2)[1]
        assert rows[-1][1].startswith("Campaign budget 400.00")

    def test_budget_needs_a_campaign(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="belongs to a campaign"):
            export_sheet(session, actor, sheet="budget")

    def test_followups_lists_every_touch_with_overdue(self, session: Session, actor: Actor) -> None:
        _world(session, actor)
        rows = _rows(export_sheet(session, actor, sheet="followups"))
        assert [(r[0], r[5], r[7], r[9]) for r in rows[1:]] == [("王建国", "done", "liked it", "no"),
                                                               ("李娜", "open", None, "yes")]

    def test_unknown_sheet_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="strategy, budget, followups"):
            export_sheet(session, actor, sheet="invoices")


def _rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))
