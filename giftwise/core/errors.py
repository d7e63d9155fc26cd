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

    def __init_subclass__(cls, *, status: int | None = None, title: str | None = None, **kwargs: Any) -> None:
        """A kind of error declares its HTTP status and short title in its class line."""
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if title is not None:
            cls.title = title

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


class NotFound(GiftwiseError, status=404, title="Not found"):
    """The thing asked for does not exist (or the actor may not see it)."""


class Conflict(GiftwiseError, status=409, title="Conflict"):
    """The request clashes with what is already stored (duplicate, wrong state)."""


class Forbidden(GiftwiseError, status=403, title="Forbidden"):
    """The acting user may not do this."""


class Unauthorized(GiftwiseError, status=401, title="Unauthorized"):
    """Nobody is signed in: the request carries no valid credentials (a token or a session)."""


class TooManyAttempts(GiftwiseError, status=429, title="Too many attempts"):
    """Too many failed sign-ins in a short time; wait before trying again."""


class Invalid(GiftwiseError, status=422, title="Invalid input"):
    """The input is malformed or breaks a business rule; the detail says how to fix it."""


class ConfigurationError(GiftwiseError, status=500, title="Configuration error"):
    """The installation is misconfigured (database unreachable, folder missing)."""
