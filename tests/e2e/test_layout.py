"""Every page fits a phone (390 px) and keeps short labels whole on a desktop (1366 px), in both languages.

Screenshots of each page at each width land in tests/e2e/artifacts/ (gitignored) to look at after a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import E2E_TIMEOUT_MS, Site

ARTIFACTS = Path(__file__).parent / "artifacts" / "layout"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# Short labels (电话, 完成, 联系人, a name like 王建国, Done) read at a glance: a header, cell, link or button
# whose whole text is one word of up to 4 characters must stay on one line. Returns the ones that wrapped.
BROKEN_LABELS_JS = """() => {
  const lines = el => {  // text boxes whose tops lie a line apart (a superscript * is not a new line)
    const r = document.createRange(); r.selectNodeContents(el);
    const gap = 0.8 * parseFloat(getComputedStyle(el).fontSize);
    const tops = [...r.getClientRects()].filter(x => x.width > 0).map(x => x.top).sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - tops[i - 1] > gap).length; };
  return [...document.querySelectorAll("th, td, td a, button, nav a")]
    .filter(el => { const s = el.innerText.trim(); return s.length > 0 && s.length <= 4 && !/\\s/.test(s); })
    .filter(el => lines(el) > 1).map(el => el.innerText.trim());
}"""


def pages(site: Site) -> dict[str, str]:
    """Every page a signed-in person can open, by a short name (the screenshots' file names)."""
    w = site.world
    return {"agenda": "/app", "contacts": "/app/contacts", "contact": f"/app/contacts/{w.wang}",
            "ledger": "/app/ledger", "campaigns": "/app/campaigns", "campaign": f"/app/campaigns/{w.campaign}",
            "gift": f"/app/gifts/{w.pear_gift}", "disputes": "/app/disputes",
            "dispute": f"/app/disputes/{w.dispute}", "gifts": "/app/gifts", "approvals": "/app/approvals",
            "catalog": "/app/catalog", "users": "/app/users"}


@pytest.fixture
def sized(browser: Any, site: Site, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A browser tab at the viewport the test is parametrized with."""
    viewport = request.param
    context = browser.new_context(base_url=site.url, viewport=viewport, device_scale_factor=1,
                                  is_mobile=viewport["width"] < 600, has_touch=viewport["width"] < 600,
                                  extra_http_headers={"Authorization": f"Bearer {site.token}"})
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    yield tab
    context.close()


def _shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class TestPhoneWidth:
    @pytest.mark.parametrize("sized", [PHONE], indirect=True, ids=["390px"])
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_no_page_is_wider_than_the_phone(self, sized: Any, site: Site, lang: str) -> None:
        too_wide = {}
        for name, path in pages(site).items():
            response = sized.goto(f"{path}?lang={lang}")
            assert response.status == 200, name
            width = sized.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[name] = width
            _shoot(sized, f"{name}-{lang}-390")
        assert too_wide == {}

    @pytest.mark.parametrize("sized", [PHONE], indirect=True, ids=["390px"])
    def test_tables_become_labelled_cards(self, sized: Any, site: Site) -> None:
        sized.goto("/app?lang=zh")
        row = sized.locator(f"tr[data-touch='{site.world.overdue_call}']")
        assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
        # the header row is only for screen readers now: it takes no room
        assert sized.locator("table.touches thead").first.evaluate("h => h.getBoundingClientRect().height") <= 1
        shown = row.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
        assert shown == '"联系人"'  # each cell shows its column's name above the value


class TestDesktopWidth:
    @pytest.mark.parametrize("sized", [DESKTOP], indirect=True, ids=["1366px"])
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_short_labels_stay_on_one_line(self, sized: Any, site: Site, lang: str) -> None:
        broken = {}
        for name, path in pages(site).items():
            sized.goto(f"{path}?lang={lang}")
            if words := sized.evaluate(BROKEN_LABELS_JS):
                broken[name] = words
            assert sized.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], name
            _shoot(sized, f"{name}-{lang}-1366")
        assert broken == {}
