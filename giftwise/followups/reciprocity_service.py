"""The database side of reciprocity (``reciprocity.py``): a delivered gift's window to reciprocate, and
how fast gratitude fades for a contact (their owner's team, their culture, else the setting)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.core.settings import get_settings
from giftwise.followups import reciprocity, repository, rules
from giftwise.models.accounts import Team
from giftwise.models.contacts import Contact
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift


def reciprocity_window(delivered_on: date) -> tuple[date, date]:
    """The first and last day to offer the chance to reciprocate for a gift delivered on ``delivered_on``."""
    window = rules.schedule()["reciprocity"]
    return reciprocity.prompt_window(delivered_on, window["window_first_day"], window["window_last_day"])


def check_reciprocity_window(session: Session, touch: Touch, due_on: date) -> None:
    """Refuse to move a reciprocity touch before its gift's window opens (Invalid); any other touch may move."""
    if touch.purpose != "reciprocity" or touch.gift_id is None:
        return
    gift = session.get(Gift, touch.gift_id)
    if gift is None or gift.delivered_on is None:
        return
    window = rules.schedule()["reciprocity"]
    first, last = reciprocity_window(gift.delivered_on)
    # Later than the window is allowed: the touch then becomes an ordinary keep-in-touch call.
    if due_on < first:
        raise Invalid(
            "followups.reciprocity_opportunity_come_days", window_first_day=window["window_first_day"],
            window_last_day=window["window_last_day"], delivered_on=gift.delivered_on, first=first, last=last,
            field="due_on",
        )


def set_team_half_life(session: Session, actor: Actor, *, team: str, days: float | None) -> Team:
    """Set how fast gratitude fades for a team's clients (None: back to the default); admins and its manager."""
    found = repository.team_by_name(session, team)
    if found is None:
        raise NotFound("followups.team_named", team=team)
    if not (actor.is_admin or (actor.role is Role.MANAGER and actor.team_id == found.id)):
        raise Forbidden("followups.only_admin_team_s")
    if days is not None and not 0.5 <= days <= 90:
        raise Invalid("followups.half_life_between_days", field="days")
    before = {"gratitude_half_life_days": found.gratitude_half_life_days}
    found.gratitude_half_life_days = days
    record_audit(session, actor, action="team.half_life", entity="team", entity_id=found.id, before=before,
                 after={"gratitude_half_life_days": days})
    session.flush()
    return found


def half_life_for(session: Session, contact: Contact) -> float:
    """The gratitude half-life for a contact: their owner's team, their culture, else the setting."""
    return (
        repository.team_half_life(session, contact.owner_id)
        or rules.language_half_life(contact.language)
        or get_settings().gratitude_half_life_days
    )
