"""Signing in and out of the web app: a password form, a one-time link, and a signed session cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from giftwise.accounts import service as accounts_service
from giftwise.accounts import tokens_service
from giftwise.core.api_support import PUBLIC, ActorDep, SessionDep, check_csrf
from giftwise.core.errors import TooManyAttempts
from giftwise.core.i18n import t
from giftwise.core.sessions import SESSION_COOKIE, WebSession, cookie_options, decode, encode, new_session
from giftwise.web.pages import page_language, render, see_other

router = APIRouter()
SIGN_IN = "/app/sign-in"


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a page of ours (never another site), else the agenda."""
    if target and target.startswith("/app") and not target.startswith("//") and "\\" not in target:
        return target
    return "/app"


def _with_session(response: Response, session: WebSession) -> Response:
    response.set_cookie(SESSION_COOKIE, encode(session), **cookie_options())  # type: ignore[arg-type]
    return response


def _form(request: Request, *, next_page: str, status_code: int = 200, error: str | None = None,
          username: str = "", signed_out: bool = False, link_token: str = "") -> Response:
    # Before signing in, the cookie carries only the CSRF token the form sends back.
    current = decode(request.cookies.get(SESSION_COOKIE))
    anonymous = current if current is not None and current.user_id is None else new_session()
    page = render(request, "sign_in.html", status_code=status_code, csrf_token=anonymous.csrf, signed_in=False,
                  next=next_page, error=error, username=username, signed_out=signed_out,
                  link_token=link_token)
    return _with_session(page, anonymous)


@router.get(SIGN_IN, response_class=HTMLResponse, dependencies=[PUBLIC])
def sign_in_page(request: Request, next: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    """The sign-in form, in the page's language."""
    return _form(request, next_page=safe_next(next), signed_out=request.query_params.get("out") == "1")


async def require_csrf(request: Request) -> None:
    """Forbidden unless a form posted before signing in carries the CSRF token of its cookie."""
    await check_csrf(request, decode(request.cookies.get(SESSION_COOKIE)))


CsrfDep = Annotated[None, Depends(require_csrf)]


@router.post(SIGN_IN, response_class=HTMLResponse, dependencies=[PUBLIC])
def sign_in(
    request: Request, session: SessionDep, _: CsrfDep,
    username: Annotated[str, Form(max_length=200)] = "", password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password (rate-limited per user and per address); a new session on success."""
    next_page, lang = safe_next(next), page_language(request)
    address = request.client.host if request.client else "unknown"
    try:
        user = accounts_service.sign_in(session, username=username, password=password, address=address)
    except TooManyAttempts as error:
        return _form(request, next_page=next_page, status_code=429, error=error.sentence(lang), username=username)
    if user is None:  # the failed attempt is committed with the request: it counts towards the limit
        return _form(request, next_page=next_page, status_code=401, error=t("web.auth.wrong", lang),
                     username=username)
    # A fresh session (and CSRF token) at sign-in, so a token planted before it is worth nothing.
    return _with_session(see_other(next_page), new_session(user.id))


@router.get(SIGN_IN + "/link", response_class=HTMLResponse, dependencies=[PUBLIC])
def sign_in_link_page(request: Request, token: Annotated[str, Query(max_length=200)] = "") -> Response:
    """A one-time sign-in link (printed by ``giftwise serve``) asks for one click, so a link preview
    or prefetch cannot use it up."""
    return _form(request, next_page="/app", link_token=token)


@router.post(SIGN_IN + "/link", response_class=HTMLResponse, dependencies=[PUBLIC])
def sign_in_link(
    request: Request, session: SessionDep, _: CsrfDep, token: Annotated[str, Form(max_length=200)] = ""
) -> Response:
    """Sign in with a one-time link's token; it stops working once used or expired."""
    user = tokens_service.consume_sign_in_link(session, token) if token else None
    if user is None:
        return _form(request, next_page="/app", status_code=401, error=t("web.auth.link_used", page_language(request)))
    return _with_session(see_other("/app"), new_session(user.id))


@router.post("/app/sign-out", response_class=HTMLResponse)
def sign_out(actor: ActorDep) -> RedirectResponse:
    """Sign out: the session cookie is dropped (the CSRF token was checked, so no other site can do it)."""
    _ = actor
    response = see_other(SIGN_IN + "?out=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
