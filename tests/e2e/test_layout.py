"""Every page fits a phone (390 px) and keeps short labels whole on a desktop (1366 px), in both languages.

"Every page" is every GET route of the web app (giftwise.web.routes), signed-in pages, sign-in and the
recipient's choice page alike, so a page added later is measured too.

Screenshots of each page at each width land in tests/e2e/artifacts/ (gitignored) to look at after a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from giftwise.accounts.service import actor_for_cli
from giftwise.gifts import choice_service
from giftwise.gifts import service as gifts
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.disputes import Dispute
from giftwise.models.shipments import Evidence
from giftwise.web.routes import PAGE_GROUPS
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


# What fills each path parameter of a page's route, from the shared book (the choice link is made once).
def _path_values(site: Site, made: dict[str, str]) -> dict[str, object]:
    from giftwise.core.db import session_factory

    w = site.world
    with session_factory(site.engine)() as session:  # Anna's claimed parcel, its order and its photo
        claimed = session.get(Dispute, w.dispute)
        assert claimed is not None
        parcel = {"order_id": claimed.order_id, "shipment_id": claimed.shipment_id, "evidence_id": session.scalars(
            select(Evidence.id).where(Evidence.shipment_id == claimed.shipment_id, Evidence.kind == "photo")).one()}
    return {"contact_id": w.wang, "gift_id": w.pear_gift, "campaign_id": w.campaign, "dispute_id": w.dispute,
            "sku": "pear-orchard", "domain": "followups", "language": "zh", "name": "reciprocity",
            **parcel, **made}


def page_routes() -> list[str]:
    """The path of every page the web app serves (GET routes; chart pictures are part of their pages)."""
    return [route.path for group in PAGE_GROUPS for route in group.router.routes
            if isinstance(route, APIRoute) and "GET" in (route.methods or ()) and "{fmt}" not in route.path]


def pages(site: Site, made: dict[str, str]) -> dict[str, str]:
    """Every page of the app, enumerated from its routes, by a short name (the screenshots' file names).

    A new page is measured without anyone remembering to list it; a new kind of path parameter fails here
    until it gets a value in ``_path_values``."""
    values = _path_values(site, made)
    found = {}
    for path in page_routes():
        names = re.findall(r"{(\w+)(?::\w+)?}", path)  # {sku:path} too
        missing = [n for n in names if n not in values]
        assert not missing, f"{path}: give {missing} a value in _path_values"
        name = re.sub(r"[^a-z0-9]+", "-", re.sub(r"{[\w:]+}", "one", path.removeprefix("/app"))).strip("-") or "agenda"
        found[name] = re.sub(r"{(\w+)(?::\w+)?}", lambda m: str(values[m.group(1)]), path)
    return found


@pytest.fixture(scope="module")
def made(browser: Any, site: Site) -> dict[str, str]:
    """What some pages need made first: a choice link for a planned gift to 王建国 (the recipient's page) and a
    contacts import started from the browser (its progress page)."""
    from giftwise.core.db import session_factory

    with session_factory(site.engine)() as session:
        admin = actor_for_cli(session)
        gift = gifts.plan_gift(session, admin, data=GiftCreate(contact_id=site.world.wang, sku="pear-orchard",
                                                               occasion="care"))
        _, token = choice_service.create_link(session, admin, gift_id=gift.id, alternative_skus=[], note="")
        session.commit()
    context = browser.new_context(base_url=site.url, extra_http_headers={"Authorization": f"Bearer {site.token}"})
    tab = context.new_page()
    tab.set_default_timeout(E2E_TIMEOUT_MS)
    tab.goto("/app/contacts/import")
    tab.set_input_files("input[name=file]", files=[{"name": "book.csv", "mimeType": "text/csv",
                                                     "buffer": "name\n赵导入\n".encode()}])
    tab.click("#import-form button")
    tab.wait_for_url(re.compile(r".*/app/contacts/import/[^/?]+$"))
    job_id = tab.url.rsplit("/", 1)[1]
    context.close()
    return {"token": token, "job_id": job_id}


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
    def test_no_page_is_wider_than_the_phone(self, sized: Any, site: Site, made: dict[str, str], lang: str) -> None:
        too_wide = {}
        for name, path in pages(site, made).items():
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
    def test_short_labels_stay_on_one_line(self, sized: Any, site: Site, made: dict[str, str], lang: str) -> None:
        broken = {}
        for name, path in pages(site, made).items():
            sized.goto(f"{path}?lang={lang}")
            if words := sized.evaluate(BROKEN_LABELS_JS):
                broken[name] = words
            assert sized.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], name
            _shoot(sized, f"{name}-{lang}-1366")
        assert broken == {}
