"""The exchange-rate page: the dated rates every total converts through, and a form to set one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from giftwise.core.api_support import ActorDep, ManagerDep, SessionDep
from giftwise.core.errors import GiftwiseError, Invalid
from giftwise.money import service as money
from giftwise.money.schemas import RateSet
from giftwise.web.pages import error_sentence, error_status, render, see_other

router = APIRouter()


@router.get("/app/rates", response_class=HTMLResponse)
def rates_page(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """Every rate in force (set here, then shipped) and the base currency totals are stated in."""
    _ = actor
    return render(request, "rates.html", rates=money.list_rates(session), base=money.base_currency(), error=None,
                  nav="ledger")


@router.post("/app/rates", response_class=HTMLResponse, response_model=None)
def rates_set(
    request: Request, session: SessionDep, actor: ManagerDep, currency: Annotated[str, Form()] = "",
    rate: Annotated[str, Form()] = "", valid_from: Annotated[str, Form()] = "",
) -> HTMLResponse | RedirectResponse:
    """Set a rate against the base currency from a day on (today when no day is given)."""
    try:
        try:
            amount = Decimal(rate.strip())
            day = date.fromisoformat(valid_from) if valid_from.strip() else None
        except (InvalidOperation, ValueError):
            raise Invalid("money.rate_form", field="rate") from None
        money.set_rate(session, actor, data=RateSet(currency=currency.strip().upper(), rate=amount, valid_from=day))
    except (GiftwiseError, ValueError) as problem:
        session.rollback()
        return render(request, "rates.html", status_code=error_status(problem), rates=money.list_rates(session),
                      base=money.base_currency(), error=error_sentence(problem, request), nav="ledger")
    return see_other("/app/rates")
