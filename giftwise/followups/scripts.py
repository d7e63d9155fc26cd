"""The drafted words of each touch, in the contact's language, from editable templates."""

from __future__ import annotations

from giftwise.catalog.wording import item_name, usage_tip
from giftwise.core.templating import render
from giftwise.followups import rules
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.gifts import Gift


def contact_language(contact: Contact) -> str:
    """The language to speak to a contact in: "en" or "zh"."""
    return "en" if (contact.language or "zh").startswith("en") else "zh"


def gift_script(purpose: str, *, gift: Gift, contact: Contact, item: CatalogItem | None) -> str:
    """The script of a gift touch (pre-send, delivery-check, reciprocity) for ``contact``."""
    lang = contact_language(contact)
    if purpose == "pre-send" and gift.story:
        return gift.story
    return render(
        "followups", lang, purpose,
        contact_name=contact.name, item_name=item_name(item, gift.description, lang),
        usage_tip=usage_tip(item, lang) or "", offers=rules.reciprocity_offers(contact.relationship),
    )


def cadence_script(purpose: str, *, contact: Contact, last_contact: str, needs: str) -> str:
    """The script of a keep-in-touch call or a visit."""
    return render(
        "followups", contact_language(contact), purpose,
        contact_name=contact.name, last_contact=last_contact, last_meeting=last_contact, needs=needs,
    )
