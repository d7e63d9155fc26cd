"""One error hierarchy: each error carries the HTTP status and a sentence a user can act on.

An error is raised with a message key and its values (``NotFound("contacts.not_found", id=7)``)
and worded only when shown, in the reader's language: the CLI's, the request's, the page's.
"""

from __future__ import annotations

import re
from typing import Any

from giftwise.core.i18n import t
from giftwise.core.settings import get_settings

_NON_WORD = re.compile(r"\W+")


def title_in(title: str, language: str | None) -> str:
    """A problem's short title ("Not found") in ``language`` (RFC 9457 lets titles be localized)."""
    slug = _NON_WORD.sub("_", title.strip().lower()).strip("_")
    key = f"core.title.{slug}"
    worded = t(key, language)
    return title if worded == key else worded


class GiftwiseError(Exception):
    """Base of every error giftwise raises on purpose; ``status`` maps it to HTTP."""

    status: int = 400
    title: str = "Bad request"

    def __init__(self, message: str, /, *, field: str | None = None, **values: Any) -> None:
        super().__init__(message)
        self.message = message
        self.values = values
        self.field = field

    def sentence(self, language: str | None) -> str:
        """The error in ``language`` (a sentence not yet moved to the catalogs reads as raised)."""
        return t(self.message, language, **self.values)

    @property
    def detail(self) -> str:
        """The error in the installation's language (GIFTWISE_LANGUAGE), for logs and the CLI."""
        return self.sentence(get_settings().language)

    def __str__(self) -> str:
        return self.detail


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


class Unauthorized(GiftwiseError):
    """Nobody is signed in: the request carries no valid credentials (a token or a session)."""

    status = 401
    title = "Unauthorized"


class TooManyAttempts(GiftwiseError):
    """Too many failed sign-ins in a short time; wait before trying again."""

    status = 429
    title = "Too many attempts"


class Invalid(GiftwiseError):
    """The input is malformed or breaks a business rule; the detail says how to fix it."""

    status = 422
    title = "Invalid input"


class ConfigurationError(GiftwiseError):
    """The installation is misconfigured (database unreachable, folder missing)."""

    status = 500
    title = "Configuration error"
