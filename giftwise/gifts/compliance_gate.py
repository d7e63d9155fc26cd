"""What the compliance policy says about a planned gift, as the gifts domain keeps it.

``giftwise.gifts.service.consult_compliance`` asks ``giftwise.compliance.service.check_gift``, which
judges the gift against the policy with what the database knows (public official, state-owned
employer, open tender, what we gave in 12 months).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Verdict:
    """What compliance says about a gift: allowed at all, needs approval, and why."""

    allowed: bool = True
    needs_approval: bool = False
    reasons: list[str] = field(default_factory=list)
    checked: bool = True  # kept for callers written before the compliance service existed
