"""The drafted words of each touch, spoken to the contact in their language, from editable templates."""

from __future__ import annotations

from giftwise.catalog.wording import item_name, usage_tip
from giftwise.core import client_text
from giftwise.core.i18n import normalize_language
from giftwise.core.templating import render
from giftwise.followups import rules
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift


def contact_language(contact: Contact) -> str:
    """The language to speak to a contact in: "en" or "zh"."""
    return "en" if (contact.language or "zh").startswith("en") else "zh"


def gift_script(
    purpose: str, *, gift: Gift, contact: Contact, item: CatalogItem | None, sender: str = "",
    language: str | None = None,
) -> str:
    """The script of a gift touch (pre-send, delivery-check with the usage tip, reciprocity) for ``contact``."""
    lang = normalize_language(language) if language else contact_language(contact)
    if purpose == "pre-send" and gift.story and language is None:
        return gift.story
    name = client_text.for_client(item_name(item, gift.description, lang), lang)
    tip = client_text.for_client(usage_tip(item, lang) or "", lang)
    text = render(
        "followups", lang, purpose,
        contact_name=contact.name, item_name=name, usage_tip=tip,
        offers=rules.reciprocity_offers(contact.relationship), sender=sender,
    )
    return client_text.keep_fit_lines(text, lang, quoted=(contact.name, name, tip, sender))


def gesture_script(kind: str, *, contact: Contact, topic: str = "", sender: str = "") -> str:
    """What a free gesture says to the contact: a handwritten card, an article on ``topic``, or a call."""
    lang = contact_language(contact)
    name = {"card": "gesture-card", "article": "gesture-article"}.get(kind, "keep-in-touch")
    text = render("followups", lang, name, contact_name=contact.name, topic=topic, sender=sender)
    return client_text.keep_fit_lines(text, lang, quoted=(contact.name, topic, sender))


def cadence_script(purpose: str, *, contact: Contact, sender: str = "", language: str | None = None) -> str:
    """The script of a keep-in-touch call or a visit, spoken to the contact (in ``language`` if given)."""
    lang = normalize_language(language) if language else contact_language(contact)
    text = render("followups", lang, purpose, contact_name=contact.name, sender=sender)
    return client_text.keep_fit_lines(text, lang, quoted=(contact.name, sender))
