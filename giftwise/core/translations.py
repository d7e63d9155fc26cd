"""Keeping the catalogs honest: extract the message ids the code uses, check both languages, add messages.

    python -m giftwise.core.translations check            # missing, empty, unused or one-sided messages
    python -m giftwise.core.translations extract [FILE]   # a .pot of every msgid the code names
    python -m giftwise.core.translations add KEY --zh 文本 --en text
    python -m giftwise.core.translations remove KEY
    python -m giftwise.core.translations cli-help         # write the CLI's help into clihelp.po (en; zh kept)

A msgid is *used* when the code names it: a string literal equal to it anywhere in ``giftwise/``
(``t("contacts.added")``, ``N_("ledger.kind.reply")``, ``_('web.nav.agenda')`` in a template),
or a literal prefix of a key built at runtime (``t(f"ledger.kind.{kind}")``, ``_('web.status.' ~ s)``,
``"label.status."`` in a table of prefixes). Keys passed through ``t()`` literally must exist in zh and en.

The CLI's help (groups, commands, options, arguments) is worded by key in ``clihelp.po``: the check loads the
``giftwise`` command tree, so a help text the en catalog does not carry as written, one without its zh
translation, or a ``clihelp.`` key no command has, fails it. ``cli-help`` rewrites the en file from the code and
keeps each zh translation whose English did not change (a changed one is marked fuzzy, to be translated again).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import typer.main
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from giftwise.core.cli_support import HELP_AREA, help_texts
from giftwise.core.i18n import LANGUAGES, reading_in

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = PACKAGE / "locale"
MSGID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_][a-z0-9_\-]*)+$")
# Functions whose first argument is a msgid looked up in the catalogs (and every GiftwiseError class).
LOOKUPS = {"t", "msg", "of", "in_both", "N_", "_", "gettext"}
KEY_FAMILY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+\.$")
TEMPLATE_CALL = re.compile(r"""\b_\(\s*'([^']*)'(\s*~)?|\b_\(\s*"([^"]*)"(\s*~)?""")
# Short-key lookups that prefix the key themselves (their callers pass the rest); removed as each
# domain moves to full keys.
WRAPPED = ("recommend.", "disputes.advice.")
STAMP = datetime(2026, 12, 2, tzinfo=UTC)
# The module of the ``giftwise`` command, loaded by name: the check reads the command tree the way it reads
# source files, as a tool; core's runtime never imports the edges.
ROOT_COMMAND = "giftwise.cli"


@dataclass
class Usage:
    """What the code names: literal strings, literal msgids passed to t(), prefixes of runtime keys."""

    literals: set[str] = field(default_factory=set)
    looked_up: dict[str, str] = field(default_factory=dict)  # msgid -> "path:line"
    prefixes: set[str] = field(default_factory=set)
    help: dict[str, str] = field(default_factory=dict)  # clihelp msgid -> the English the code words it in


def po_path(language: str, area: str) -> Path:
    """The catalog file of ``area`` (a msgid's first segment) in ``language``."""
    return LOCALE / language / "LC_MESSAGES" / f"{area}.po"


def read_catalogs(language: str) -> dict[str, tuple[str, str]]:
    """Every entry of ``language``: msgid -> (translation, file name); duplicates across files raise."""
    entries: dict[str, tuple[str, str]] = {}
    for path in sorted((LOCALE / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if not message.id or not isinstance(message.id, str):
                    continue
                if message.id in entries:
                    raise ValueError(f"{message.id} is in both {entries[message.id][1]} and {path.name}")
                entries[message.id] = (str(message.string or ""), path.name)
    return entries


def _shown(path: Path) -> Path:
    return path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE.parent) else path


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """Names of every class deriving from GiftwiseError: raising one names a msgid, like t() does."""
    bases = {node.name: {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
             for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    found = {"GiftwiseError"}
    while grown := {name for name, parents in bases.items() if parents & found} - found:
        found |= grown
    return found


def _python_usage(tree: ast.Module, rel: Path, usage: Usage, lookups: set[str]) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            usage.literals.add(node.value)
            if KEY_FAMILY.match(node.value):  # a table of prefixes ("label.status."): its keys are built at runtime
                usage.prefixes.add(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = str(node.values[0].value)
            if "." in head:
                usage.prefixes.add(head)
        elif isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            if name in lookups and isinstance(first, ast.Constant) and MSGID.match(str(first.value)):
                usage.looked_up.setdefault(str(first.value), f"{rel}:{node.lineno}")


def _template_usage(path: Path, usage: Usage) -> None:
    rel = _shown(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in TEMPLATE_CALL.finditer(line):
            key, dynamic = (match.group(1), match.group(2)) if match.group(1) is not None else match.group(3, 4)
            if dynamic:
                usage.prefixes.add(key)
            else:
                usage.literals.add(key)
                usage.looked_up.setdefault(key, f"{rel}:{number}")


def scan(root: Path = PACKAGE) -> Usage:
    """Every msgid the code under ``root`` names, literally or as the prefix of a runtime key."""
    usage = Usage()
    paths = [path for path in sorted(root.rglob("*.py")) if "migrations" not in path.parts]
    trees = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in paths]
    lookups = LOOKUPS | _error_classes(trees)
    for path, tree in zip(paths, trees, strict=True):
        _python_usage(tree, _shown(path), usage, lookups)
    for path in sorted(root.rglob("templates/**/*.html")):
        _template_usage(path, usage)
    if root == PACKAGE:
        usage.help = cli_help()
    return usage


def cli_help() -> dict[str, str]:
    """Every help text of the ``giftwise`` command tree as the code words it, by ``clihelp.`` key."""
    app = importlib.import_module(ROOT_COMMAND).app
    with reading_in("en"):  # built in English, whatever the installation's language
        return help_texts(typer.main.get_command(app))


def _is_used(msgid: str, usage: Usage) -> bool:
    if msgid.startswith(f"{HELP_AREA}."):
        return msgid in usage.help
    if msgid in usage.literals or any(
        msgid.startswith(prefix) and "." in prefix.rstrip(".") for prefix in usage.prefixes
    ):
        return True
    # A short key of a wrapped lookup ("kind.reply" for ledger.kind.reply), literal or runtime-built.
    rests = [msgid[len(area) :] for area in WRAPPED if msgid.startswith(area)]
    return any(rest in usage.literals or any(rest.startswith(p) for p in usage.prefixes) for rest in rests)


def problems(usage: Usage | None = None) -> list[str]:
    """What is wrong with the catalogs: one sentence per problem, empty when all is well."""
    usage = usage or scan()
    found: list[str] = []
    catalogs = {lang: read_catalogs(lang) for lang in LANGUAGES}
    for lang in LANGUAGES:
        other = next(x for x in LANGUAGES if x != lang)
        for msgid, (text, name) in sorted(catalogs[lang].items()):
            if not text.strip():
                found.append(f"{lang}/{name}: {msgid} has an empty translation")
            if msgid not in catalogs[other]:
                found.append(f"{msgid} is in {lang}/{name} but missing from {other}")
    for msgid, where in sorted(usage.looked_up.items()):
        for lang in LANGUAGES:
            if msgid not in catalogs[lang]:
                found.append(f"{where}: {msgid} has no {lang} translation")
    found += _help_problems(usage.help, catalogs)
    for msgid in sorted(set(catalogs["en"]) | set(catalogs["zh"])):
        if not _is_used(msgid, usage):
            found.append(f"{msgid} is in the catalogs but no code uses it; delete it from both languages")
    return found


def _help_problems(texts: dict[str, str], catalogs: dict[str, dict[str, tuple[str, str]]]) -> list[str]:
    """A help text the en catalog lacks or words otherwise, or one with no (or a fuzzy) zh translation."""
    found: list[str] = []
    fuzzy = _fuzzy(HELP_AREA)
    for msgid, english in sorted(texts.items()):
        if catalogs["en"].get(msgid, ("",))[0] != english:
            found.append(f"{msgid}: the en {HELP_AREA}.po does not carry the code's help {english!r}; "
                         f"run python -m giftwise.core.translations cli-help")
        if msgid not in catalogs["zh"] or msgid in fuzzy:
            found.append(f"{msgid} has no zh translation (or a fuzzy one) of the help {english!r}")
    for msgid in sorted(set(catalogs["en"]) | set(catalogs["zh"])):
        if msgid.startswith(f"{HELP_AREA}.") and texts and msgid not in texts:
            found.append(f"{msgid} is in the catalogs but no command has it; run "
                         f"python -m giftwise.core.translations cli-help")
    return found


def _fuzzy(area: str) -> set[str]:
    """The zh msgids of ``area`` marked fuzzy: their English changed since they were translated."""
    path = po_path("zh", area)
    if not path.exists():
        return set()
    with path.open("rb") as handle:
        return {str(m.id) for m in read_po(handle, locale="zh") if m.id and m.fuzzy}


def sync_help(texts: dict[str, str] | None = None) -> list[Path]:
    """Write the CLI's help into the catalogs: en is the code's English; a zh translation stays while its English
    is unchanged, is marked fuzzy when it changed, and a new key borrows the zh of the same English elsewhere."""
    texts = cli_help() if texts is None else texts
    english = _load_or_new(po_path("en", HELP_AREA), "en")
    chinese = _load_or_new(po_path("zh", HELP_AREA), "zh")
    before = {str(m.id): str(m.string) for m in english if m.id}
    known = {before[str(m.id)]: str(m.string) for m in chinese if m.id and not m.fuzzy and str(m.id) in before}
    fresh_en, fresh_zh = _new_catalog(HELP_AREA, "en"), _new_catalog(HELP_AREA, "zh")
    for msgid, text in texts.items():
        fresh_en.add(msgid, text)
        old = chinese.get(msgid)
        if old is not None and before.get(msgid) == text:
            fresh_zh.add(msgid, old.string, flags=old.flags)
        elif old is not None:
            fresh_zh.add(msgid, old.string, flags={"fuzzy"})
        elif text in known:
            fresh_zh.add(msgid, known[text])
    return [_write(po_path("en", HELP_AREA), fresh_en), _write(po_path("zh", HELP_AREA), fresh_zh)]


def _write(path: Path, catalog: Catalog) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True)
    return path


def extract(usage: Usage | None = None) -> Catalog:
    """A template catalog (.pot) of every msgid the code passes to t()/_() literally, with where."""
    usage = usage or scan()
    template = Catalog(project="giftwise", creation_date=STAMP, fuzzy=False)
    for msgid, where in sorted(usage.looked_up.items()):
        path, _, line = where.rpartition(":")
        template.add(msgid, locations=[(path, int(line))])
    return template


def add(msgid: str, texts: dict[str, str]) -> list[Path]:
    """Add (or replace) ``msgid`` with its translation in every language, in the file of its area."""
    if not MSGID.match(msgid):
        raise ValueError(f"{msgid!r} is not a dotted key such as contacts.not_found")
    written = []
    for lang in LANGUAGES:
        path = po_path(lang, msgid.split(".", 1)[0])
        catalog = _load_or_new(path, lang)
        catalog.delete(msgid)
        catalog.add(msgid, texts[lang])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, sort_output=True)
        written.append(path)
    return written


def remove(msgid: str) -> list[Path]:
    """Delete ``msgid`` from every language's catalogs."""
    written = []
    for lang in LANGUAGES:
        for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.po")):
            catalog = _load_or_new(path, lang)
            if msgid in catalog:
                catalog.delete(msgid)
                with path.open("wb") as handle:
                    write_po(handle, catalog, width=0, sort_output=True)
                written.append(path)
    return written


def _load_or_new(path: Path, lang: str) -> Catalog:
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=lang)
    return _new_catalog(path.stem, lang)


def _new_catalog(area: str, lang: str) -> Catalog:
    return Catalog(
        locale=lang, domain=area, project="giftwise", creation_date=STAMP, revision_date=STAMP, fuzzy=False,
        header_comment=f"# giftwise: {area} messages in {lang}. msgid is a stable key; msgstr a str.format template.\n"
        "# Add or change entries in both zh and en (see README, Translations).",
    )


def main(argv: list[str] | None = None) -> int:
    """The command line: check, extract, add, remove, cli-help."""
    parser = argparse.ArgumentParser(prog="python -m giftwise.core.translations")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="fail on missing, empty, one-sided or unused messages")
    extract_cmd = commands.add_parser("extract", help="write a .pot of the msgids the code uses")
    extract_cmd.add_argument("output", nargs="?", default="-")
    add_cmd = commands.add_parser("add", help="add a message in zh and en")
    add_cmd.add_argument("msgid")
    add_cmd.add_argument("--zh", required=True)
    add_cmd.add_argument("--en", required=True)
    remove_cmd = commands.add_parser("remove", help="delete a message from both languages")
    remove_cmd.add_argument("msgid")
    commands.add_parser("cli-help", help="write the CLI's help into clihelp.po (en from the code, zh kept)")
    args = parser.parse_args(argv)
    if args.command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    if args.command == "extract":
        handle = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")  # noqa: SIM115
        with handle:
            write_po(handle, extract(), width=0, sort_output=True)
        return 0
    if args.command == "cli-help":
        changed = sync_help()
    elif args.command == "remove":
        changed = remove(args.msgid)
    else:
        changed = add(args.msgid, {"zh": args.zh, "en": args.en})
    for path in changed:
        print(path.relative_to(PACKAGE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
