"""Shapes crossing the boundary for the compliance domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from giftwise.core.i18n import msg
from giftwise.core.schemas import CurrencyCode, PrimaryKey, Schema
from giftwise.models.gifts import ItemKind


class GiftCheck(Schema):
    """A proposed gift: for a contact, a catalog item (by sku) or a description and what kind of thing it is, its
    cost and currency."""

    contact_id: PrimaryKey
    sku: Annotated[str, StringConstraints(max_length=120)] | None = None
    description: Annotated[str, StringConstraints(max_length=2000)] = ""
    item_kind: ItemKind | None = None
    cost: Annotated[Decimal, Field(ge=0)] | None = None
    currency: CurrencyCode | None = None
    occasion: str = "thank-you"


class VerdictRead(Schema):
    """The policy's answer: allowed, needs a manager's approval, and why (codes name the rules)."""

    allowed: bool
    needs_approval: bool
    reasons: list[str]
    codes: list[str]
    value: Decimal | None = None


class LimitsRead(Schema):
    """The caps for one recipient group."""

    group: str
    per_gift_cap: Decimal | None
    approval_above: Decimal | None
    rolling_12m_cap: Decimal | None
    banned: list[str] = Field(default_factory=list)


class PolicyRead(Schema):
    """The policy in force."""

    currency: str
    banned: list[str]
    groups: list[LimitsRead]
    tender_forbids: bool
    refuses_gifts_max: Decimal
    repeat_window_days: int
    rates: dict[str, Decimal]
    version: int = 1


# The kinds a policy may ban: each has its sentence (compliance.banned.<kind>) and the verdict knows it.
BannedKind = Literal["cash", "cash_equivalent", "alcohol", "tobacco"]
BANNABLE: tuple[str, ...] = get_args(BannedKind)
Amount = Annotated[Decimal, Field(ge=0, le=10_000_000, decimal_places=2)]


class LimitsIn(Schema):
    """New caps for one recipient group (no value: no limit), and the kinds it bans on top of everyone's."""

    per_gift_cap: Amount | None = None
    approval_above: Amount | None = None
    rolling_12m_cap: Amount | None = None
    banned: list[BannedKind] = Field(default_factory=list)

    @model_validator(mode="after")
    def _in_order(self) -> LimitsIn:
        cap, approval, yearly = self.per_gift_cap, self.approval_above, self.rolling_12m_cap
        if cap is not None and approval is not None and approval > cap:
            raise ValueError(msg("compliance.policy_approval_above_cap"))
        if cap is not None and yearly is not None and cap > yearly:
            raise ValueError(msg("compliance.policy_cap_above_year"))
        return self


class PolicyUpdate(Schema):
    """The editable part of the gift policy: what everyone may never get, each group's caps, the other rules."""

    banned: list[BannedKind]
    groups: dict[str, LimitsIn]
    tender_forbids: bool
    refuses_gifts_max: Amount
    repeat_window_days: Annotated[int, Field(ge=0, le=3650)]
