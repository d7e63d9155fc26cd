"""REST routes for users, access and the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from giftwise.accounts import service
from giftwise.accounts.schemas import AuditRead, ProfileUpdate, UserCreate, UserCreated, UserRead
from giftwise.core.api_support import ActorDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Forbidden, Invalid
from giftwise.core.schemas import Page, PrimaryKey

router = APIRouter(tags=["accounts"])


@router.get("/users", response_model=Page[UserRead])
def list_users(session: SessionDep, actor: ActorDep, page: PageDep) -> Page[UserRead]:
    """Users you may see: all (admin), your team (manager) or yourself (rep)."""
    return service.list_users(session, actor, limit=page.limit, offset=page.offset)


@router.post(
    "/users",
    response_model=UserCreated,
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(Forbidden, Conflict),
)
def create_user(session: SessionDep, actor: ActorDep, body: UserCreate) -> UserCreated:
    """Add a user (admins only); the answer holds their API token, shown only this once."""
    return service.create_user(session, actor, data=body)


@router.patch("/users/me", response_model=UserRead, responses=problem_responses(Invalid))
def update_me(session: SessionDep, actor: ActorDep, body: ProfileUpdate) -> UserRead:
    """Change how you sign to clients (display name, company), your timezone or your language."""
    return service.update_profile(session, actor, data=body)


@router.get("/audit", response_model=Page[AuditRead])
def list_audit(
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
    entity: Annotated[str | None, Query(description="e.g. contact, user")] = None,
    entity_id: PrimaryKey | None = None,
) -> Page[AuditRead]:
    """The audit trail, newest first, as far as you may see it."""
    return service.list_audit(session, actor, entity=entity, entity_id=entity_id, limit=page.limit, offset=page.offset)
