"""What the fail-safe guard (owned by the recommend domain) answers when it rules a planned gift out.

``giftwise.gifts.service.consult_guard`` asks ``giftwise.recommend.service.guard_gift``, which
re-reads the gift (a catalog item or a free description) against everything known about the contact:
restrictions, and the compliance policy. A block other than compliance may be overridden with a
written reason, which is audited; compliance never is.
"""

from __future__ import annotations

from giftwise.core.errors import Forbidden


class GuardRefused(Forbidden):
    """The guard rules the gift out for this contact; the detail says why and whether a reason can override it."""

    title = "Gift ruled out"

