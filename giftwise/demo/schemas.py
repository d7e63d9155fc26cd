"""Shapes the demo domain hands back: what loading the demo book did."""

from __future__ import annotations

from pydantic import Field

from giftwise.core.schemas import Schema


class DemoColleague(Schema):
    """A colleague the demo added, with the API token to act as them (shown once)."""

    username: str
    role: str
    api_token: str


class DemoSummary(Schema):
    """What loading the demo book added; a second load adds nothing."""

    seed: int
    catalog_items: int
    catalog_created: int
    colleagues_created: list[DemoColleague]
    organizations_created: int
    contacts_created: int
    contacts_already_there: int
    notes_created: int
    history: dict[str, int] = Field(
        default_factory=dict, description="What the replayed year added: gifts, touches, outcomes, campaigns..."
    )
