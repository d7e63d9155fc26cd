"""The one translation system: every message the code names exists in zh and en, and nothing is left over."""

from __future__ import annotations

import pytest

from giftwise.core.i18n import t
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
