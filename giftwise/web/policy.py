"""The gift policy and the message templates: everyone signed in reads them, admins change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from giftwise.compliance import service as compliance
from giftwise.compliance.schemas import BANNABLE, PolicyUpdate
from giftwise.core import templating
from giftwise.core.actor import Actor
from giftwise.core.api_support import ActorDep, AdminDep, SessionDep
from giftwise.core.errors import GiftwiseError
from giftwise.core.validation import field_errors, problem_sentence
from giftwise.texts import service as texts
from giftwise.web.pages import error_status, page_language, render, see_other

router = APIRouter()
LIMITS = ("per_gift_cap", "approval_above", "rolling_12m_cap")


def _policy_page(request: Request, session: Session, actor: Actor, *, errors: dict[str, str] | None = None,
                 values: dict[str, Any] | None = None, saved: bool = False, status_code: int = 200) -> HTMLResponse:
    return render(request, "policy/policy.html", status_code=status_code, policy=compliance.policy_read(session),
                  bannable=BANNABLE, limits=LIMITS, admin=actor.is_admin, errors=errors or {}, values=values,
                  saved=saved, nav="policy")


@router.get("/app/policy", response_class=HTMLResponse)
def policy_page(request: Request, session: SessionDep, actor: ActorDep, saved: bool = False) -> HTMLResponse:
    """The gift policy in force: what nobody may get, each group's caps and approval threshold, the other rules."""
    return _policy_page(request, session, actor, saved=saved)


async def _policy_form(request: Request, session: Session) -> dict[str, Any]:
    """The posted policy form in PolicyUpdate's shape (blank amounts mean no limit)."""
    form = await request.form()
    groups = {name: {**{key: str(form.get(f"{name}.{key}") or "").strip() or None for key in LIMITS},
                     "banned": form.getlist(f"{name}.banned")}
              for name in (g.group for g in compliance.policy_read(session).groups)}
    return {"banned": form.getlist("banned"), "groups": groups, "tender_forbids": form.get("tender_forbids") == "on",
            "refuses_gifts_max": str(form.get("refuses_gifts_max") or "").strip() or "0",
            "repeat_window_days": str(form.get("repeat_window_days") or "").strip() or "0"}


@router.post("/app/policy", response_class=HTMLResponse, response_model=None)
async def policy_save(request: Request, session: SessionDep, actor: AdminDep) -> HTMLResponse | RedirectResponse:
    """Change the policy (admins only): checked as a whole before it is saved, and audited."""
    values = await _policy_form(request, session)
    try:
        compliance.update_policy(session, actor, data=PolicyUpdate.model_validate(values))
    except (GiftwiseError, ValidationError) as problem:
        session.rollback()
        errors = _policy_errors(problem, page_language(request))
        return _policy_page(request, session, actor, errors=errors, values=values, status_code=error_status(problem))
    return see_other("/app/policy?saved=1")


def _policy_errors(problem: Exception, language: str) -> dict[str, str]:
    """Each problem under the form input it is about: pydantic's ("groups", "everyone", "per_gift_cap") is the
    input "everyone.per_gift_cap", a group's own rule ("groups", "everyone") is that group's row."""
    if not isinstance(problem, ValidationError):
        return field_errors(problem, language)
    found: dict[str, str] = {}
    for one in problem.errors():
        location = [str(part) for part in one.get("loc", ())]
        if location[:1] == ["groups"]:
            key, shown = ".".join(location[1:3]), location[2:3]
        else:
            key, shown = (location[0] if location else ""), location[:1]
        found.setdefault(key, problem_sentence({**one, "loc": tuple(shown)}, language))
    return found


@router.get("/app/templates", response_class=HTMLResponse)
def templates_page(request: Request, actor: ActorDep) -> HTMLResponse:
    """Every message template by area and language, marking the ones changed here."""
    found = texts.list_templates(actor)
    areas: dict[str, list[Any]] = {}
    for one in found:
        areas.setdefault(one.domain, []).append(one)
    return render(request, "policy/templates.html", areas=areas, nav="policy")


def _template_page(request: Request, session: Session, actor: Actor, domain: str, language: str, name: str, *,
                   errors: dict[str, str] | None = None, text: str | None = None, saved: str = "",
                   status_code: int = 200) -> HTMLResponse:
    _ = session
    found = texts.get_template(actor, domain=domain, language=language, name=name)
    values = sorted(templating.names_used(found.shipped))
    return render(request, "policy/template.html", status_code=status_code, found=found, values=values,
                  text=found.text if text is None else text, errors=errors or {}, saved=saved, admin=actor.is_admin,
                  nav="policy")


@router.get("/app/templates/{domain}/{language}/{name}", response_class=HTMLResponse)
def template_page(request: Request, session: SessionDep, actor: ActorDep, domain: str, language: str, name: str,
                  saved: str = "") -> HTMLResponse:
    """One template's text in force (and the shipped text beside it), with the values it can use."""
    return _template_page(request, session, actor, domain, language, name, saved=saved)


@router.post("/app/templates/{domain}/{language}/{name}", response_class=HTMLResponse, response_model=None)
async def template_save(request: Request, session: SessionDep, actor: AdminDep, domain: str, language: str,
                        name: str) -> HTMLResponse | RedirectResponse:
    """Save a template's new text, or restore the shipped one (admins only; checked first, audited)."""
    form = await request.form()
    restore = form.get("restore") == "1"
    text = None if restore else str(form.get("text") or "")
    try:
        texts.edit_template(session, actor, domain=domain, language=language, name=name, text=text)
    except GiftwiseError as problem:
        session.rollback()
        return _template_page(request, session, actor, domain, language, name, text=text,
                              errors=field_errors(problem, page_language(request)), status_code=error_status(problem))
    return see_other(f"/app/templates/{domain}/{language}/{name}?saved={'restored' if restore else 'saved'}")
