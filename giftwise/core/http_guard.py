"""What every answer of the server carries and every request must respect: security headers and a size limit.

Plain ASGI middleware (no buffering of answers): the headers are added as the response starts, and a
request body larger than GIFTWISE_MAX_REQUEST_BYTES is refused with a 413 problem before the app sees it
(or, for a page, with what ``refuse_page`` answers: the edge that knows pages words it as one).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from giftwise.core.i18n import normalize_language, t
from giftwise.core.settings import get_settings

# Pages run only our own scripts; nothing may frame them (clickjacking) or guess their types. Inline
# style attributes stay allowed (a few templates size table columns with them; styles cannot run code).
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Swagger UI starts itself with an inline script and inline styles; its assets are still our own copies.
DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
)
DOCS_PATHS = ("/docs",)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Sign-in links carry a secret in their address: never pass an address on to another site.
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


# Given the request and the limit in MB, the answer for a page (an ASGI app), or None when it is not a page.
PageRefusal = Callable[[Scope, float], ASGIApp | None]


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


class HttpGuard:
    """Adds the security headers to every answer and refuses request bodies over ``max_bytes`` (413)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, refuse_page: PageRefusal | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.refuse_page = refuse_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app with the headers added and the body size checked."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope.get("path", "").startswith(DOCS_PATHS) else PAGE_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", policy.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send_with_headers)
            return
        if declared or not _header(scope, b"transfer-encoding"):
            await self.app(scope, receive, send_with_headers)
            return
        body = await self._read_limited(receive)
        if body is None:
            await self._too_large(scope, receive, send_with_headers)
            return
        await self.app(scope, _replay(body), send_with_headers)

    async def _read_limited(self, receive: Receive) -> list[Message] | None:
        """A chunked body read whole while it stays under the limit; None as soon as it goes over."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if message["type"] != "http.request" or not message.get("more_body", False):
                return messages

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_mb = round(self.max_bytes / 1024 / 1024, 1)
        page = self.refuse_page(scope, limit_mb) if self.refuse_page else None
        if page is not None:
            await page(scope, receive, send)
            return
        asked = _header(scope, b"accept-language").split(",")[0].split(";")[0].strip()
        language = normalize_language(asked or get_settings().language)
        detail = t("server.too_large", language, mb=limit_mb)
        body = json.dumps({"type": "about:blank", "title": "Content too large", "status": 413, "detail": detail,
                           "error": "TooLarge"}, ensure_ascii=False).encode()
        headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(messages: list[Message]) -> Receive:
    queue = list(messages)

    async def receive() -> Message:
        if queue:
            return queue.pop(0)
        return {"type": "http.disconnect"}

    return receive
