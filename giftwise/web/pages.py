"""Rendering helpers for the web pages: templates, the page language, errors as one sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial
from html import escape
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.amounts import money
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import bilingual, label, normalize_language, t
from giftwise.core.sessions import CSRF_FIELD, SESSION_COOKIE
from giftwise.core.sessions import decode as decode_session
from giftwise.core.settings import get_settings
from giftwise.core.validation import field_errors

LANG_COOKIE = "giftwise_lang"
T = TypeVar("T")


def _base_currency() -> str:
    # Totals across currencies (ledger, ROI) are in the book's base currency.
    return get_settings().default_currency


def _percent(value: Any, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{float(value):+.0%}" if signed else f"{float(value):.0%}"


@cache
def _environment(lang: str) -> Environment:
    # One environment per language: jinja2's i18n extension installs ``_``/``gettext`` as globals.
    env = Environment(
        loader=PackageLoader("giftwise.web", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=lambda key, **values: t(key, lang, **values),
        ngettext=lambda singular, plural, n, **kw: t(singular if n == 1 else plural, lang, n=n, **kw),
        newstyle=False,
    )
    env.filters["money"] = money  # {{ amount|money(currency) }}: never a bare number
    env.globals["base_currency"] = _base_currency
    env.globals["bilingual"] = partial(bilingual, lang)  # bilingual(zh, en): the stored pair's page-language side
    env.filters["percent"] = _percent
    env.filters["label"] = lambda value, kind: label(kind, value, lang)  # {{ c.relationship|label('relationship') }}
    return env


def page_language(request: Request) -> str:
    """The language a page speaks: ``?lang=``, else the cookie, else GIFTWISE_LANGUAGE."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return normalize_language(chosen or get_settings().language)


def speaking(actor: Actor, request: Request) -> Actor:
    """The actor as seen by services that word their answers in ``actor.language``: in the page's language."""
    return replace(actor, language=page_language(request))


def render(
    request: Request, template: str, status_code: int = 200, *, language: str | None = None, **context: Any
) -> HTMLResponse:
    """Render ``template`` in the page's language (or ``language``), remembering an explicit ``?lang=`` choice."""
    lang = normalize_language(language) if language else page_language(request)
    signed = decode_session(request.cookies.get(SESSION_COOKIE))
    context.setdefault("csrf_token", signed.csrf if signed else "")
    context.setdefault("signed_in", bool(signed and signed.user_id))
    html = _environment(lang).get_template(template).render(request=request, lang=lang, **context)
    html = with_csrf_fields(html, context["csrf_token"])
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


async def posted_fields(request: Request) -> dict[str, str]:
    """A posted form's text fields, blanks kept (a form may say "empty this"), the CSRF token left out (it was
    checked already)."""
    form = await request.form()
    return {key: value.strip() for key, value in form.items() if isinstance(value, str) and key != CSRF_FIELD}


async def form_fields(request: Request) -> dict[str, str]:
    """A posted form's fields as text, blanks left out (so a schema's defaults and None apply)."""
    return {key: value for key, value in (await posted_fields(request)).items() if value}


FormDep = Annotated[dict[str, str], Depends(form_fields)]
PostedDep = Annotated[dict[str, str], Depends(posted_fields)]


def is_htmx(request: Request) -> bool:
    """True when HTMX asked for a part of the page (it swaps the answer in place) rather than a whole page."""
    return request.headers.get("hx-request") == "true"


# Every form that posts carries the session's CSRF token: added here, in the one place pages are rendered,
# so a form added to any template is protected without remembering to. (HTMX requests send the header.)
_POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']post[\"'][^>]*>", re.IGNORECASE)


def with_csrf_fields(html: str, token: str) -> str:
    """``html`` with a hidden ``csrf_token`` field at the start of every ``<form method="post">``."""
    field = f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(token)}">'
    return _POST_FORM.sub(lambda found: found.group(0) + field, html)


def see_other(url: str) -> RedirectResponse:
    """After a successful form post: show the page again (POST-redirect-GET)."""
    return RedirectResponse(url, status_code=303)


@dataclass(frozen=True)
class Refused:
    """A form the input rules or the domain refused: each field's problem in the page's language, and the
    HTTP status to show the page again with."""

    errors: dict[str, str]
    status: int

    @property
    def sentence(self) -> str:
        """The first field's problem, for a page that shows one line."""
        return next(iter(self.errors.values()))


def attempt(request: Request, session: Session, action: Callable[[], T]) -> T | Refused:
    """What ``action`` returns; if its input or the domain refuses it, nothing it wrote stays and the refusal
    comes back instead, to be shown on the form."""
    try:
        return action()
    except (GiftwiseError, ValueError) as error:  # ValueError: a form value that does not parse (pydantic's too)
        session.rollback()
        return Refused(field_errors(error, page_language(request)), error_status(error))


def step_then_see(
    request: Request, session: Session, step: Callable[[], object], done: str, refused: Callable[[Refused], T]
) -> RedirectResponse | T:
    """Run a page's ``step`` and go to ``done`` (POST-redirect-GET); if it is refused, ``refused`` shows why."""
    if isinstance(outcome := attempt(request, session, step), Refused):
        return refused(outcome)
    return see_other(done)


def error_sentence(error: Exception, request: Request) -> str:
    """What went wrong with a form, in one sentence in the page's language (the first field's problem)."""
    return next(iter(field_errors(error, page_language(request)).values()))


def error_status(error: Exception) -> int:
    """The HTTP status of a page re-shown with an error (the domain error's, else 422)."""
    return error.status if isinstance(error, GiftwiseError) else 422


