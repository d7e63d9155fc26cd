"""What every CLI command shares: one unit of work, one red line per error, JSON or tables.

Domain ``cli.py`` modules import only typer/rich at the top and load services inside the
command, so ``giftwise recommend`` on files starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from giftwise.core.click_words import USAGE_PREFIX, word, worded_click_errors
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import N_, area_catalog, current_language, label, t
from giftwise.core.jsonable import to_jsonable
from giftwise.core.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from giftwise.core.actor import Actor

# soft_wrap: a sentence or a client's text is printed as one line however narrow the terminal (80 columns
# when piped or redirected), so a draft pasted into a mail keeps its lines; tables still fit the width.
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

# Who a command acts as is the accounts domain's rule, and core sits below every domain: the root
# command (giftwise.cli) installs it here.
_actor_source: list[Callable[[Session], Actor]] = []


def install_actor_source(source: Callable[[Session], Actor]) -> None:
    """Make ``source(session)`` the rule that finds the user every command acts as."""
    _actor_source[:] = [source]


class OutputFormat(StrEnum):
    """How a command prints data."""

    table = "table"
    json = "json"


FormatOption = typer.Option(OutputFormat.table, "--format", "-f", help="table (default) or json.")
LimitOption = typer.Option(50, "--limit", min=1, max=500, help="How many.")
OffsetOption = typer.Option(0, "--offset", min=0, help="How many to skip.")


# The help of every group, command, option and argument is worded by key in the catalog ``clihelp.po``:
# ``clihelp.gifts`` (a group), ``clihelp.gifts.plan`` (a command), ``clihelp.gifts.plan.budget`` (a parameter),
# ``clihelp.giftwise`` (the root). The code's English is the en text; translations check keeps both in step.
HELP_AREA = "clihelp"
ROOT_HELP_KEY = f"{HELP_AREA}.giftwise"
HELP_SOURCE_LANGUAGE = "en"  # the language help is written in, in the code (the en catalog is generated from it)


class _HasHelp(Protocol):
    help: str | None


def _commands(root: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The built command ``root`` and every group and command under it, each with its path of names."""
    yield path, root
    for name, sub in sorted(getattr(root, "commands", {}).items()):  # a group's commands
        yield from _commands(sub, (*path, name))


def help_slots(root: Any) -> dict[str, _HasHelp]:
    """Every group, command and parameter under the built command ``root`` that has help, by its ``clihelp.`` key."""
    slots: dict[str, _HasHelp] = {}
    for path, command in _commands(root):
        here = f"{HELP_AREA}.{'.'.join(path)}" if path else ROOT_HELP_KEY
        found = [(here, command)] if command.help else []
        found += [(f"{here}.{param.name}", param) for param in command.params if getattr(param, "help", None)]
        for key, slot in found:
            if key in slots:
                raise ValueError(f"two help texts would share the key {key}; rename the parameter or command")
            slots[key] = slot
    return slots


def help_texts(root: Any) -> dict[str, str]:
    """The help under the built command ``root`` as the code words it (English), by ``clihelp.`` key."""
    return {key: str(slot.help) for key, slot in help_slots(root).items()}


def word_help(root: Any, language: str) -> None:
    """Put the help of every group, command and parameter under the built command ``root`` in ``language``;
    English stays as written (it is the en text), and a text without a translation stays English (the
    translations check fails on it). The words of the help screen itself (Options, [required] ...) and the
    usage line (on the help screen and above an error) follow."""
    if language != HELP_SOURCE_LANGUAGE:
        words = area_catalog(language, HELP_AREA)
        for key, slot in help_slots(root).items():
            if key in words:
                slot.help = words[key]
    for _, command in _commands(root):
        command.format_help = _screen_in(language, command)
        command.format_usage = _usage_in(language, command)


# The words Typer and click put on every help screen, by the name Typer keeps them under, and their msgids.
SCREEN_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("cli.help.arguments"),
    "OPTIONS_PANEL_TITLE": N_("cli.help.options"),
    "COMMANDS_PANEL_TITLE": N_("cli.help.commands"),
    "DEFAULT_STRING": N_("cli.help.default"),
    "REQUIRED_LONG_STRING": N_("cli.help.required"),
}
SHOW_HELP = N_("cli.help.show_help")


def _screen_word(key: str, language: str) -> str:
    """One word of the help screen; read from cli.po alone, so showing help does not load every catalog."""
    return area_catalog(language, "cli").get(key) or area_catalog(HELP_SOURCE_LANGUAGE, "cli").get(key) or key


def _screen_in(language: str, command: Any) -> Callable[[Any, Any], None]:
    """``command``'s ``format_help``, first putting the help screen's own words in ``language`` and letting
    its text fold: rich wraps only at spaces and crops a longer run with "…", and a Chinese sentence has no
    spaces, so most of it was cut off in an 80-column terminal."""
    format_help = command.format_help

    def format_in_language(ctx: Any, formatter: Any) -> None:
        from typer import rich_utils  # loaded only when help is shown, as Typer itself does

        for name, key in SCREEN_WORDS.items():
            setattr(rich_utils, name, _screen_word(key, language))
        _fold_help_text(rich_utils)
        if (option := command.get_help_option(ctx)) is not None:
            option.help = _screen_word(SHOW_HELP, language)
        format_help(ctx, formatter)

    return format_in_language


def _usage_in(language: str, command: Any) -> Callable[[Any, Any], None]:
    """``command``'s ``format_usage`` (Click's own, but for the "Usage:" in front), in ``language``."""

    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = " ".join(command.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=word(USAGE_PREFIX, language))

    return format_usage


def _fold_help_text(rich_utils: Any) -> None:
    # Typer offers no setting for this: its private text maker is wrapped (once). Should a Typer upgrade drop it,
    # help still prints, cropped, and tests/core/test_cli_help_language.py says so.
    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None or getattr(make, "folds", False):
        return

    def make_folding(**kwargs: Any) -> Any:
        text = make(**kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"
        return text

    make_folding.folds = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = make_folding


class InLanguage(TyperGroup):
    """The root ``giftwise`` group, in the installation's language (GIFTWISE_LANGUAGE): once Typer has built it
    with every domain's commands, their help reads in that language, and so do Click's own errors on the way
    out (a missing argument, an unknown command or option, a value that is not a number), with Click's exit
    code (2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Build the group, then word the help of everything under it."""
        super().__init__(*args, **kwargs)
        word_help(self, current_language())

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        """Click's context for the command line ``args``; an error in the root's own options is worded."""
        with worded_click_errors(current_language()):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        """Run the command named on the line; an error parsing it (or raised by Click in it) is worded."""
        with worded_click_errors(current_language()):
            return super().invoke(ctx)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as one red line on stderr and return the Exit to raise."""
    prefix = t("cli.error_prefix", get_settings().language)
    err_console.print(f"[bold red]{prefix}[/]{escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def ask_password() -> str:
    """A new password typed twice at the terminal, hidden, asked for in the installation's language."""
    language = get_settings().language
    return str(typer.prompt(t("cli.password_prompt", language), hide_input=True,
                            confirmation_prompt=t("cli.password_repeat", language)))


def exit_code_for(error: GiftwiseError) -> int:
    """Exit status for a domain error: 2 bad input, 3 not found, 4 conflict/forbidden/unknown user, 1 other."""
    if error.status == 422 or error.status == 400:
        return 2
    if error.status == 404:
        return 3
    if error.status in (401, 403, 409):
        return 4
    return 1


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn giftwise errors raised in the block into one red line and a non-zero exit."""
    try:
        yield
    except GiftwiseError as error:
        raise fail(error.detail, exit_code_for(error)) from None


@contextmanager
def cli_unit() -> Iterator[tuple[Session, Actor]]:
    """Open one unit of work as the local user; commit on success, roll back and exit on error."""
    from giftwise.core import clock
    from giftwise.core.db import unit_of_work  # SQLAlchemy loads only when a command needs the database

    if not _actor_source:
        raise RuntimeError("No actor source: run commands through giftwise.cli.")
    with cli_errors(), unit_of_work() as session:
        actor = _actor_source[0](session)
        clock.use_timezone(actor.timezone)  # the command's "today" is the user's
        yield session, actor


def parse_options(schema: Any, **values: Any) -> Any:
    """The options given (None means not given, so dropped) validated as ``schema``; Invalid on bad input."""
    from giftwise.core.schemas import parse_input  # pydantic loads only when a command parses options

    return parse_input(schema, {k: v for k, v in values.items() if v is not None})


def item_ref(item: str | None) -> dict[str, Any]:
    """A catalog reference from the command line: a numeric id or a sku."""
    if item is None:
        return {}
    return {"item_id": int(item)} if item.isdigit() else {"sku": item}


def print_json(data: Any) -> None:
    """Write ``data`` to stdout as UTF-8 JSON (Chinese kept readable)."""
    sys.stdout.write(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n")


# Columns whose stored values have words of their own (the column name is the label kind).
LABELLED_COLUMNS = frozenset({"relationship", "channel", "purpose", "occasion", "category", "status"})


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """Render ``rows`` (dicts) as a Rich table with the given columns, headings and stored values worded in the
    installation's language (GIFTWISE_LANGUAGE): yes/no for flags, labels for relationships, channels ..."""
    language = get_settings().language
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(label("column", column, language))
    for row in rows:
        table.add_row(*[_cell(column, row.get(column), language) for column in columns])
    console.print(table)


def _cell(column: str, value: Any, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("flag", str(value).lower(), language)
    if column in LABELLED_COLUMNS:
        return label(column, value, language)
    return str(to_jsonable(value))


def emit(data: Any, fmt: OutputFormat, columns: Sequence[str] | None = None, title: str | None = None) -> None:
    """Print ``data`` as JSON or as a table of ``columns`` (a list, or one object shown as rows)."""
    if fmt is OutputFormat.json:
        print_json(data)
        return
    plain = to_jsonable(data)
    if isinstance(plain, dict) and "items" in plain and isinstance(plain["items"], list):
        plain = plain["items"]
    if isinstance(plain, dict):
        print_table([{"field": k, "value": v} for k, v in plain.items()], ["field", "value"], title)
        return
    print_table(plain, columns or (list(plain[0].keys()) if plain else []), title)


def emit_with_lines(record: Any, fmt: OutputFormat, line_columns: Sequence[str], title: str) -> None:
    """Print a record with ``lines``: whole as JSON, else its fields then its lines as a table titled ``title``."""
    if fmt is OutputFormat.json:
        emit(record, fmt)
        return
    emit(record.model_dump(exclude={"lines"}), fmt)
    emit([line.model_dump() for line in record.lines], fmt, line_columns, title=title)


def emit_listed(fmt: OutputFormat, columns: Sequence[str], lister: Callable[..., Any], **filters: Any) -> None:
    """Print the page ``lister(session, actor, **filters)`` returns, read in one unit of work as the local user."""
    with cli_unit() as (session, actor):
        page = lister(session, actor, **filters)
    emit(page, fmt, columns)
