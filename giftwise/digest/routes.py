"""REST routes for the digest's log: which digests were sent, and which failed and why."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from giftwise.core.api_support import ActorDep, SessionDep
from giftwise.core.schemas import Day
from giftwise.digest.schemas import DigestLogRead
from giftwise.digest.service import digest_history

router = APIRouter(tags=["followups"])


@router.get("/digests", response_model=list[DigestLogRead])
def digest_log(
    session: SessionDep, actor: ActorDep, day: Day | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[DigestLogRead]:
    """Which daily digests were sent, and which failed and why."""
    return digest_history(session, actor, day=day, limit=limit)
