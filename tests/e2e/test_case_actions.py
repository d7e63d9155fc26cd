"""Settling a dispute and steering a campaign from their pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from giftwise.models.disputes import Dispute
from tests.e2e.conftest import Site
from tests.e2e.test_layout import PHONE


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


class TestStartACampaign:
    def test_a_cap_above_the_budget_is_refused_then_the_campaign_starts(self, tab: Any, site: Site) -> None:
        tab.set_viewport_size(PHONE)
        tab.goto("/app/campaigns?lang=en")
        tab.click("#new-campaign summary")
        for name, value in (("name", "Spring tea"), ("target_count", "3"), ("window_days", "30"),
                            ("total_budget", "1000"), ("per_contact_cap", "2000")):
            tab.fill(f"#campaign-form input[name={name}]", value)
        tab.click("#campaign-form button[type=submit]")
        assert "budget" in tab.locator("#campaign-form .flash.error").inner_text()  # the schema's own sentence
        tab.fill("#campaign-form input[name=per_contact_cap]", "300")
        tab.click("#campaign-form button[type=submit]")
        assert "Campaign created" in tab.locator(".flash.ok").inner_text()
        assert tab.locator("h1").inner_text().startswith("Spring tea")
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
