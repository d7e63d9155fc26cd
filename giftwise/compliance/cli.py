"""Terminal commands for the compliance domain (services are imported inside commands).

giftwise compliance policy | check CONTACT --sku SKU [--cost N --currency C]
"""

from __future__ import annotations

from decimal import Decimal

import typer

from giftwise.core.cli_support import (
    FormatOption,
    OutputFormat,
    cli_unit,
    console,
    emit,
    parse_options,
)
from giftwise.core.i18n import msg

compliance_app = typer.Typer(help="Gift policy: caps, banned kinds, approvals, open tenders.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add the ``compliance`` command group to the root ``giftwise`` app."""
    root.add_typer(compliance_app, name="compliance")


@compliance_app.command("policy")
def policy(fmt: OutputFormat = FormatOption) -> None:
    """Show the gift policy in force (GIFTWISE_POLICY_FILE or the shipped default)."""
    from giftwise.compliance.service import policy_read

    with cli_unit() as (session, _actor):
        data = policy_read(session)
    if fmt is OutputFormat.json:
        emit(data, fmt)
        return
    console.print(msg("compliance.policy_summary", banned=", ".join(data.banned), currency=data.currency,
                      days=data.repeat_window_days, tender=data.tender_forbids), highlight=False)
    emit([g.model_dump() for g in data.groups], fmt, ["group", "per_gift_cap", "approval_above", "rolling_12m_cap"])


@compliance_app.command("check")
def check(
    contact: int = typer.Argument(..., help="Contact id."),
    sku: str = typer.Option(None, "--sku", help="Catalog item id."),
    description: str = typer.Option("", "--description", help="A gift outside the catalog."),
    item_kind: str = typer.Option(None, "--item-kind", help="What a described gift is: goods, food, drink, voucher, "
                                                               "cash or experience (a voucher counts as cash)."),
    cost: float = typer.Option(None, "--cost", help="Value of the gift (default: the item's price)."),
    currency: str = typer.Option(None, "--currency", help="Currency of --cost (3 letters)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Say whether a gift may go to a contact: allowed, needs approval, or forbidden, and why."""
    from giftwise.compliance.schemas import GiftCheck
    from giftwise.compliance.service import check_by_sku

    with cli_unit() as (session, actor):
        data = parse_options(GiftCheck, contact_id=contact, sku=sku, description=description, item_kind=item_kind,
                             cost=None if cost is None else Decimal(str(cost)), currency=currency)
        verdict = check_by_sku(session, actor, contact_id=data.contact_id, sku=data.sku, description=data.description,
                               cost=data.cost, currency=data.currency, item_kind=data.item_kind)
    data = {"allowed": verdict.allowed, "needs_approval": verdict.needs_approval, "reasons": verdict.reasons,
            "codes": verdict.codes}
    emit(data, fmt)
