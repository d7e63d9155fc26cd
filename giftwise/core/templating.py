"""Render user-editable text templates (stories, cards, touch scripts) in zh or en.

Shipped templates live in ``giftwise/data/<domain>/templates/<lang>/<name>.txt``. The installation's own
versions (edited by an admin on the web, or by hand) live in a folder with the same layout
(``<domain>/<lang>/<name>.txt``): ``GIFTWISE_TEMPLATES_DIR``, else ``templates/`` in the data folder; a
template missing there falls back to the shipped one.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from giftwise.core.errors import ConfigurationError, Invalid
from giftwise.core.i18n import normalize_language
from giftwise.core.settings import get_settings


@cache
def _environment() -> SandboxedEnvironment:
    # Sandboxed: templates are edited by users, so they must not reach Python internals.
    return SandboxedEnvironment(autoescape=False, keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    # Keyed by the text itself, so an edited template file is compiled afresh.
    return _environment().from_string(source)


def custom_root() -> Path:
    """The folder of the installation's own templates: GIFTWISE_TEMPLATES_DIR, else templates/ in the data folder."""
    settings = get_settings()
    return Path(settings.templates_dir) if settings.templates_dir else Path(settings.data_dir) / "templates"


def custom_path(domain: str, language: str, name: str) -> Path:
    """Where the installation's own version of template ``name`` is (or would be) kept."""
    return custom_root() / domain / normalize_language(language) / f"{name}.txt"


def shipped_source(domain: str, language: str, name: str) -> str:
    """The text giftwise ships for template ``name`` (ConfigurationError when there is no such template)."""
    lang = normalize_language(language)
    shipped = resources.files("giftwise") / "data" / domain / "templates" / lang / f"{name}.txt"
    if not shipped.is_file():
        raise ConfigurationError("core.template_txt_missing_reinstall", domain=domain, lang=lang, name=name)
    return shipped.read_text(encoding="utf-8")


def shipped_templates() -> list[tuple[str, str, str]]:
    """Every shipped template as (domain, language, name), sorted."""
    found = []
    for folder in (resources.files("giftwise") / "data").iterdir():
        templates = folder / "templates"
        if not templates.is_dir():
            continue
        for lang in templates.iterdir():
            if lang.is_dir():
                found += [(folder.name, lang.name, f.name[:-4]) for f in lang.iterdir() if f.name.endswith(".txt")]
    return sorted(found)


def template_source(domain: str, language: str, name: str) -> tuple[str, str]:
    """The text of template ``name`` and where it came from (user folder first, then shipped)."""
    lang = normalize_language(language)
    custom = custom_path(domain, lang, name)
    if custom.is_file():
        return custom.read_text(encoding="utf-8"), str(custom)
    return shipped_source(domain, lang, name), f"giftwise/data/{domain}/templates/{lang}/{name}.txt"


def names_used(source: str) -> set[str]:
    """The values a template's text asks for (``{{ contact_name }}``: contact_name); Invalid if it does not parse."""
    try:
        return set(meta.find_undeclared_variables(_environment().parse(source)))
    except TemplateSyntaxError as exc:
        raise Invalid("core.template_syntax", line=exc.lineno, field="text") from None


def write_custom(domain: str, language: str, name: str, text: str | None) -> Path:
    """Keep ``text`` as the installation's own template ``name``; None goes back to the shipped one."""
    path = custom_path(domain, language, name)
    try:
        if text is None:
            path.unlink(missing_ok=True)
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        raise ConfigurationError("core.template_write", path=path, exc=exc.strerror) from None
    return path


def render(domain: str, language: str, name: str, /, **values: Any) -> str:
    """Template ``name`` of ``domain`` in ``language``, filled with ``values`` and tidied."""
    source, origin = template_source(domain, language, name)
    try:
        text = _compiled(source).render(**values)
    except TemplateSyntaxError as exc:
        raise ConfigurationError(
            "core.template_error_line", origin=origin, lineno=exc.lineno, text=exc.message
        ) from None
    except TemplateError as exc:  # sandbox violations, undefined attributes used as objects...
        raise ConfigurationError("core.template_used_fix_delete", origin=origin, exc=exc) from None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines)
