"""The one translation system: every message the code names exists in zh and en, and nothing is left over."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.i18n import t
from giftwise.core.settings import reset_settings
from giftwise.core.translations import Usage, problems, scan


def test_every_message_in_use_is_translated_in_both_languages_and_none_is_unused() -> None:
    assert problems() == []


def test_a_message_reads_in_the_language_asked_for() -> None:
    assert t("contacts.added", "en", id=7, name="Wang") == "Added contact #7 Wang."
    assert t("contacts.added", "zh-CN", id=7, name="王建国").startswith("已添加联系人 #7 王建国")


def test_an_unknown_key_reads_as_itself_rather_than_failing() -> None:
    assert t("nowhere.to_be_found", "zh") == "nowhere.to_be_found"


@pytest.mark.parametrize("code", ['t("contacts.nowhere", "zh")', 'raise_it(N_("ledger.nowhere"))'])
def test_the_check_names_a_message_the_code_uses_but_the_catalogs_lack(code: str, tmp_path) -> None:
    (tmp_path / "mod.py").write_text(code + "\n", encoding="utf-8")
    usage = scan(tmp_path)
    full = scan()
    merged = Usage(full.literals | usage.literals, {**full.looked_up, **usage.looked_up}, full.prefixes)
    missing = [line for line in problems(merged) if "nowhere" in line]
    assert len(missing) == 2 and all("has no" in line for line in missing)


def test_the_check_names_a_message_no_code_uses() -> None:
    usage = scan()
    usage.literals.discard("contacts.added")
    assert any(line.startswith("contacts.added is in the catalogs but no code uses it") for line in problems(usage))


class TestErrorsInTheReadersLanguage:
    def test_the_cli_in_zh_mode_prints_a_chinese_sentence(
        self, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GIFTWISE_LANGUAGE", "zh")
        reset_settings()
        result = cli.invoke(app, ["contacts", "show", "999"])
        assert result.exit_code == 3
        assert "错误：没有编号为 999 的联系人。" in result.output

    def test_the_cli_in_en_mode_prints_the_english_sentence(self, cli: CliRunner) -> None:
        result = cli.invoke(app, ["contacts", "show", "999"])
        assert "Error: No contact with id 999." in result.output

    @pytest.mark.parametrize(
        ("accept", "detail"), [("zh-CN,zh;q=0.9", "没有编号为 999 的联系人。"), ("en-GB", "No contact with id 999.")]
    )
    def test_an_api_problem_speaks_the_requests_language(self, api: TestClient, accept: str, detail: str) -> None:
        problem = api.get("/contacts/999", headers={"Accept-Language": accept}).json()
        assert problem["status"] == 404 and problem["detail"] == detail

    def test_without_accept_language_the_problem_speaks_the_users_language(self, api: TestClient) -> None:
        assert api.get("/contacts/999").json()["detail"] == "No contact with id 999."

    @pytest.mark.parametrize(("accept", "words"), [("zh", "不是邮箱地址"), ("en", "is not an email address")])
    def test_a_validators_sentence_is_worded_again_in_the_requests_language(
        self, api: TestClient, accept: str, words: str
    ) -> None:
        answer = api.post("/contacts", json={"name": "Anna", "email": "nope"}, headers={"Accept-Language": accept})
        assert answer.status_code == 422
        assert any(words in e["message"] for e in answer.json()["errors"]), answer.json()

    def test_a_problems_title_is_localized_too(self, api: TestClient) -> None:
        assert api.get("/contacts/999", headers={"Accept-Language": "zh"}).json()["title"] == "未找到"
        assert api.get("/contacts/999", headers={"Accept-Language": "en"}).json()["title"] == "Not found"
