"""A content-addressed cache on disk: each value is stored under a digest of what it was computed from.

The compiled lexicon, the jieba dictionary and analysed catalogs live here. A changed input gives a
new key, so an entry is never stale; entries are written atomically (a temporary file renamed into
place), so a concurrent reader never sees half a file. An unreadable or unwritable cache only costs
speed: ``load`` then answers None and the caller computes the value again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from giftwise.core.settings import get_settings

# By file suffix: pickle for Python objects, marshal for plain dicts (jieba's, several times faster).
_CODECS: dict[str, tuple[Callable[[IO[bytes]], Any], Callable[[Any, IO[bytes]], None]]] = {
    ".pickle": (pickle.load, lambda value, handle: pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)),
    ".marshal": (marshal.load, marshal.dump),
}
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError)


def key_of(*parts: bytes | str, length: int = 20) -> str:
    """A short hex digest of ``parts``: the address of a value computed from exactly these inputs."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
    return digest.hexdigest()[:length]


def cache_dir() -> Path:
    """Where caches live: ``GIFTWISE_CACHE_DIR``, else the user cache folder."""
    configured = get_settings().cache_dir
    if configured is not None:
        return configured
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("giftwise", appauthor=False))


def load(name: str) -> Any | None:
    """The value stored as ``name`` (``<kind>-<key>.pickle`` or ``.marshal``), or None if absent or unreadable."""
    reader, _ = _CODECS[Path(name).suffix]
    try:
        with (cache_dir() / name).open("rb") as handle:
            return reader(handle)
    except _UNREADABLE:
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` as ``name``, atomically; an unwritable cache folder is silently skipped."""
    _, writer = _CODECS[Path(name).suffix]
    target = cache_dir() / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            writer(value, handle)
        os.replace(temp, target)
    except OSError:
        pass  # no cache: the value is computed again next time
