"""While the server loads a book in the background (``serve --demo`` on a fresh folder), it already answers.

The load runs in one long write transaction, so pages cannot show the book until it commits; instead of
making a person wait a minute and a half for the first answer, every request but ``/health`` and the
static files gets a 503 saying how far the load is: a page for browsers (it reloads itself every two
seconds, so a sign-in link opened meanwhile goes through once the book is there), a problem document
for API clients. Plain ASGI middleware.
"""

from __future__ import annotations

import html
import json
import threading

from starlette.types import ASGIApp, Receive, Scope, Send

from giftwise.core.i18n import normalize_language, t
from giftwise.core.settings import get_settings

OPEN_PATHS = ("/health", "/static")
RETRY_SECONDS = 2


class Loading:
    """How far a background load is: the message key that words it and a percent; nothing while idle."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._percent = 0

    def begin(self, key: str) -> None:
        """Start answering "loading" with the message ``key`` (worded with ``percent``)."""
        with self._lock:
            self._key, self._percent = key, 0

    def advance(self, done: int, total: int) -> None:
        """Record that ``done`` of ``total`` steps are loaded."""
        with self._lock:
            self._percent = min(100, 100 * done // max(total, 1))

    def finish(self) -> None:
        """The load is over (done or failed): answer normally again."""
        with self._lock:
            self._key = None

    def current(self) -> tuple[str, int] | None:
        """(message key, percent) while a load runs; None otherwise."""
        with self._lock:
            return None if self._key is None else (self._key, self._percent)


LOADING = Loading()


class LoadingGate:
    """Answers 503 "loading (n%)" to every request but the open paths while ``LOADING`` runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, or answer that the load is still running."""
        state = LOADING.current()
        if state is None or scope["type"] != "http" or scope.get("path", "").startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        key, percent = state
        language = normalize_language(_header(scope, b"accept-language").split(",")[0].split(";")[0].strip()
                                      or get_settings().language)
        text = t(key, language, percent=percent)
        if "text/html" not in _header(scope, b"accept"):
            body = json.dumps({"type": "about:blank", "title": "Loading", "status": 503, "detail": text,
                               "error": "Loading"}, ensure_ascii=False).encode()
            kind = b"application/problem+json"
        else:
            body = _page(text, language).encode()
            kind = b"text/html; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                   (b"retry-after", str(RETRY_SECONDS).encode()), (b"cache-control", b"no-store")]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _page(text: str, language: str) -> str:
    words = html.escape(text)
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="refresh" content="{RETRY_SECONDS}"><title>giftwise</title></head>'
            f'<body><main><p role="status">{words}</p></main></body></html>')
