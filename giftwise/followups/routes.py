"""REST routes for the followups domain: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import Field

from giftwise.core import clock
from giftwise.core.api_support import PUBLIC, ActorDep, ManagerDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.schemas import Page, PrimaryKey, Schema
from giftwise.dates.schemas import ImportantDate
from giftwise.followups import (
    agenda_service,
    calendar_feed_service,
    custom_dates_service,
    reciprocity_service,
    service,
)
from giftwise.followups.schemas import (
    Agenda,
    CustomDateCreate,
    CustomDateRead,
    TouchCreate,
    TouchDone,
    TouchRead,
    TouchReschedule,
    TouchSkip,
    TouchSnooze,
)

router = APIRouter(tags=["followups"])


class CalendarTokenRead(Schema):
    """The secret feed address of the acting user."""

    token: str
    path: str


@router.post("/touches", status_code=201, response_model=TouchRead, responses=problem_responses(NotFound, Invalid))
def create_touch(data: TouchCreate, session: SessionDep, actor: ActorDep) -> TouchRead:
    """Put a touch on the agenda (other domains link their record with source/source_id)."""
    return TouchRead.model_validate(service.create_touch(session, actor, data=data))


@router.get("/touches", response_model=Page[TouchRead], responses=problem_responses(Invalid))
def list_touches(
    session: SessionDep, actor: ActorDep, page: PageDep,
    contact_id: Annotated[PrimaryKey | None, Query()] = None, gift_id: Annotated[PrimaryKey | None, Query()] = None,
    status: str | None = None, purpose: str | None = None, source: str | None = None,
    source_id: PrimaryKey | None = None,
) -> Page[TouchRead]:
    """Touches you may see, soonest first."""
    return service.list_touches(session, actor, contact_id=contact_id, gift_id=gift_id, status=status,
                                purpose=purpose, source=source, source_id=source_id,
                                limit=page.limit, offset=page.offset)


@router.get("/touches/{touch_id}", response_model=TouchRead, responses=problem_responses(NotFound))
def get_touch(touch_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> TouchRead:
    """One touch."""
    return TouchRead.model_validate(service.get_touch(session, actor, touch_id=touch_id))


@router.post("/touches/{touch_id}/done", response_model=TouchRead,
             responses=problem_responses(NotFound, Conflict, Invalid))
def complete_touch(touch_id: PrimaryKey, data: TouchDone, session: SessionDep, actor: ActorDep) -> TouchRead:
    """Mark a touch done with how it went."""
    touch = service.complete_touch(session, actor, touch_id=touch_id, result=data.result,
                                   minutes_spent=data.minutes_spent)
    return TouchRead.model_validate(touch)


@router.post("/touches/{touch_id}/skip", response_model=TouchRead,
             responses=problem_responses(NotFound, Conflict, Invalid))
def skip_touch(touch_id: PrimaryKey, data: TouchSkip, session: SessionDep, actor: ActorDep) -> TouchRead:
    """Skip a touch, saying why."""
    return TouchRead.model_validate(service.skip_touch(session, actor, touch_id=touch_id, reason=data.reason))


@router.post("/touches/{touch_id}/reschedule", response_model=TouchRead,
             responses=problem_responses(NotFound, Conflict, Invalid))
def reschedule_touch(touch_id: PrimaryKey, data: TouchReschedule, session: SessionDep, actor: ActorDep) -> TouchRead:
    """Move a touch to another day."""
    return TouchRead.model_validate(service.reschedule_touch(session, actor, touch_id=touch_id, due_on=data.due_on))


@router.post("/touches/{touch_id}/snooze", response_model=TouchRead,
             responses=problem_responses(NotFound, Conflict, Invalid))
def snooze_touch(touch_id: PrimaryKey, data: TouchSnooze, session: SessionDep, actor: ActorDep) -> TouchRead:
    """Push a touch back some days."""
    return TouchRead.model_validate(service.snooze_touch(session, actor, touch_id=touch_id, days=data.days))


@router.get("/agenda", response_model=Agenda, responses=problem_responses(NotFound, Invalid))
def get_agenda(
    session: SessionDep, actor: ActorDep,
    owner_id: Annotated[PrimaryKey | None, Query()] = None, days: Annotated[int, Query(ge=0, le=90)] = 7,
) -> Agenda:
    """Overdue touches, today's, the next days', and the dates to prepare for."""
    return agenda_service.agenda(session, actor, owner_id=owner_id, days=days)


@router.get("/dates", response_model=list[ImportantDate], responses=problem_responses(NotFound, Invalid))
def upcoming_dates(
    session: SessionDep, actor: ActorDep,
    owner_id: Annotated[PrimaryKey | None, Query()] = None, days: Annotated[int, Query(ge=0, le=366)] = 30,
) -> list[ImportantDate]:
    """Birthdays, anniversaries, festivals and custom dates whose preparation starts within ``days``."""
    return agenda_service.upcoming_dates(session, actor, owner_id=owner_id, days=days)


@router.post("/dates/custom", status_code=201, response_model=CustomDateRead,
             responses=problem_responses(NotFound, Invalid))
def add_custom_date(data: CustomDateCreate, session: SessionDep, actor: ActorDep) -> CustomDateRead:
    """Remember a yearly date that matters (solar or lunar)."""
    return CustomDateRead.model_validate(custom_dates_service.add_custom_date(session, actor, data=data))


@router.get("/dates/custom", response_model=list[CustomDateRead], responses=problem_responses(NotFound))
def list_custom_dates(
    session: SessionDep, actor: ActorDep, contact_id: Annotated[PrimaryKey | None, Query()] = None
) -> list[CustomDateRead]:
    """The custom dates you may see."""
    rows = custom_dates_service.list_custom_dates(session, actor, contact_id=contact_id)
    return [CustomDateRead.model_validate(c) for c in rows]


@router.delete("/dates/custom/{custom_date_id}", status_code=204, responses=problem_responses(NotFound))
def delete_custom_date(custom_date_id: PrimaryKey, session: SessionDep, actor: ActorDep) -> Response:
    """Forget a custom date."""
    custom_dates_service.delete_custom_date(session, actor, custom_date_id=custom_date_id)
    return Response(status_code=204)


@router.post("/calendar/token", response_model=CalendarTokenRead)
def new_calendar_token(session: SessionDep, actor: ActorDep) -> CalendarTokenRead:
    """A new calendar feed address (shown only now; stored hashed); your older one stops working."""
    token = calendar_feed_service.calendar_token(session, actor)
    return CalendarTokenRead(token=token, path=f"/calendar/{token}.ics")


@router.get("/calendar/{token}.ics", dependencies=[PUBLIC],
            responses={200: {"content": {"text/calendar": {}}}, **problem_responses(NotFound)})
def calendar_feed(token: str, session: SessionDep) -> Response:
    """The iCalendar feed of a user's agenda; the secret token in the address is the only key."""
    user = calendar_feed_service.calendar_owner(session, token=token)
    clock.use_timezone(user.timezone)  # the feed's "today" is its owner's
    feed = calendar_feed_service.feed_for_user(session, user)
    return Response(content=feed, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="giftwise.ics"', "Cache-Control": "private"})


class HalfLifeIn(Schema):
    """How many days it takes a team's clients' gratitude to halve (null: the default)."""

    days: Annotated[float, Field(ge=0.5, le=90)] | None


@router.put("/teams/{team}/gratitude-half-life", responses=problem_responses(NotFound, Forbidden, Invalid))
def set_half_life(team: str, data: HalfLifeIn, session: SessionDep, actor: ManagerDep) -> dict[str, object]:
    """Set how fast gratitude fades for a team's clients."""
    found = reciprocity_service.set_team_half_life(session, actor, team=team, days=data.days)
    return {"team": found.name, "gratitude_half_life_days": found.gratitude_half_life_days}
