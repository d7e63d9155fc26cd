"""Who acts: every service call receives an Actor, so access rules live in one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a user may see: a rep their own book, a manager their team's, an admin all."""

    REP = "rep"
    MANAGER = "manager"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Actor:
    """The user on whose behalf a service call runs."""

    user_id: int
    username: str
    role: Role = Role.ADMIN
    team_id: int | None = None
    language: str = "zh"
    # IANA name; empty means GIFTWISE_TIMEZONE. "Today" is the day where the user is.
    timezone: str = ""

    @property
    def is_admin(self) -> bool:
        """True for administrators, who see every contact."""
        return self.role is Role.ADMIN
