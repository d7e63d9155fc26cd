"""What a person sees when something is wrong: error pages with navigation, form problems beside the field."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Site
from tests.e2e.test_layout import PHONE, _shoot


class TestErrorPages:
    @pytest.mark.parametrize(("lang", "title", "nav"), [("zh", "找不到", "联系人"), ("en", "Not found", "Contacts")])
    def test_an_unknown_gift_is_a_page_in_its_language_you_can_leave(
        self, tab: Any, site: Site, lang: str, title: str, nav: str
    ) -> None:
        response = tab.goto(f"/app/gifts/987654?lang={lang}")
        assert response.status == 404
        assert tab.locator("#error h1").inner_text() == title
        tab.set_viewport_size(PHONE)
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _shoot(tab, f"error-404-{lang}-390")
        tab.click(f"header nav >> text={nav}")
        assert tab.url.endswith("/app/contacts")


class TestFormProblems:
    @pytest.mark.parametrize(("lang", "said"), [("zh", "笔记不能为空。"), ("en", "Note cannot be empty.")])
    def test_an_empty_note_is_refused_beside_the_field(self, tab: Any, site: Site, lang: str, said: str) -> None:
        tab.goto(f"/app/contacts/{site.world.emily}?lang={lang}")
        tab.click("form[action$='/notes'] button")
        assert tab.locator("#error-text").inner_text() == said
        assert tab.locator("textarea[name=text]").get_attribute("aria-invalid") == "true"
        assert "String should" not in tab.content()
