"""Signed session cookies for the web app: who is signed in and the form token that proves a post is ours.

The cookie holds only a user id and a random CSRF token, signed (itsdangerous) with the session secret:
GIFTWISE_SESSION_SECRET, else a secret generated once into ``<data dir>/session.key``.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from giftwise.core.settings import get_settings

SESSION_COOKIE = "giftwise_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_SALT = "giftwise.session"


@dataclass(frozen=True, slots=True)
class WebSession:
    """What a session cookie says: the signed-in user (None before sign-in) and the CSRF token."""

    csrf: str
    user_id: int | None = None


def _secret_file(folder: Path) -> str:
    path = folder / "session.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # Created readable by its owner only; a second process racing us keeps the first file.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


@cache
def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def session_secret() -> str:
    """The secret that signs session cookies (settings, else the data folder's generated one)."""
    settings = get_settings()
    return settings.session_secret or _secret_file(settings.data_dir)


def new_session(user_id: int | None = None) -> WebSession:
    """A session with a fresh CSRF token, for ``user_id`` (None: not signed in yet)."""
    return WebSession(csrf=secrets.token_urlsafe(24), user_id=user_id)


def encode(session: WebSession) -> str:
    """The signed cookie value of ``session``."""
    return _serializer(session_secret()).dumps({"csrf": session.csrf, "uid": session.user_id})


def decode(value: str | None) -> WebSession | None:
    """The session in a cookie value; None when absent, forged or older than GIFTWISE_SESSION_HOURS."""
    if not value:
        return None
    max_age = int(get_settings().session_hours * 3600)
    try:
        data = _serializer(session_secret()).loads(value, max_age=max_age)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
        return None
    uid = data.get("uid")
    return WebSession(csrf=data["csrf"], user_id=uid if isinstance(uid, int) else None)


def cookie_options() -> dict[str, object]:
    """How the session cookie is set: HttpOnly, SameSite=Lax (Secure behind HTTPS), lasting a session's hours."""
    settings = get_settings()
    return {"httponly": True, "samesite": "lax", "path": "/", "max_age": int(settings.session_hours * 3600),
            "secure": settings.session_cookie_secure}


def same_token(sent: str | None, expected: str) -> bool:
    """True when the CSRF token ``sent`` with a form or header is the session's (constant-time)."""
    return bool(sent) and secrets.compare_digest(str(sent), expected)
