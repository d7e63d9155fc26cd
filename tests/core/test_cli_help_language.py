"""`giftwise --help` reads in the installation's language: zh installs see Chinese help, en ones the code's English."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.cli_support import HELP_AREA, ROOT_HELP_KEY, SCREEN_WORDS, SHOW_HELP, help_texts
from giftwise.core.i18n import reading_in, t
from giftwise.core.translations import Usage, problems, scan

# The root, a group, and a command with options and an argument.
SHOWN = [(), ("gifts",), ("gifts", "plan")]


def _english() -> dict[str, str]:
    with reading_in("en"):
        return help_texts(typer.main.get_command(app))


def _on_screen(path: tuple[str, ...]) -> dict[str, str]:
    """The help texts ``giftwise PATH --help`` shows, by key: its own, its commands' and its parameters'."""
    base = ".".join((HELP_AREA, *path))
    own = base if path else ROOT_HELP_KEY
    return {key: text for key, text in _english().items()
            if key == own or (key.startswith(f"{base}.") and "." not in key[len(base) + 1:])}


def _flat(text: str) -> str:
    """Text without spaces, line breaks or box lines, so a sentence wrapped across the panel still matches."""
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


def _help(path: tuple[str, ...], columns: int = 250) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return _flat(result.output)


@pytest.mark.parametrize("path", SHOWN, ids=lambda p: " ".join(p) or "giftwise")
def test_a_chinese_install_reads_the_help_in_chinese_with_no_english_sentence_left(path, speaking) -> None:
    speaking("zh")
    shown = _help(path)
    texts = _on_screen(path)
    assert texts
    for key, english in texts.items():
        chinese = t(key, "zh")
        assert chinese != key and re.search(r"[\u4e00-\u9fff]", chinese), key
        assert _flat(chinese.split("\n\n")[0]) in shown, key
        assert _flat(english.split("\n\n")[0]) not in shown, key
    assert _flat(t(SHOW_HELP, "zh")) in shown and _flat(t(SHOW_HELP, "en")) not in shown
    assert t(SCREEN_WORDS["OPTIONS_PANEL_TITLE"], "en") not in shown


def test_chinese_help_folds_onto_the_next_line_in_a_narrow_terminal_instead_of_being_cut_off(speaking) -> None:
    speaking("zh")
    path = ("gifts", "plan")
    shown = _help(path, columns=80)
    for key in _on_screen(path):
        assert _flat(t(key, "zh")) in shown, key


@pytest.mark.parametrize("path", SHOWN, ids=lambda p: " ".join(p) or "giftwise")
def test_an_english_install_reads_the_help_as_the_code_words_it(path, speaking) -> None:
    speaking("en")
    shown = _help(path)
    for english in _on_screen(path).values():
        assert _flat(english.split("\n\n")[0]) in shown
    assert _flat(t(SHOW_HELP, "en")) in shown


def test_the_chinese_help_does_not_stay_on_an_english_run_in_the_same_process(speaking) -> None:
    speaking("zh")
    _help(("gifts",))
    speaking("en")
    shown = _help(("gifts",))
    assert _flat(_english()[f"{HELP_AREA}.gifts"]) in shown and _flat(t(SHOW_HELP, "en")) in shown


def test_a_new_help_text_without_its_chinese_fails_the_check_as_does_a_key_no_command_has() -> None:
    usage = scan()
    added = f"{HELP_AREA}.gifts.plan.wrapping"
    gone = f"{HELP_AREA}.gifts.plan"
    help_now = {key: text for key, text in usage.help.items() if key != gone} | {added: "Gift-wrap it."}
    found = problems(Usage(usage.literals, usage.looked_up, usage.prefixes, help_now))
    assert any(line.startswith(f"{added} has no zh translation") for line in found)
    assert any(line.startswith(f"{added}: the en clihelp.po does not carry") for line in found)
    assert any(line.startswith(f"{gone} is in the catalogs but no command has it") for line in found)
