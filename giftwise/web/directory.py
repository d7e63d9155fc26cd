"""Reference pages: the users (an admin adds them; others see their team)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from giftwise.accounts import service as accounts
from giftwise.accounts.schemas import UserCreate, UserCreated
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, AdminDep, SessionDep
from giftwise.web.pages import FormDep, Refused, attempt, render

router = APIRouter()
USER_FIELDS = ("username", "display_name", "email", "role", "team", "language")


def _users(request: Request, session: Session, actor: Actor, *, errors: dict[str, str] | None = None,
           values: dict[str, str] | None = None, created: UserCreated | None = None,
           status_code: int = 200) -> HTMLResponse:
    found = accounts.list_users(session, actor, limit=200)
    return render(request, "users/list.html", status_code=status_code, found=found, errors=errors or {},
                  values=values or {}, created=created, fields=USER_FIELDS, admin=actor.is_admin, nav="users")


@router.get("/app/users", response_class=HTMLResponse)
def user_list(request: Request, session: SessionDep, actor: ActorDep) -> HTMLResponse:
    """The users you may see (an admin: everyone, with the form to add one)."""
    return _users(request, session, actor)


@router.post("/app/users", response_class=HTMLResponse)
def add_user(request: Request, session: SessionDep, actor: AdminDep, form: FormDep) -> Response:
    """Add a user (admins only, the service refuses others) and show their API token once."""
    created = attempt(request, session, lambda: accounts.create_user(session, actor,
                                                                     data=UserCreate.model_validate(form)))
    if isinstance(created, Refused):
        return _users(request, session, actor, errors=created.errors, values=form, status_code=created.status)
    return _users(request, session, actor, created=created)
