"""Touches on the agenda move without a full page reload (HTMX): done, later, skip, another day."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.models.followups import Touch
from tests.e2e.conftest import Site
from tests.e2e.test_layout import PHONE, _shoot

MARK = "window.__stillThisPage = true"  # survives only if the page was not reloaded


def _touch(look: Session, touch_id: int) -> tuple[str, str | None, str]:
    """The touch's status, result and due day as stored now (the read ends its transaction, so a
    SQLite reader never holds up the server's next write)."""
    look.expire_all()
    touch = look.get(Touch, touch_id)
    assert touch is not None
    state = (str(touch.status), touch.result, str(touch.due_on))
    look.rollback()
    return state


def _reciprocity(look: Session, site: Site) -> int:
    """The reciprocity opportunity after Wang's pears landed in September: overdue, its window long closed."""
    touch_id = look.scalars(select(Touch.id).where(Touch.gift_id == site.world.pear_gift,
                                                   Touch.purpose == "reciprocity")).one()
    look.rollback()
    return touch_id


def _act_in_place(tab: Any, touch_id: int, field: str, value: str, button: str, *, lang: str = "en") -> Any:
    """Open the agenda (marked, so a reload would show), give the touch's ``field`` and press ``button``;
    the touch's row."""
    tab.goto(f"/app?lang={lang}")
    tab.evaluate(MARK)
    row = tab.locator(f"#touch-{touch_id}")
    row.locator("summary").click()
    row.locator(f"input[name={field}]").fill(value)
    row.locator("button", has_text=button).click()
    return row


class TestWithoutReload:
    def test_done_settles_the_row_and_the_counts_in_place(self, tab: Any, site: Site, look: Session) -> None:
        tab.set_viewport_size(PHONE)
        tab.goto("/app")
        tab.evaluate(MARK)
        before = int(tab.locator("#count-overdue").inner_text())
        row = tab.locator(f"#touch-{site.world.overdue_call}")
        row.locator("input[name=result]").fill("约了下周喝茶")
        row.locator("button", has_text="完成").click()
        assert "已标记完成" in row.locator(".flash.ok").inner_text()
        assert tab.locator("#count-overdue").inner_text() == str(before - 1)
        assert tab.evaluate("window.__stillThisPage") is True
        _shoot(tab, "agenda-done-zh-390")
        assert _touch(look, site.world.overdue_call)[0] == "done"

    def test_an_overdue_reciprocity_touch_moves_to_another_day_then_is_skipped(
        self, tab: Any, site: Site, look: Session
    ) -> None:
        touch_id = _reciprocity(look, site)  # its window closed long ago: it reads as a keep-in-touch call now
        row = _act_in_place(tab, touch_id, "due_on", "2026-11-25", "Move")
        assert row.locator(".flash.ok").inner_text() == "Moved."
        assert _touch(look, touch_id)[::2] == ("open", "2026-11-25")
        row = _act_in_place(tab, touch_id, "reason", "Too late to ask now", "Skip")
        assert row.locator(".flash.ok").inner_text() == "Skipped."
        assert tab.evaluate("window.__stillThisPage") is True
        assert _touch(look, touch_id)[:2] == ("skipped", "Too late to ask now")

    @pytest.mark.parametrize(("lang", "button", "said"), [("zh", "改期", "已改期。")])
    def test_another_day_moves_the_touch(self, tab: Any, site: Site, look: Session, lang: str, button: str,
                                         said: str) -> None:
        row = _act_in_place(tab, site.world.today_message, "due_on", "2026-11-27", button, lang=lang)
        assert row.locator(".flash.ok").inner_text() == said
        assert row.inner_text().startswith("2026-11-27")
        assert _touch(look, site.world.today_message)[2] == "2026-11-27"
        assert tab.evaluate("window.__stillThisPage") is True

    def test_a_skip_without_a_reason_says_so_beside_the_field(self, tab: Any, look: Session) -> None:
        tab.goto("/app")
        row = tab.locator("tr[data-touch]").first
        touch_id = int(row.get_attribute("data-touch"))
        row.locator("summary").click()
        row.locator("button", has_text="跳过").click()
        assert row.locator(f"#touch-{touch_id}-error-reason").inner_text().strip()  # the service's sentence
        assert _touch(look, touch_id)[0] == "open"
