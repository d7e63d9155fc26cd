"""Database mode of ``giftwise recommend``: one stored contact, or the whole book (``--all``)."""

from __future__ import annotations

from pathlib import Path

from giftwise.core.cli_support import OutputFormat, cli_unit
from giftwise.core.i18n import Label, msg


def recommend_contact(contact: str, catalog: Path | None, occasion: str, budget_max: float | None, currency: str,
                      as_of: str | None, top: int, fmt: OutputFormat) -> None:
    """Recommend for one stored contact and print the result."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.recommend.cli import show
    from giftwise.recommend.service import recommend_for_contact

    with cli_unit() as (session, actor):
        contact_id = resolve_contact(session, actor, ref=contact).id
        result = recommend_for_contact(session, actor, contact_id=contact_id, occasion=occasion,
                                       budget_max=budget_max, currency=currency, as_of=as_of, top=top,
                                       catalog=catalog)
    data = result.model_dump(mode="json")
    data["title"] = msg("cli.recommend.title", contact=contact, occasion=Label("occasion", result.occasion),
                        as_of=result.as_of)
    show(data, fmt, result.currency)


def recommend_all(catalog: Path | None, occasion: str, budget_max: float | None, currency: str, as_of: str | None,
                  top: int, output: Path | None, fmt: OutputFormat) -> None:
    """Recommend for every contact in the book (see ``giftwise.recommend.batch``)."""
    from giftwise.recommend.cli.batch import run_all

    run_all(catalog, occasion, budget_max, currency, as_of, top, output, fmt)
