"""Files whose fate waits on the database transaction.

A step that writes files (a parcel photo) or erases them (a contact's evidence) hands them here: they are
dealt with only once the transaction has ended the way that matters, and forgotten if it ends the other way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from sqlalchemy import event
from sqlalchemy.orm import Session

Ending = Literal["after_commit", "after_rollback"]
_OTHER_ENDING: dict[Ending, Ending] = {"after_commit": "after_rollback", "after_rollback": "after_commit"}
_WATCHED = "giftwise.pending_files.watched"


def when_transaction_ends(
    session: Session, key: str, files: Iterable[Path], *, on: Ending, act: Callable[[Session, list[Path]], None]
) -> None:
    """Hold ``files`` under ``key`` until the transaction ends: ``act(session, files)`` runs when it ends
    with ``on`` (every later ending so too, with what is held then), and they are dropped when it ends the other way."""
    session.info.setdefault(key, []).extend(files)
    watched: set[str] = session.info.setdefault(_WATCHED, set())
    if key in watched:
        return
    watched.add(key)

    def settle(ended: Session) -> None:
        act(ended, ended.info.pop(key, []))

    def drop(ended: Session) -> None:
        ended.info.pop(key, None)

    event.listen(session, on, settle)
    event.listen(session, _OTHER_ENDING[on], drop)
