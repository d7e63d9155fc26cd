"""Photo files for parcel evidence: received in chunks with a size limit and hashed with sha256 (no database)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import IO

from giftwise.core.errors import Invalid
from giftwise.core.i18n import Message
from giftwise.core.settings import get_settings

PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff", ".pdf"})
CHUNK = 1024 * 1024


def receive(stream: IO[bytes], folder: Path) -> tuple[str, int, Path]:
    """Copy ``stream`` to a temporary file in ``folder``, hashing it and enforcing the size limit."""
    limit = get_settings().evidence_max_bytes
    digest, size = hashlib.sha256(), 0
    handle, name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise too_large(Message.of("shipments.the_photo"), size, limit, at_least=True)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if size == 0:
        temp.unlink()
        raise Invalid("shipments.photo_file_empty_choose", field="file")
    return digest.hexdigest(), size, temp


def too_large(name: str | Message, size: int, limit: int, *, at_least: bool = False) -> Invalid:
    """The error refusing a file of ``size`` bytes over the ``limit``."""
    key = "shipments.photo_over_limit" if at_least else "shipments.photo_too_large"
    return Invalid(key, name=name, size=f"{size / 1_048_576:.1f}", limit=f"{limit / 1_048_576:.1f}", field="file")


def sha256_of(path: Path) -> str:
    """The sha256 of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
