"""Web pages: thin shells over the domain services, server-rendered for people who would rather look.

Each page group lives in its own module with its own router; this module collects them into the one
``router`` that giftwise.api includes, and provides the static files it mounts.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from giftwise.core.api_support import PUBLIC
from giftwise.web import (
    agenda,
    campaigns,
    catalog,
    choice,
    contact_facts,
    contact_import,
    contact_merge,
    contact_tasks,
    contacts,
    directory,
    disputes,
    gift_lists,
    gifts,
    ledger,
    orders,
    policy,
    rates,
    shipments,
    signin,
)

router = APIRouter(include_in_schema=False)


def static_files() -> StaticFiles:
    """The stylesheet and other static assets, served under /static."""
    return StaticFiles(packages=[("giftwise.web", "static")])


@router.get("/", dependencies=[PUBLIC])
def home() -> RedirectResponse:
    """The root sends people to the dashboard."""
    return RedirectResponse("/app", status_code=307)


# contact_import and contact_merge before contacts: /app/contacts/import is not a contact's id.
PAGE_GROUPS = (signin, choice, agenda, contact_import, contact_merge, contact_facts, contact_tasks, contacts,
               gift_lists, gifts, ledger, campaigns, disputes, catalog, policy, directory, rates, orders,
               shipments)
for page_group in PAGE_GROUPS:
    router.include_router(page_group.router)
