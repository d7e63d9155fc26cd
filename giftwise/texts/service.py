"""The message templates people read (stories, cards, touch scripts, dispute replies, the digest): listed for
everyone, changed by admins only, each change checked first and audited.

Rendering is core templating's (``giftwise.core.templating``): the installation's own version of a template
wins over the shipped one, so an edit takes effect on the next story, script or reply written.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.core import templating
from giftwise.core.actor import Actor
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.texts.schemas import TemplateRead


def list_templates(actor: Actor) -> list[TemplateRead]:
    """Every template, in both languages, with the text in force and whether it was changed here."""
    _ = actor
    return [_read(domain, language, name) for domain, language, name in templating.shipped_templates()]


def get_template(actor: Actor, *, domain: str, language: str, name: str) -> TemplateRead:
    """One template; NotFound when giftwise ships no template of that name."""
    _ = actor
    if (domain, language, name) not in templating.shipped_templates():
        raise NotFound("texts.template_not_found", domain=domain, language=language, name=name)
    return _read(domain, language, name)


def edit_template(
    session: Session, actor: Actor, *, domain: str, language: str, name: str, text: str | None
) -> TemplateRead:
    """Make ``text`` the template in force (admins only; None or the shipped text: back to the shipped one).

    The text must parse, and may ask only for values the shipped template (in either language) is given,
    so a typo never reaches a client as an empty gap; the change is audited with the text before and after."""
    if not actor.is_admin:
        raise Forbidden("texts.admins_only")
    before = get_template(actor, domain=domain, language=language, name=name)
    cleaned = None if text is None else text.replace("\r\n", "\n").strip("\n")
    if cleaned is not None and not cleaned.strip():
        raise Invalid("texts.template_empty", field="text")
    if cleaned is not None:
        _check_names(domain, name, cleaned)
    if cleaned is not None and cleaned == before.shipped.strip("\n"):
        cleaned = None  # the shipped text again: keep following the shipped file
    templating.write_custom(domain, language, name, cleaned)
    after = _read(domain, language, name)
    if after.text != before.text or after.edited != before.edited:
        record_audit(session, actor, action="texts.template", entity="template", entity_id=None,
                     before={"template": f"{domain}/{language}/{name}", "text": before.text, "edited": before.edited},
                     after={"template": f"{domain}/{language}/{name}", "text": after.text, "edited": after.edited})
    return after


def _check_names(domain: str, name: str, text: str) -> None:
    allowed: set[str] = set()
    for language in ("zh", "en"):
        if (domain, language, name) in templating.shipped_templates():
            allowed |= templating.names_used(templating.shipped_source(domain, language, name))
    unknown = sorted(templating.names_used(text) - allowed)
    if unknown:
        raise Invalid("texts.template_unknown_values", names=", ".join(unknown), known=", ".join(sorted(allowed)),
                      field="text")


def _read(domain: str, language: str, name: str) -> TemplateRead:
    text, origin = templating.template_source(domain, language, name)
    shipped = templating.shipped_source(domain, language, name)
    return TemplateRead(domain=domain, language=language, name=name, text=text, shipped=shipped,
                        edited=not origin.startswith("giftwise/data/"))
