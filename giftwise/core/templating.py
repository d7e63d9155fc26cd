"""Render user-editable text templates (stories, cards, touch scripts) in zh or en.

Shipped templates live in ``giftwise/data/<domain>/templates/<lang>/<name>.txt``. A user points
``GIFTWISE_TEMPLATES_DIR`` at a folder with the same layout (``<domain>/<lang>/<name>.txt``) to
override any of them; a template missing there falls back to the shipped one.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from giftwise.core.errors import ConfigurationError
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


def template_source(domain: str, language: str, name: str) -> tuple[str, str]:
    """The text of template ``name`` and where it came from (user folder first, then shipped)."""
    lang = normalize_language(language)
    custom_root = get_settings().templates_dir
    if custom_root is not None:
        custom = Path(custom_root) / domain / lang / f"{name}.txt"
        if custom.is_file():
            return custom.read_text(encoding="utf-8"), str(custom)
    shipped = resources.files("giftwise") / "data" / domain / "templates" / lang / f"{name}.txt"
    if not shipped.is_file():
        raise ConfigurationError("core.template_txt_missing_reinstall", domain=domain, lang=lang, name=name)
    return shipped.read_text(encoding="utf-8"), f"giftwise/data/{domain}/templates/{lang}/{name}.txt"


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
