"""A rep imports a contact file from the browser, in zh and en, on a desktop and on a phone: the page shows how
far a long file got while it runs, then what was added, updated and rejected (every rejected row with its line
and why, in the page's language, and nothing written)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.contacts import files_service
from giftwise.models.contacts import Contact
from tests.e2e.conftest import Site, fits_the_screen
from tests.e2e.test_layout import DESKTOP, PHONE, _shoot

SIZES = {"1366": DESKTOP, "390": PHONE}


def _csv(prefix: str, rows: int, base: int) -> bytes:
    lines = ["name,organization,phone,relationship"]
    lines += [f"{prefix}{n},{prefix}公司,13{base + n:09d},client" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _upload(tab: Any, name: str, content: bytes, lang: str, size: str, *, skip_invalid: bool = False) -> None:
    tab.set_viewport_size(SIZES[size])
    tab.goto(f"/app/contacts?lang={lang}")
    tab.click("#import-link")
    tab.set_input_files("#import-form input[name=file]",
                        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    if skip_invalid:
        tab.check("#import-form input[name=skip_invalid]")
    tab.click("#import-form button[type=submit]")



def _count(look: Session, prefix: str) -> int:
    found = look.scalar(select(func.count()).select_from(Contact).where(Contact.name.like(f"{prefix}%"))) or 0
    look.rollback()
    return found


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Imports read 100 rows a chunk and stop after the first chunk until the test lets them go on."""
    go_on = threading.Event()
    process = files_service._Importer.process
    calls = {"n": 0}

    def slowed(self: Any, chunk: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            go_on.wait(timeout=60)
        process(self, chunk)

    monkeypatch.setattr(files_service, "CHUNK_ROWS", 100)
    monkeypatch.setattr(files_service._Importer, "process", slowed)
    return go_on


@pytest.mark.parametrize(("lang", "size"), [("zh", "1366"), ("en", "390")])
def test_a_long_file_shows_its_progress_then_what_was_added(
    tab: Any, site: Site, look: Session, held: threading.Event, lang: str, size: str
) -> None:
    prefix = f"进度{lang}{size}-"
    _upload(tab, "book.csv", _csv(prefix, 450, 1000 if lang == "zh" else 2000), lang, size)
    count = tab.locator("#import-count")
    expected = "已读 100 / 约 450 行" if lang == "zh" else "100 of about 450 rows read"
    count.filter(has_text=expected).wait_for()
    assert tab.locator("#import-progress").get_attribute("value") == "100"
    assert fits_the_screen(tab)
    _shoot(tab, f"import-progress-{lang}-{size}")
    tab.evaluate("window.stillHere = true")
    held.set()
    tab.locator("#import-done").wait_for()
    assert tab.evaluate("window.stillHere === true")  # HTMX polled the status in place
    assert tab.locator("[data-count=created]").inner_text() == "450"
    assert tab.locator("[data-count=rejected]").inner_text() == "0"
    assert fits_the_screen(tab)
    _shoot(tab, f"import-done-{lang}-{size}")
    assert _count(look, prefix) == 450


@pytest.mark.parametrize(("lang", "size"), [("zh", "390"), ("en", "1366")])
def test_rejected_rows_are_listed_with_their_lines_and_nothing_is_written(
    tab: Any, site: Site, look: Session, lang: str, size: str
) -> None:
    prefix = f"拒绝{lang}{size}-"
    base = 3000 if lang == "zh" else 4000
    content = (f"name,phone,relationship\n{prefix}a,13{base:09d},client\n{prefix}b,13{base + 1:09d},friend\n"
               f",13{base + 2:09d},client\n").encode()
    _upload(tab, "book.csv", content, lang, size)
    tab.locator("#import-refused").wait_for()
    assert tab.locator("[data-count=created]").inner_text() == "0"
    lines = tab.locator("#rejected tbody tr")
    assert [lines.nth(i).get_attribute("data-line") for i in range(lines.count())] == ["3", "4"]
    why = lines.first.locator("td").nth(1).inner_text()
    assert "friend" in why and (("不在" in why) if lang == "zh" else ("is not one of" in why))
    assert fits_the_screen(tab)
    _shoot(tab, f"import-rejected-{lang}-{size}")
    assert _count(look, prefix) == 0


def test_skipping_invalid_rows_imports_the_rest(tab: Any, site: Site, look: Session) -> None:
    prefix = "跳过-"
    content = f"name,phone,relationship\n{prefix}a,13900000011,client\n{prefix}b,13900000012,friend\n".encode()
    _upload(tab, "book.csv", content, "zh", "390", skip_invalid=True)
    tab.locator("#import-done").wait_for()
    assert tab.locator("[data-count=created]").inner_text() == "1"
    assert tab.locator("#rejected tbody tr").get_attribute("data-line") == "3"
    assert _count(look, prefix) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unreadable_file_says_why_in_the_page_language(tab: Any, site: Site, lang: str) -> None:
    _upload(tab, "book.xls", b"\xd0\xcf\x11\xe0 old excel", lang, "390")
    problem = tab.locator("#import-problem")
    problem.wait_for()
    assert ("xls" in problem.inner_text()) and (("Excel" in problem.inner_text()) or lang == "zh")
    assert fits_the_screen(tab)


def test_someone_elses_or_an_unknown_import_is_a_page_in_the_page_language(tab: Any, site: Site) -> None:
    answer = tab.goto("/app/contacts/import/not-a-job")
    assert answer is not None and answer.status == 404
    assert "找不到这次导入" in tab.locator("main").inner_text()
