"""What every route shares: the request's unit of work, the acting user, problem details, pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.db import unit_of_work
from giftwise.core.errors import Forbidden, GiftwiseError, Unauthorized, title_in
from giftwise.core.i18n import normalize_language
from giftwise.core.sessions import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, WebSession, same_token
from giftwise.core.sessions import decode as decode_session
from giftwise.core.settings import get_settings
from giftwise.core.validation import InvalidInput, joined, problem_sentence, sentences

PROBLEM_JSON = "application/problem+json"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: commits when the route returns, rolls back on error.

    GETs never write, so they read without waiting for a writer (a long CLI import) on SQLite.
    """
    with unit_of_work(read_only=request.method in ("GET", "HEAD")) as session:
        yield session


# "function": commit before the answer leaves, so a redirect after a POST never shows the page as it was before
# the change, and a commit that fails is the answer the user gets (the default commits after the answer is sent).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

# Who a request acts as is the accounts domain's rule, and core sits below every domain: the app
# factory (giftwise.api.create_app) installs it here.
_actor_source: list[Callable[..., Actor]] = []


def install_actor_source(source: Callable[..., Actor]) -> None:
    """Make ``source(session, token=...)`` / ``source(session, user_id=...)`` find every request's acting user."""
    _actor_source[:] = [source]


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; Unauthorized for none, another scheme or empty."""
    if not authorization or not authorization.strip():
        raise Unauthorized("auth.no_credentials")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        raise Unauthorized("auth.bad_scheme")
    if not token.strip():
        raise Unauthorized("auth.no_credentials")
    return token.strip()


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def check_csrf(request: Request, signed: WebSession | None) -> None:
    """Forbidden unless the request carries the session's CSRF token (``X-CSRF-Token`` or the form's field)."""
    sent = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if sent is None and content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if signed is None or not same_token(sent, signed.csrf):
        raise Forbidden("auth.csrf_refused")


async def get_web_session(request: Request) -> WebSession | None:
    """The signed-in web session of a request without an Authorization header; a form or call that
    changes something must prove it comes from our pages (CSRF token), else Forbidden."""
    if "authorization" in request.headers:
        return None
    signed = decode_session(request.cookies.get(SESSION_COOKIE))
    if signed is None or signed.user_id is None:
        return None
    if request.method not in SAFE_METHODS:
        await check_csrf(request, signed)
    return signed


WebSessionDep = Annotated[WebSession | None, Depends(get_web_session)]


def get_actor(
    request: Request, session: SessionDep, web: WebSessionDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Actor:
    """The signed-in user: the bearer token's owner, or the web session's. Nobody is anonymous: a 401."""
    if not _actor_source:
        raise RuntimeError("No actor source: build the app with giftwise.api.create_app.")
    if authorization is None and web is not None:
        actor = _actor_source[0](session, user_id=web.user_id)
    else:
        actor = _actor_source[0](session, token=bearer_token(authorization))
    request.state.language = actor.language
    return actor


def request_language(request: Request) -> str:
    """The language a request is answered in: ``Accept-Language``, else the acting user's, else GIFTWISE_LANGUAGE."""
    asked = request.headers.get("accept-language", "").split(",")[0].split(";")[0].strip()
    if asked and asked != "*":
        return normalize_language(asked)
    return normalize_language(getattr(request.state, "language", None) or get_settings().language)


async def acting_user(actor: Annotated[Actor, Depends(get_actor)]) -> Actor:
    """The signed-in user; for the rest of the request "today" is the day in their timezone.

    Async on purpose: a context variable set here (in the request's task) reaches the endpoint,
    which a synchronous dependency's worker thread would not pass on.
    """
    clock.use_timezone(actor.timezone)
    return actor


ActorDep = Annotated[Actor, Depends(acting_user)]

# Who may use a route. Every route declares one of these rules (a test walks the app's route table):
#   signed in (ActorDep)      anyone signed in; the services limit them to what their role may see
#   a manager (ManagerDep)    managers and admins: approvals, the team's settings, rates, the catalog
#   an admin (AdminDep)       admins: users
#   anyone (PUBLIC)           the sign-in pages, health, and feeds that carry their own secret


def require_manager(actor: ActorDep) -> Actor:
    """The signed-in user if they are a manager or an admin; Forbidden otherwise."""
    if actor.role.value not in ("manager", "admin"):
        raise Forbidden("auth.manager_only")
    return actor


def require_admin(actor: ActorDep) -> Actor:
    """The signed-in user if they are an admin; Forbidden otherwise."""
    if not actor.is_admin:
        raise Forbidden("auth.admin_only")
    return actor


def public() -> None:
    """Anyone may use this route, signed in or not (it asks for nothing, or checks its own secret)."""


ManagerDep = Annotated[Actor, Depends(require_manager)]
AdminDep = Annotated[Actor, Depends(require_admin)]
PUBLIC = Depends(public)
ACCESS_RULES = (get_actor, require_manager, require_admin, public)


class PageParams:
    """``limit`` and ``offset`` query parameters shared by every list endpoint."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=500, description="Items per page")] = 50,
        offset: Annotated[int, Query(ge=0, description="Items to skip")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends(PageParams)]


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """An RFC 9457 problem-details response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JSONResponse(jsonable_encoder(body), status_code=status, media_type=PROBLEM_JSON)


def file_download(content: bytes, filename: str, media_type: str) -> Response:
    """A response the browser saves as ``filename`` instead of showing it."""
    disposition = f'attachment; filename="{filename}"'
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def problem_responses(*errors: type[GiftwiseError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the domain errors a route may raise."""
    return {e.status: {"description": e.title, "content": {PROBLEM_JSON: {}}} for e in errors}


def _anonymous_at_a_guarded_route(request: Request) -> bool:
    """True for a request with no credentials at all to a route that is not public."""
    signed = decode_session(request.cookies.get(SESSION_COOKIE))
    if "authorization" in request.headers or (signed is not None and signed.user_id is not None):
        return False
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    return dependant is not None and public not in _dependency_calls(dependant)


def _dependency_calls(dependant: Any) -> set[Callable[..., Any]]:
    found: set[Callable[..., Any]] = set()
    for sub in dependant.dependencies:
        found.add(sub.call)
        found |= _dependency_calls(sub)
    return found


def _invalid(request: Request, problems: Sequence[Any]) -> JSONResponse:
    """A 422 problem in the request's language: every problem worded, and each under its field in ``errors``."""
    language = request_language(request)
    errors = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
               "message": problem_sentence(e, language)} for e in problems]
    detail = joined(sentences(problems, language), language)
    return problem(422, title_in("Invalid input", language), detail, error="Invalid", errors=errors)


def install_error_handlers(app: FastAPI) -> None:
    """Render domain errors, validation errors and HTTP errors as problem details."""

    @app.exception_handler(GiftwiseError)
    async def _domain(request: Request, exc: GiftwiseError) -> JSONResponse:
        if isinstance(exc, InvalidInput):  # input a route parsed itself: worded like a body FastAPI refused
            return _invalid(request, exc.problems)
        extra = {"error": type(exc).__name__}
        if exc.field:
            extra["field"] = exc.field
        language = request_language(request)
        response = problem(exc.status, title_in(exc.title, language), exc.sentence(language), **extra)
        if isinstance(exc, Unauthorized):
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        if _anonymous_at_a_guarded_route(request):
            # FastAPI reads a malformed body before any dependency runs; nobody learns more than "sign in".
            return await _domain(request, Unauthorized("auth.no_credentials"))
        return _invalid(request, exc.errors())

    @app.exception_handler(ValidationError)
    async def _schema(request: Request, exc: ValidationError) -> JSONResponse:
        # A schema a route builds itself from query parameters (filters) failed: still the caller's input.
        return _invalid(request, exc.errors())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and _anonymous_at_a_guarded_route(request):  # an unreadable body, unsigned
            return await _domain(request, Unauthorized("auth.no_credentials"))
        return problem(exc.status_code, str(exc.detail), str(exc.detail))
