"""One error hierarchy: each error carries the HTTP status and a sentence a user can act on."""

from __future__ import annotations


class GiftwiseError(Exception):
    """Base of every error giftwise raises on purpose; ``status`` maps it to HTTP."""

    status: int = 400
    title: str = "Bad request"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class NotFound(GiftwiseError):
    """The thing asked for does not exist (or the actor may not see it)."""

    status = 404
    title = "Not found"


class Conflict(GiftwiseError):
    """The request clashes with what is already stored (duplicate, wrong state)."""

    status = 409
    title = "Conflict"


class Forbidden(GiftwiseError):
    """The acting user may not do this."""

    status = 403
    title = "Forbidden"


class Invalid(GiftwiseError):
    """The input is malformed or breaks a business rule; the detail says how to fix it."""

    status = 422
    title = "Invalid input"


class ConfigurationError(GiftwiseError):
    """The installation is misconfigured (database unreachable, folder missing)."""

    status = 500
    title = "Configuration error"
