"""Bad input is refused with one wording everywhere: the CLI, the REST API and the pages say the same sentence,
in the reader's language, naming the field by its label; pydantic's own English never reaches a reader."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from giftwise.campaigns.schemas import CampaignCreate
from giftwise.cli import app
from giftwise.core.settings import reset_settings
from giftwise.core.validation import field_errors, validation_sentence

# Phrases pydantic uses in its own messages; none may reach a reader.
PYDANTIC_ENGLISH = re.compile(r"Input should|String should|Field required|Value error|should be|valid (integer|number)")
CAMPAIGN = ["campaigns", "create", "--name", "春节", "--metric", "reply", "--target-count", "5", "--budget", "600",
            "--cap", "100"]


@pytest.mark.parametrize(
    ("language", "said"), [("zh", "错误：窗口（天）不能小于 1。"), ("en", "Error: Window (days) must be at least 1.")]
)
def test_the_cli_words_bad_input_in_its_language_and_exits_2(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    monkeypatch.setenv("GIFTWISE_LANGUAGE", language)
    reset_settings()
    shown = cli.invoke(app, [*CAMPAIGN, "--window-days", "0"])
    assert shown.exit_code == 2 and said in shown.output
    assert not PYDANTIC_ENGLISH.search(shown.output) and "window_days" not in shown.output


class TestTheApi:
    @pytest.mark.parametrize(
        ("accept", "detail"), [("zh-CN,zh;q=0.9", "姓名不能为空。"), ("en-GB", "Name cannot be empty.")]
    )
    def test_a_problem_detail_is_worded_in_the_requests_language(
        self, api: TestClient, accept: str, detail: str
    ) -> None:
        answer = api.post("/contacts", json={"name": "  "}, headers={"Accept-Language": accept})
        assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
        body = answer.json()
        assert body["detail"] == detail and body["errors"] == [{"field": "name", "message": detail}]

    def test_every_problem_is_said_once_in_the_detail(self, api: TestClient) -> None:
        answer = api.post("/contacts", json={"name": "", "relationship": "cousin"}, headers={"Accept-Language": "zh"})
        body = answer.json()
        assert body["detail"].startswith("姓名不能为空。关系只能是以下之一：")
        assert "合作伙伴" in body["detail"] and not PYDANTIC_ENGLISH.search(body["detail"])
        assert [e["field"] for e in body["errors"]] == ["name", "relationship"]


class TestOneWording:
    def test_the_page_the_cli_and_the_api_say_the_same_sentence(self) -> None:
        with pytest.raises(ValidationError) as refused:
            CampaignCreate.model_validate({"name": "春节", "metric": "reply", "target_count": 5, "window_days": 0,
                                           "total_budget": "600", "per_contact_cap": "100"})
        assert field_errors(refused.value, "zh") == {"window_days": validation_sentence(refused.value, "zh")}

    @settings(max_examples=40, deadline=None)
    @given(values=st.dictionaries(
        st.sampled_from(["name", "metric", "target_count", "window_days", "total_budget", "per_contact_cap",
                         "starts_on", "control_share", "currency", "goal"]),
        st.one_of(st.none(), st.text(max_size=5), st.integers(-5, 10**6), st.floats(allow_nan=False),
                  st.sampled_from(["2026-13-40", "2026-01-01T10:00", "reply", "USD", "usd", ""])),
    ))
    def test_a_zh_reader_never_sees_pydantics_english(self, values: dict[str, Any]) -> None:
        try:
            CampaignCreate.model_validate(values)
        except ValidationError as error:
            said = validation_sentence(error, "zh")
            assert said and not PYDANTIC_ENGLISH.search(said), said
