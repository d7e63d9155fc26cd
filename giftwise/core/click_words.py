"""Click's own words in the CLI's language: parse errors, the usage line, "Try ... for help".

Typer (with the Click it carries) words a parse error in English as it raises it. The root command catches
each one on its way out (``worded_click_errors``) and raises it again worded from the catalog
``clierrors.po``: the sentence is ours, the values in it (the option, the command, the value typed) are
Click's, kept as the person typed them. Click keeps most values as attributes (``NoSuchOption.option_name``);
the few sentences it builds before raising ("Option '--x' requires an argument.") are read back with the
pattern of the template Click filled in. A sentence of no known pattern (a command's own ``BadParameter``)
is kept as it came, inside our words; the exit code stays Click's (2 for a usage error).
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

# Typer 0.29 carries its own copy of Click and re-exports only BadParameter; the other classes it raises
# are reachable only here.
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    FileError,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.exceptions import Abort

from giftwise.core.i18n import N_, area_catalog

AREA = "clierrors"
USAGE_PREFIX = N_("clierrors.usage_prefix")
# The words Typer prints around an error, by the name Typer keeps them under in rich_utils, and their msgids.
SHOWN_WORDS = {
    "ERRORS_PANEL_TITLE": N_("clierrors.title"),
    "RICH_HELP": N_("clierrors.try_help"),
    "ABORTED_TEXT": N_("clierrors.aborted"),
}
MISSING = {
    "argument": N_("clierrors.missing.argument"),
    "option": N_("clierrors.missing.option"),
    "parameter": N_("clierrors.missing.parameter"),
}
PATH_KINDS = {"file": N_("clierrors.path_kind.file"), "dir": N_("clierrors.path_kind.dir"),
              "path": N_("clierrors.path_kind.path")}
_QUOTED = r"(?:'[^']*'|\"[^\"]*\")"  # a value Click shows with repr()
# The sentences Typer's Click fills in before raising, as patterns of the values it put in, with our key.
TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), key) for pattern, key in (
    (rf"No such command (?P<name>{_QUOTED})\.(?: Did you mean (?P<suggestions>.+)\?)?",
     N_("clierrors.no_such_command")),
    (r"Missing command\.", N_("clierrors.missing_command")),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", N_("clierrors.extra_arguments")),
    (rf"Argument (?P<name>{_QUOTED}) takes (?P<nargs>\d+) values\.", N_("clierrors.argument_takes")),
    (rf"Option (?P<name>{_QUOTED}) requires an argument\.", N_("clierrors.option_requires_argument")),
    (rf"Option (?P<name>{_QUOTED}) requires (?P<nargs>\d+) arguments\.", N_("clierrors.option_requires_arguments")),
    (rf"Option (?P<name>{_QUOTED}) does not take a value\.", N_("clierrors.option_takes_no_value")),
    (r"Value must be an iterable\.", N_("clierrors.not_iterable")),
    (r"Value (?P<value>.*) is not a valid (?P<kind>[\w.]+)\.", N_("clierrors.not_a_valid")),
    (rf"(?P<kind>file|dir|path) (?P<path>{_QUOTED}) does not exist\.", N_("clierrors.path_missing")),
    (rf"(?P<kind>file|dir|path) (?P<path>{_QUOTED}) is a file\.", N_("clierrors.path_is_file")),
    (rf"(?P<kind>file|dir|path) (?P<path>{_QUOTED}) is a directory\.", N_("clierrors.path_is_dir")),
    (rf"(?P<kind>file|dir|path) (?P<path>{_QUOTED}) is not readable\.", N_("clierrors.path_unreadable")),
    (rf"(?P<kind>file|dir|path) (?P<path>{_QUOTED}) is not writable\.", N_("clierrors.path_unwritable")),
    # Typer's own checks, raised inside pydantic's validation as a ValueError
    (rf"(?P<value>{_QUOTED}) is not one of (?P<choices>.+)\.", N_("clierrors.not_one_of")),
    (rf"(?P<value>{_QUOTED}) does not match the formats (?P<formats>.+)\.", N_("clierrors.no_format_matches")),
    (r"(?P<count>\d+) values are required, but (?P<given>\d+) given\.", N_("clierrors.values_required")),
))
NO_SUCH_OPTION = N_("clierrors.no_such_option")
POSSIBLE_OPTIONS = N_("clierrors.possible_options")
DID_YOU_MEAN = N_("clierrors.did_you_mean")
CHOOSE_FROM = N_("clierrors.choose_from")
INVALID_VALUE_FOR = N_("clierrors.invalid_value_for")
INVALID_VALUE = N_("clierrors.invalid_value")
CANNOT_OPEN = N_("clierrors.cannot_open_file")
# Why a file did not open, by the OS's error number; any other reason is the OS's own sentence.
OS_REASONS = {
    errno.ENOENT: N_("clierrors.os.missing"),
    errno.EACCES: N_("clierrors.os.forbidden"),
    errno.EPERM: N_("clierrors.os.forbidden"),
    errno.EISDIR: N_("clierrors.os.directory"),
}


def word(key: str, language: str, /, **values: Any) -> str:
    """The ``clierrors.`` message ``key`` in ``language`` with ``values``; read from clierrors.po alone, so the
    usage line of ``--help`` does not load every catalog."""
    template = area_catalog(language, AREA).get(key) or area_catalog("en", AREA).get(key) or key
    return template.format(**values) if values else template


class WordedUsageError(UsageError):
    """A Click error worded in the CLI's language: shown like the original, with its context and exit code."""

    def __init__(self, message: str, original: ClickException) -> None:
        """``original``'s error as ``message``."""
        super().__init__(message, getattr(original, "ctx", None))
        self.exit_code = original.exit_code


@contextmanager
def worded_click_errors(language: str) -> Iterator[None]:
    """A Click error raised in the block is raised again worded in ``language``; so are the words Typer prints
    around it (the error panel's title, "Try ... for help", "Aborted."). A missing-arguments help screen
    (NoArgsIsHelpError) passes as it is: it is the help, worded already."""
    try:
        yield
    except (NoArgsIsHelpError, WordedUsageError):
        raise
    except ClickException as error:
        _word_shown_words(language)
        raise WordedUsageError(sentence(error, language), error) from error
    except (Abort, EOFError):  # Typer answers both (a refused confirm, input that ended) with "Aborted."
        _word_shown_words(language)
        raise


def _word_shown_words(language: str) -> None:
    from typer import rich_utils  # loaded only when an error is shown, as Typer itself does

    for name, key in SHOWN_WORDS.items():
        setattr(rich_utils, name, word(key, language))


def sentence(error: ClickException, language: str) -> str:
    """What Click would say of ``error``, in ``language``."""
    if isinstance(error, MissingParameter):
        return _missing(error, language)
    if isinstance(error, BadParameter):
        problem = _problem(error, language)
        hint = _hint(error)
        return word(INVALID_VALUE_FOR, language, name=hint, problem=problem) if hint else word(
            INVALID_VALUE, language, problem=problem)
    if isinstance(error, NoSuchOption):
        return _no_such_option(error, language)
    if isinstance(error, FileError):
        cause = error.__cause__
        reason = _os_reason(cause, language) if isinstance(cause, OSError) else error.message
        return word(CANNOT_OPEN, language, filename=repr(error.ui_filename), reason=reason)
    return filled(error.message, language) or error.message


def filled(message: str, language: str) -> str | None:
    """``message`` worded in ``language`` when it is one of the sentences Click fills in, else None."""
    for pattern, key in TEMPLATES:
        if (found := pattern.fullmatch(message)) is not None:
            return word(key, language, **_values(found.groupdict(), language))
    return None


def _values(found: Mapping[str, str | None], language: str) -> dict[str, str]:
    """The values read back from Click's sentence, the words among them (a path's kind, a suggestion) worded."""
    values = {name: value or "" for name, value in found.items()}
    if "kind" in values and values["kind"] in PATH_KINDS:
        values["kind"] = word(PATH_KINDS[values["kind"]], language)
    if values.get("suggestions"):
        values["suggestions"] = word(DID_YOU_MEAN, language, names=values["suggestions"])
    return values


def _hint(error: BadParameter) -> str:
    """How Click names the parameter of ``error`` ('--budget-max', 'NAME'), or "" when it names none."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint()
    if hint is None:
        return ""
    return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)


def _missing(error: MissingParameter, language: str) -> str:
    kind = error.param_type or (error.param.param_type_name if error.param is not None else None) or "parameter"
    said = word(MISSING.get(kind, MISSING["parameter"]), language, name=_hint(error))
    choices = error.param.get_missing_message(ctx=error.ctx) if error.param is not None else ""
    extras = [filled(error.message, language) or error.message] if error.message else []
    if choices and choices.startswith("Choose from:"):
        extras.append(word(CHOOSE_FROM, language, choices=choices.removeprefix("Choose from:")))
    return " ".join([said, *extras])


def _no_such_option(error: NoSuchOption, language: str) -> str:
    if not error.message.startswith("No such option: "):  # a sentence of its own, not Click's
        return error.message
    said = word(NO_SUCH_OPTION, language, name=error.message.removeprefix("No such option: "))
    if error.possibilities:
        said += word(POSSIBLE_OPTIONS, language, options=", ".join(sorted(error.possibilities)))
    return said


def _problem(error: BadParameter, language: str) -> str:
    """What is wrong with the value: pydantic's check (Typer converts values with it) worded like any other
    input problem, else one of Click's sentences, else the sentence as it came."""
    # pydantic and the input wording load only when a value is refused: the CLI does not load them to start.
    from pydantic import ValidationError

    from giftwise.core.validation import problem_sentence

    cause = error.__cause__
    if isinstance(cause, OSError) and cause.filename is not None:  # a file Typer opened for the command
        return word(CANNOT_OPEN, language, filename=repr(str(cause.filename)), reason=_os_reason(cause, language))
    if not isinstance(cause, ValidationError) or not cause.errors():
        return filled(error.message, language) or error.message
    first: dict[str, Any] = dict(cause.errors()[0])
    typer_check = dict(first.get("ctx") or {}).get("error")
    if type(typer_check) is ValueError and (said := filled(str(typer_check), language)) is not None:
        return said
    first["loc"] = (repr(first.get("input")),)  # the value typed stands where a form names its field
    return problem_sentence(first, language)


def _os_reason(error: OSError, language: str) -> str:
    """Why the OS refused a file, in ``language`` for the common reasons, else as the OS says it."""
    key = OS_REASONS.get(error.errno or 0)
    return word(key, language) if key else str(error.strerror or error)
