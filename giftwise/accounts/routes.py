"""REST routes for users, access and the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from giftwise.accounts import service, tokens_service
from giftwise.accounts.schemas import (
    AuditRead,
    ProfileUpdate,
    TokenCreate,
    TokenIssued,
    TokenRead,
    TokenRotate,
    UserCreate,
    UserCreated,
    UserRead,
)
from giftwise.accounts.tokens import TokenKind
from giftwise.core.api_support import ActorDep, AdminDep, PageDep, SessionDep, problem_responses
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
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
def create_user(session: SessionDep, actor: AdminDep, body: UserCreate) -> UserCreated:
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


@router.get("/tokens", response_model=list[TokenRead])
def list_tokens(
    session: SessionDep, actor: ActorDep, user_id: PrimaryKey | None = None, kind: TokenKind | None = None,
    include_ended: bool = False,
) -> list[TokenRead]:
    """Your access tokens (an admin: anyone's), newest first, by prefix: never their secrets."""
    return tokens_service.list_tokens(session, actor, user_id=user_id, kind=kind, include_ended=include_ended)


@router.post("/tokens", response_model=TokenIssued, status_code=status.HTTP_201_CREATED,
             responses=problem_responses(Forbidden, NotFound))
def create_token(session: SessionDep, actor: ActorDep, body: TokenCreate) -> TokenIssued:
    """A new API or calendar token; the answer holds its secret, shown only this once."""
    return tokens_service.issue_token(session, actor, kind=TokenKind(body.kind), user_id=body.user_id, name=body.name,
                              days=body.days)


@router.delete("/tokens/{token_id}", response_model=TokenRead, responses=problem_responses(NotFound))
def revoke_token(session: SessionDep, actor: ActorDep, token_id: PrimaryKey) -> TokenRead:
    """Revoke a token: it stops working at once."""
    return tokens_service.revoke_token(session, actor, token_id=token_id)


@router.post("/tokens/{token_id}/rotate", response_model=TokenIssued, status_code=status.HTTP_201_CREATED,
             responses=problem_responses(NotFound))
def rotate_token(session: SessionDep, actor: ActorDep, token_id: PrimaryKey, body: TokenRotate) -> TokenIssued:
    """Replace a token by a new secret of the same kind and name; the old one stops working."""
    return tokens_service.rotate_token(session, actor, token_id=token_id, days=body.days)
