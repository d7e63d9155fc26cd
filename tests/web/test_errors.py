"""Errors on pages are HTML pages in the page's language with navigation; the API keeps problem details."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden
from giftwise.core.validation import WORDED, problem_sentence
from tests.conftest import local_admin_token

ZH = {"giftwise_lang": "zh"}


@pytest.fixture
def client(engine: Engine, session: Session, actor: Actor) -> Iterator[TestClient]:
    """The app with two extra pages that fail on purpose: a refusal and a crash."""
    from giftwise.api import create_app

    app = create_app()
    broken = APIRouter()

    @broken.get("/app/refused")
    def refused() -> None:
        raise Forbidden("Only a manager may approve this gift.")

    @broken.get("/app/crash")
    def crash() -> None:
        raise RuntimeError("boom")

    app.include_router(broken)
    signed_in = {"Authorization": f"Bearer {local_admin_token(session)}"}
    with TestClient(app, raise_server_exceptions=False, headers=signed_in) as test_client:
        yield test_client


class TestErrorPages:
    def test_an_unknown_contact_is_a_404_page_in_chinese_with_navigation(self, client: TestClient) -> None:
        answer = client.get("/app/contacts/999999", cookies=ZH)
        assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
        assert "找不到" in answer.text and 'href="/app/contacts"' in answer.text and "回到待办" in answer.text

    def test_the_same_in_english_when_the_page_speaks_english(self, client: TestClient) -> None:
        answer = client.get("/app/contacts/999999?lang=en")
        assert answer.status_code == 404 and "Not found" in answer.text and "Back to the agenda" in answer.text

    def test_a_bad_query_value_is_a_422_page_naming_the_field_in_its_language(self, client: TestClient) -> None:
        answer = client.get("/app/contacts/1?budget=-5", cookies=ZH)
        assert answer.status_code == 422
        assert "预算不能小于 0。" in answer.text and "greater_than" not in answer.text

    def test_an_unknown_page_is_a_404_page(self, client: TestClient) -> None:
        answer = client.get("/app/no-such-page?lang=en")
        assert answer.status_code == 404 and "<nav>" in answer.text

    def test_a_refusal_is_a_403_page(self, client: TestClient) -> None:
        answer = client.get("/app/refused", cookies=ZH)
        assert answer.status_code == 403 and "你无权打开此页" in answer.text

    def test_a_crash_is_a_500_page_that_says_nothing_was_saved(self, client: TestClient) -> None:
        answer = client.get("/app/crash", cookies=ZH)
        assert answer.status_code == 500 and "什么都没有保存" in answer.text and "boom" not in answer.text

    def test_the_api_still_answers_problem_details(self, client: TestClient) -> None:
        answer = client.get("/contacts/999999")
        assert answer.status_code == 404 and answer.headers["content-type"] == "application/problem+json"


class TestFormErrorSentences:
    @settings(max_examples=60)
    @given(kind=st.sampled_from(sorted(WORDED)), field=st.sampled_from(["text", "minutes", "budget", "other"]),
           lang=st.sampled_from(["zh", "en"]))
    def test_every_worded_problem_reads_without_pydantic_english(self, kind: str, field: str, lang: str) -> None:
        context = {"min_length": 1, "max_length": 9, "ge": 0, "le": 9, "gt": 0, "lt": 9, "expected": "'a'"}
        problem = {"type": kind, "loc": ("body", field), "msg": "String should have", "ctx": context}
        said = problem_sentence(problem, lang)
        assert "{" not in said and "should" not in said and kind not in said
        if lang == "zh":
            assert any("\u4e00" <= ch <= "\u9fff" for ch in said)
