"""Errors on web pages are HTML pages in the page's language, with the navigation to go on from there.

The REST API keeps its problem details: these handlers answer only requests for pages (under /app) and
hand every other request to the handler installed before them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response
from starlette.types import Scope

from giftwise.core.api_support import problem
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import t
from giftwise.core.validation import field_errors
from giftwise.web.pages import page_language, render

PAGE_PREFIX = "/app"
# Statuses with their own heading; any other reads as the 500 page, or 422 for the 4xx the page does not name.
TITLED = (400, 403, 404, 405, 409, 413, 422, 500)
# 401 belongs to sign-in (it sends people to the sign-in page), not to an error page.
PASSED_ON = frozenset({401})
log = logging.getLogger(__name__)
Handler = Callable[[Request, Any], Awaitable[Response] | Response]


def is_page(request: Request) -> bool:
    """True for requests a person's browser makes for a page (under /app), not for the API."""
    return request.url.path == PAGE_PREFIX or request.url.path.startswith(PAGE_PREFIX + "/")


def to_sign_in(request: Request) -> Response:
    """Send someone who is not signed in to the sign-in page, coming back here afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/app/sign-in?next={quote(here, safe='/')}", status_code=303)


def error_page(request: Request, status: int, lines: list[str]) -> Response:
    """The error page for ``status`` with what went wrong in ``lines`` (sentences in the page's language)."""
    shown = status if status in TITLED else (500 if status >= 500 else 422)
    return render(request, "error.html", status_code=status, status=shown, lines=lines, nav=None)


def too_large_page(scope: Scope, limit_mb: float) -> Response | None:
    """For a page's request whose body is over the size limit (an upload, mostly): the 413 error page in the
    page's language saying the limit; None for any other request (the API keeps its problem details)."""
    request = Request(scope)
    if not is_page(request):
        return None
    page = error_page(request, 413, [t("server.too_large", page_language(request), mb=limit_mb)])
    page.headers["connection"] = "close"  # the body was not read: this connection cannot carry another request
    return page


def _domain(request: Request, exc: GiftwiseError) -> Response:
    return error_page(request, exc.status, [exc.sentence(page_language(request))])


def _validation(request: Request, exc: RequestValidationError) -> Response:
    # Each sentence names its field the way the form labels it.
    return error_page(request, 422, list(field_errors(exc, page_language(request)).values()))


def _http(request: Request, exc: StarletteHTTPException) -> Response:
    return error_page(request, exc.status_code, [])


def _crash(request: Request, exc: Exception) -> Response:
    log.exception("page %s failed", request.url.path, exc_info=exc)
    return error_page(request, 500, [])


def install(app: FastAPI) -> None:
    """Answer page requests' errors with HTML pages; every other request keeps the API's handler."""
    for kind, handler in ((GiftwiseError, _domain), (RequestValidationError, _validation),
                          (StarletteHTTPException, _http), (Exception, _crash)):
        app.add_exception_handler(kind, _for_pages(handler, app.exception_handlers.get(kind)))


def _for_pages(page_handler: Handler, api_handler: Handler | None) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status", None) or getattr(exc, "status_code", None)
        if is_page(request) and status == 401:
            return to_sign_in(request)
        if is_page(request) and status not in PASSED_ON:
            return page_handler(request, exc)  # type: ignore[return-value]
        if api_handler is None:  # only Exception has none: a crash the API answers as a bare 500
            return problem(500, "Internal Server Error", t("web.error.hint_500", page_language(request)))
        answer = api_handler(request, exc)
        return await answer if isinstance(answer, Awaitable) else answer

    return handle
