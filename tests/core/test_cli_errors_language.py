"""Click's own errors read in the installation's language: a zh install is told in Chinese what it typed wrong
(a missing argument, an unknown command or option, a value that is not a number), with the name it typed
kept, an en install in English, and both exit with Click's usage-error code, 2."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.click_words import SHOWN_WORDS, USAGE_PREFIX, word

HAN = re.compile(r"[\u4e00-\u9fff]")
USAGE_ERROR = 2
# A mistake, what the person typed that the message must name, and the English Click would have said.
MISTAKES = [
    (["gifts", "plan"], "'contact'", "Missing argument"),
    (["giftz"], "'giftz'", "No such command"),
    (["gifts", "frobnicate"], "'frobnicate'", "No such command"),
    (["recommend", "--budget-max", "abc", "x"], "'--budget-max'", "Invalid value for"),
    (["gifts", "plan", "7", "--wrapping"], "--wrapping", "No such option"),
    (["gifts", "list", "--limit"], "'--limit'", "requires an argument"),
    (["gifts", "list", "surplus"], "surplus", "Got unexpected extra argument"),
    (["gifts", "list", "--format", "xml"], "'xml'", "is not one of"),
]
IDS = [" ".join(args) for args, _, _ in MISTAKES]


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env={"COLUMNS": "250"})
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(("args", "named", "english"), MISTAKES, ids=IDS)
def test_a_chinese_install_is_told_its_mistake_in_chinese_naming_what_it_typed(args, named, english, speaking) -> None:
    speaking("zh")
    code, shown = _run(args)
    assert code == USAGE_ERROR, shown
    assert named in shown and HAN.search(shown), shown
    assert english not in shown and "Error" not in shown, shown


@pytest.mark.parametrize(("args", "named", "english"), MISTAKES, ids=IDS)
def test_an_english_install_is_told_its_mistake_in_english(args, named, english, speaking) -> None:
    speaking("en")
    code, shown = _run(args)
    assert code == USAGE_ERROR, shown
    assert named in shown and english in shown, shown
    assert not HAN.search(shown), shown


def test_the_usage_line_and_the_way_to_help_read_in_chinese_too(speaking) -> None:
    speaking("zh")
    _, shown = _run(["gifts", "plan"])
    assert word(USAGE_PREFIX, "zh").strip() in shown and "Usage:" not in shown
    assert "giftwise gifts plan --help" in shown and "for help" not in shown
    assert word(SHOWN_WORDS["ERRORS_PANEL_TITLE"], "zh") in shown


def test_a_value_not_a_number_says_what_was_typed_and_where(speaking) -> None:
    speaking("zh")
    _, shown = _run(["recommend", "--budget-max", "abc", "x"])
    assert "'--budget-max'" in shown and "'abc'" in shown


def test_an_english_run_after_a_chinese_one_in_the_same_process_stays_english(speaking) -> None:
    speaking("zh")
    _run(["giftz"])
    speaking("en")
    code, shown = _run(["giftz"])
    assert code == USAGE_ERROR and "No such command 'giftz'" in shown and "Usage:" in shown, shown
    assert "for help" in shown and not HAN.search(shown)


def test_a_group_without_its_command_still_shows_its_help_in_chinese(speaking) -> None:
    speaking("zh")
    code, shown = _run(["gifts"])
    assert code == USAGE_ERROR, shown
    assert HAN.search(shown) and "Usage:" not in shown and "Error" not in shown
