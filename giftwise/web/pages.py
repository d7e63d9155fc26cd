"""Rendering helpers for the web pages: templates, the page language, flash messages."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from giftwise.core.i18n import normalize_language, t
from giftwise.core.settings import get_settings

LANG_COOKIE = "giftwise_lang"


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("giftwise.web", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["money"] = lambda value: f"{float(value):,.0f}" if value is not None else ""
    return env


def page_language(request: Request) -> str:
    """The language a page speaks: ``?lang=``, else the cookie, else GIFTWISE_LANGUAGE."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return normalize_language(chosen or get_settings().language)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` in the page's language, remembering an explicit ``?lang=`` choice."""
    lang = page_language(request)
    html = _environment().get_template(template).render(
        request=request, lang=lang, _=lambda key, **kw: t(f"web.{key}", lang, **kw), **context
    )
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
