"""Settling a dispute and steering a campaign from their pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from giftwise.models.disputes import Dispute
from tests.e2e.conftest import Site


class TestDisputeActions:
    def test_resolve_as_advised_then_close_with_what_came_of_it(self, tab: Any, site: Site, look: Session) -> None:
        tab.goto(f"/app/disputes/{site.world.dispute}")
        tab.click("#resolve button")
        assert "已按所选方式处理" in tab.locator(".flash.ok").inner_text()
        tab.select_option("#close select[name=outcome]", "quiet")
        tab.click("#close button")
        assert "已结案" in tab.locator(".flash.ok").inner_text()
        dispute = look.get(Dispute, site.world.dispute)
        assert dispute is not None and (dispute.status, dispute.outcome) == ("closed", "quiet")
        look.rollback()


class TestCampaignActions:
    def test_score_the_checkpoint_and_allocate_in_english(self, tab: Any, site: Site) -> None:
        tab.goto(f"/app/campaigns/{site.world.campaign}?lang=en")
        tab.locator("#campaign-actions button", has_text="checkpoint").click()
        assert "Checkpoint scored" in tab.locator(".flash.ok").inner_text()
        tab.locator("#campaign-actions button", has_text="Allocate").click()
        said = tab.locator(".flash").first.inner_text()
        assert said.strip() and "Traceback" not in tab.content()
