"""REST routes for the money domain: the dated exchange-rate table and conversions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, status

from giftwise.core.api_support import ActorDep, ManagerDep, SessionDep, problem_responses
from giftwise.core.errors import Forbidden, Invalid
from giftwise.money import service
from giftwise.money.schemas import Conversion, RateRead, RateSet

router = APIRouter(tags=["money"])


@router.get("/rates", response_model=list[RateRead])
def list_rates(session: SessionDep, actor: ActorDep, shipped: bool = True) -> list[RateRead]:
    """The exchange rates in force: the ones set here (dated), then the shipped indicative ones."""
    _ = actor
    return service.list_rates(session, shipped=shipped)


@router.post("/rates", response_model=RateRead, status_code=status.HTTP_201_CREATED,
             responses=problem_responses(Forbidden, Invalid))
def set_rate(session: SessionDep, actor: ManagerDep, body: RateSet) -> RateRead:
    """Set a rate from a day on (default today): one ``currency`` buys ``rate`` ``quote`` (default: base)."""
    return service.set_rate(session, actor, data=body)


@router.get("/rates/convert", response_model=Conversion, responses=problem_responses(Invalid))
def convert(session: SessionDep, actor: ActorDep, amount: Decimal, currency: str, to: str | None = None,
            on: date | None = None) -> Conversion:
    """An amount converted with the rate of a day (default: into the base currency, today)."""
    _ = actor
    return service.convert(session, amount=amount, currency=currency, to=to, on=on)
