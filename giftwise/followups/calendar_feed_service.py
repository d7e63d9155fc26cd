"""The database side of the calendar feed (``calendar_feed.py``): a user's secret feed token, the user a
token opens, and their own agenda as iCalendar."""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.accounts import tokens_service
from giftwise.accounts.service import actor_of
from giftwise.accounts.tokens import TokenKind
from giftwise.core.actor import Actor
from giftwise.core.errors import NotFound
from giftwise.followups.agenda_service import agenda
from giftwise.followups.calendar_feed import FEED_DAYS, build_calendar
from giftwise.models.accounts import User


def calendar_token(session: Session, actor: Actor) -> str:
    """A new secret calendar-feed token for the actor, shown only now; their older feed addresses stop working."""
    for old in tokens_service.list_tokens(session, actor, kind=TokenKind.CALENDAR):
        tokens_service.revoke_token(session, actor, token_id=old.id)
    return tokens_service.issue_token(session, actor, kind=TokenKind.CALENDAR, name="feed").token


def calendar_owner(session: Session, *, token: str) -> User:
    """The active user whose live calendar feed ``token`` opens; NotFound for an unknown, expired or revoked one."""
    user = tokens_service.user_for_token(session, token, TokenKind.CALENDAR) if token else None
    if user is None:
        raise NotFound("followups.calendar_feed_address_get")
    return user


def feed_for_user(session: Session, user: User, *, days: int = FEED_DAYS) -> bytes:
    """The iCalendar feed of ``user``'s own agenda: open touches and the dates to prepare for."""
    todo = agenda(session, actor_of(user), owner_id=user.id, days=days)
    return build_calendar(todo, user=user).to_ical()
