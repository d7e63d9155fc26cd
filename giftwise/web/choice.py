"""The recipient's gift-choice link on the web: the rep offers it from the gift page, the recipient answers it.

``POST /app/gifts/{id}/choice`` is a rep's page action (signed in, like every /app page). The ``/choice/{token}``
routes are PUBLIC WITH TOKEN: no sign-in, the unguessable token is the only key; the page speaks the contact's
language and shows only the gift, the rep's note, the alternatives and the address to confirm. A used, expired
or forged link says so plainly and shows nothing else.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from giftwise.catalog.wording import item_name, usage_tip
from giftwise.core.api_support import PUBLIC, ActorDep, SessionDep, request_language
from giftwise.core.errors import GiftwiseError
from giftwise.gifts import choice_service
from giftwise.gifts.choice import Answer
from giftwise.gifts.choice_service import LinkUnusable, OpenedLink
from giftwise.web.gifts import gift_page
from giftwise.web.pages import FormDep, Refused, attempt, error_status, render
from giftwise.workflows import gift_choice

router = APIRouter()
# Public with token: these paths need no sign-in; the token in the path is checked by the choice service.
PUBLIC_WITH_TOKEN = ("/choice/{token}",)
# The status a link that cannot be used answers with (it reveals which, and nothing more).
UNUSABLE_STATUS = {"used": 410, "expired": 410, "unknown": 404}


@router.post("/app/gifts/{gift_id}/choice", response_class=HTMLResponse)
def offer_choice(request: Request, session: SessionDep, actor: ActorDep, gift_id: int, form: FormDep) -> Response:
    """Create the recipient's link with the ticked alternatives and the rep's note; show it this once."""
    ticked = [value for key, value in form.items() if key.startswith("alt_")]
    made = attempt(request, session, lambda: choice_service.create_link(
        session, actor, gift_id=gift_id, alternative_skus=ticked, note=form.get("note", "")))
    if isinstance(made, Refused):
        return gift_page(request, session, actor, gift_id, error=made.sentence, status_code=made.status)
    return gift_page(request, session, actor, gift_id, link_url=str(request.base_url) + f"choice/{made[1]}")


def _page(request: Request, opened: OpenedLink, *, status_code: int = 200, error: str | None = None) -> Response:
    lang = opened.contact.language
    return render(
        request, "choice/page.html", status_code=status_code, language=lang, opened=opened, error=error,
        name=item_name(opened.item, opened.gift.description, lang), tip=usage_tip(opened.item, lang),
        alternatives=[(i.sku, item_name(i, "", lang), usage_tip(i, lang)) for i in opened.alternatives],
        address=opened.contact.address or "",
    )


def _unusable(request: Request, problem: LinkUnusable) -> Response:
    return render(request, "choice/unusable.html", status_code=UNUSABLE_STATUS[problem.state.value],
                  language=problem.language or request_language(request), message=problem.message)


@router.get("/choice/{token}", response_class=HTMLResponse, dependencies=[PUBLIC])
def choice_page(request: Request, session: SessionDep, token: str) -> Response:
    """PUBLIC WITH TOKEN. The recipient's page: the gift, the rep's note, accept / swap / decline / donate."""
    try:
        return _page(request, choice_service.open_link(session, token=token))
    except LinkUnusable as problem:
        return _unusable(request, problem)


def _answer(form: dict[str, str]) -> Answer | None:
    """The form's answer: "choose" is accept (this gift) or swap (an alternative's sku), else decline or donate."""
    said = form.get("answer", "")
    if said == "choose":
        return Answer.SWAP if form.get("sku") else Answer.ACCEPT
    return Answer(said) if said in (Answer.DECLINE, Answer.DONATE) else None


@router.post("/choice/{token}", response_class=HTMLResponse, dependencies=[PUBLIC])
def choice_answer(request: Request, session: SessionDep, token: str, form: FormDep) -> Response:
    """PUBLIC WITH TOKEN. Keep the recipient's one answer; the gift, the agenda and the profile follow."""
    given = _answer(form)
    try:
        if given is None:
            opened = choice_service.open_link(session, token=token)
            return _page(request, opened, status_code=422)
        opened = gift_choice.answer(session, token=token, given=given, sku=form.get("sku", ""),
                                    reason=form.get("reason", ""), address=form.get("address", ""))
    except LinkUnusable as problem:
        return _unusable(request, problem)
    except GiftwiseError as error:
        session.rollback()
        opened = choice_service.open_link(session, token=token)
        return _page(request, opened, status_code=error_status(error),
                     error=error.sentence(opened.contact.language))
    return render(request, "choice/thanks.html", language=opened.contact.language, answer=given.value)
