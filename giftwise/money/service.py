"""The rules of money: set and list dated rates, and convert amounts into the book's base currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.amounts import currency_code
from giftwise.core.errors import Forbidden, Invalid
from giftwise.core.settings import get_settings
from giftwise.models.money import ExchangeRate
from giftwise.money import rates, repository
from giftwise.money.rates import NoRate, Rate, RateTable
from giftwise.money.schemas import Conversion, RateRead, RateSet

_OWN_RATES = "money.own_rates"


def base_currency() -> str:
    """The book's base currency (GIFTWISE_DEFAULT_CURRENCY): every total is stated in it."""
    return currency_code(get_settings().default_currency)


def set_rate(session: Session, actor: Actor, *, data: RateSet) -> RateRead:
    """Record that one ``currency`` buys ``rate`` ``quote`` (default: the base) from a day on; managers and admins."""
    if not (actor.is_admin or actor.role.value == "manager"):
        raise Forbidden("money.rate_forbidden")
    quote = currency_code(data.quote or base_currency())
    currency = currency_code(data.currency)
    if quote == currency:
        raise Invalid("money.rate_same", field="quote", currency=currency)
    day = data.valid_from or clock.today()
    session.info.pop(_OWN_RATES, None)
    row = repository.rate_on(session, currency, quote, day)
    before = {"rate": str(row.rate)} if row else None
    if row is None:
        row = ExchangeRate(currency=currency, quote=quote, rate=data.rate, valid_from=day)
        session.add(row)
    else:
        row.rate = data.rate
    session.flush()
    record_audit(session, actor, action="rate.set", entity="exchange_rate", entity_id=row.id, before=before,
                 after={"currency": currency, "quote": quote, "rate": str(data.rate), "valid_from": day.isoformat()})
    return RateRead(currency=currency, quote=quote, rate=row.rate, valid_from=day, source="set")


def list_rates(session: Session, *, shipped: bool = True) -> list[RateRead]:
    """The rates in force: the ones users set (every dated step), then the shipped ones they did not override."""
    own = [RateRead(currency=r.currency, quote=r.quote, rate=r.rate, valid_from=r.valid_from, source="set")
           for r in repository.all_rates(session)]
    if not shipped:
        return own
    overridden = {(r.currency, r.quote) for r in own} | {(r.quote, r.currency) for r in own}
    return own + [RateRead(currency=r.currency, quote=r.quote, rate=r.rate, valid_from=r.valid_from, source="shipped")
                  for r in rates.shipped_rates() if (r.currency, r.quote) not in overridden]


def known_currency(session: Session, currency: str) -> str:
    """``currency`` as an ISO code giftwise can convert to the base currency (RMB, rmb, ¥ and ￥ read as CNY);
    Invalid naming the currencies it knows otherwise."""
    code = currency_code(currency)
    base = base_currency()
    table = rate_table(session)
    if code != base and table.rate(code, base, clock.today()) is None:
        known = sorted(table.currencies() | {base})
        raise Invalid("money.unknown_currency", given=currency, items=", ".join(known), field="currency")
    return code


def own_rates(session: Session) -> list[Rate]:
    """Every dated rate a user set, oldest first (read once per unit of work; ``set_rate`` reads them again)."""
    # Every compliance check converts with them: a demo book's 700 checks each asked the database again.
    cached = session.info.get(_OWN_RATES)
    if cached is None:
        cached = session.info[_OWN_RATES] = [Rate(r.currency, r.quote, r.rate, r.valid_from)
                                             for r in repository.all_rates(session)]
    return list(cached)


def rate_table(session: Session) -> RateTable:
    """Every rate the user set, with the shipped ones behind them, ready to convert."""
    return rates.table(own_rates(session))


def to_base(table: RateTable, amount: Decimal, currency: str, on: date) -> Decimal:
    """``amount`` in ``currency`` expressed in the base currency with the rate of ``on``; Invalid without a rate."""
    return convert_with(table, amount, currency, base_currency(), on)


def convert_with(table: RateTable, amount: Decimal, currency: str, target: str, on: date) -> Decimal:
    """``amount`` converted from ``currency`` to ``target`` as of ``on``; Invalid naming the missing rate."""
    try:
        return table.convert(amount, currency, target, on)
    except NoRate as missing:
        raise Invalid("money.no_rate", field="currency", source=missing.source, target=missing.target) from None


def convert(session: Session, *, amount: Decimal, currency: str, to: str | None = None,
            on: date | None = None) -> Conversion:
    """``amount`` in ``currency`` converted to ``to`` (default: the base currency) with the rate of ``on``."""
    day, target = on or clock.today(), (to or base_currency()).upper()
    table = rate_table(session)
    converted = convert_with(table, amount, currency, target, day)
    return Conversion(amount=amount, currency=currency.upper(), converted=converted, to=target, on=day,
                      rate=table.rate(currency, target, day) or Decimal(0))
