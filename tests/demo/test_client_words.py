"""Every word the demo book would put in front of a client is fit for the client, in both languages.

Stories, cards, touch scripts and dispute replies speak to the client in their language and never
carry our scores, amounts, thresholds, approvals, stages, notes or third-person talk about them,
nor our cautions, penalties and fit labels as a "because", nor catalog words about "the client" or
"送礼人", nor a festival card for a festival without a name.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import sender_signature
from giftwise.catalog.wording import item_name, usage_tip
from giftwise.core import client_text
from giftwise.core.actor import Actor
from giftwise.core.amounts import money
from giftwise.demo.schemas import DemoSummary
from giftwise.disputes import advice, drafting
from giftwise.disputes.service import reply_facts
from giftwise.followups import scripts
from giftwise.gifts.drafts import split_story_prompt
from giftwise.gifts.service import redraft
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift

LANGUAGES = ("zh", "en")
# A festival card that wishes for "festival" / "节日" names no festival at all.
NAMELESS_FESTIVAL = re.compile(r"\bfor festival\b|^节日将至", re.IGNORECASE | re.MULTILINE)


def _unfit(text: str, lang: str, quoted: list[str]) -> list[str]:
    """What a client must not read in ``text``: internal words, our cautions and labels, catalog talk of them."""
    found = client_text.problems(text, lang, quoted=quoted)
    found += [w for w in client_text.not_a_reason_wording(lang) if len(w.strip()) >= 6 and w in text]
    found += [line for line in text.splitlines() if client_text.for_client(line, lang) != line]
    return found + NAMELESS_FESTIVAL.findall(text)


def _theirs(session: Session, contact: Contact, item: CatalogItem | None, description: str, lang: str) -> list[str]:
    """What belongs in the client's text as it is: names, the item's own story and tip, the signature."""
    story_line, _ = split_story_prompt(item.story_prompt if item else None, lang)
    said = [item_name(item, description, lang), story_line, usage_tip(item, lang) or ""]
    return [contact.name, *(client_text.for_client(part, lang) for part in said),
            sender_signature(session, user_id=contact.owner_id, language=lang)]


def _gift_texts(session: Session, actor: Actor) -> list[tuple[str, str, str, list[str]]]:
    texts = []
    for gift in session.scalars(select(Gift).order_by(Gift.id)):
        contact = session.get_one(Contact, gift.contact_id)
        item = session.get(CatalogItem, gift.item_id) if gift.item_id else None
        for lang in LANGUAGES:
            quoted = _theirs(session, contact, item, gift.description, lang)
            words = redraft(session, actor, gift_id=gift.id, language=lang)
            texts += [(f"gift {gift.id} story", lang, words.story, quoted),
                      (f"gift {gift.id} card", lang, words.card_text, quoted)]
            for purpose in ("pre-send", "delivery-check", "reciprocity"):
                script = scripts.gift_script(purpose, gift=gift, contact=contact, item=item, language=lang,
                                             sender=sender_signature(session, user_id=contact.owner_id, language=lang))
                texts.append((f"gift {gift.id} {purpose}", lang, script, quoted))
        stored = scripts.contact_language(contact)
        quoted = _theirs(session, contact, item, gift.description, stored)
        texts += [(f"gift {gift.id} stored story", stored, gift.story, quoted),
                  (f"gift {gift.id} stored card", stored, gift.card_text, quoted)]
    return texts


def _touch_texts(session: Session) -> list[tuple[str, str, str, list[str]]]:
    texts = []
    for touch in session.scalars(select(Touch).where(Touch.purpose.in_(
            ("pre-send", "delivery-check", "reciprocity", "keep-in-touch", "visit")))):
        contact = session.get_one(Contact, touch.contact_id)
        gift = session.get(Gift, touch.gift_id) if touch.gift_id else None
        item = session.get(CatalogItem, gift.item_id) if gift and gift.item_id else None
        lang = scripts.contact_language(contact)
        quoted = _theirs(session, contact, item, gift.description if gift else "", lang)
        texts.append((f"touch {touch.id} {touch.purpose}", lang, touch.script, quoted))
        if gift is None:
            for other in LANGUAGES:
                sender = sender_signature(session, user_id=contact.owner_id, language=other)
                texts.append((f"touch {touch.id} {touch.purpose} in {other}", other,
                              scripts.cadence_script(touch.purpose, contact=contact, sender=sender, language=other),
                              [contact.name, sender]))
    return texts


def _dispute_texts(session: Session, actor: Actor) -> list[tuple[str, str, str, list[str]]]:
    texts = []
    for dispute in session.scalars(select(Dispute)):
        contact = session.get_one(Contact, dispute.contact_id)
        for lang in LANGUAGES:
            for resolution in advice.RESOLUTIONS:
                facts = reply_facts(session, actor, dispute, contact, resolution, lang)
                quoted = [contact.name, facts.item, facts.route, facts.eta, facts.carrier, facts.order_ref,
                          facts.sender, money(facts.credit, facts.currency), facts.surprise]
                text = drafting.render_reply(facts, lang)
                texts.append((f"dispute {dispute.id} {resolution}", lang, text, quoted))
                assert client_text.sales_lines(text, lang) == [], (resolution, lang, text)
                assert "me\n" not in text + "\n" and facts.sender, text
    return texts


def test_every_client_text_of_the_demo_book_is_fit_for_the_client(
    sqlite_only: None, demo_book: DemoSummary, session: Session, actor: Actor
) -> None:
    # The words are built the same way on either backend; the scan of a thousand texts runs once (SQLite).
    texts = _gift_texts(session, actor) + _touch_texts(session) + _dispute_texts(session, actor)
    assert len(texts) > 1000
    unfit = {f"{what} [{lang}]": (found, text) for what, lang, text, quoted in texts
             if (found := _unfit(text, lang, quoted))}
    assert unfit == {}, "\n\n".join(f"{k}: {v[0]}\n{v[1]}" for k, v in list(unfit.items())[:8])


def test_cards_and_stories_are_signed_with_the_reps_name_and_company(
    demo_book: DemoSummary, session: Session, actor: Actor
) -> None:
    gift = session.scalars(select(Gift).where(Gift.item_id.is_not(None)).order_by(Gift.id)).first()
    assert gift is not None
    contact = session.get_one(Contact, gift.contact_id)
    for lang in LANGUAGES:
        words = redraft(session, actor, gift_id=gift.id, language=lang)
        signature = sender_signature(session, user_id=contact.owner_id, language=lang)
        assert " · " in signature and signature != "me"
        assert words.card_text.splitlines()[-1].endswith(signature)
        assert words.story.splitlines()[-1].endswith(signature)
