"""Admins change the message templates through the texts service: a checked text becomes the one every
draft uses, restoring goes back to the shipped words, every change is audited; others only read."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.core import templating
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Forbidden, Invalid, NotFound
from giftwise.models.accounts import AuditEntry
from giftwise.texts import service as texts

NAME = {"domain": "gifts", "language": "en", "name": "card-thank-you"}


class TestList:
    def test_every_shipped_template_is_listed_in_both_languages(self, actor: Actor) -> None:
        found = {(t.domain, t.language, t.name) for t in texts.list_templates(actor)}
        assert ("disputes", "zh", "reply") in found and ("followups", "en", "reciprocity") in found
        assert not any(t.edited for t in texts.list_templates(actor))

    def test_an_unknown_template_is_not_found(self, actor: Actor) -> None:
        with pytest.raises(NotFound):
            texts.get_template(actor, domain="gifts", language="en", name="../../etc/passwd")


class TestEdit:
    def test_an_edit_is_what_the_next_draft_uses_and_is_audited(self, session: Session, actor: Actor) -> None:
        shipped = texts.get_template(actor, **NAME)
        uses = sorted(templating.names_used(shipped.shipped))
        text = "Thank you! " + " ".join(f"{{{{ {name} }}}}" for name in uses)
        read = texts.edit_template(session, actor, **NAME, text=text)
        assert read.edited and read.text == text
        assert templating.template_source("gifts", "en", "card-thank-you")[0] == text
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "texts.template")).one()
        assert entry.before == {"template": "gifts/en/card-thank-you", "text": shipped.text, "edited": False}
        assert entry.after is not None and entry.after["text"] == text

    def test_restore_goes_back_to_the_shipped_words(self, session: Session, actor: Actor) -> None:
        texts.edit_template(session, actor, **NAME, text="Thanks.")
        read = texts.edit_template(session, actor, **NAME, text=None)
        assert not read.edited and read.text == read.shipped

    def test_a_template_that_does_not_parse_is_refused_naming_its_line(
        self, session: Session, actor: Actor
    ) -> None:
        with pytest.raises(Invalid) as refused:
            texts.edit_template(session, actor, **NAME, text="Dear friend,\n{{ name \nthanks")
        assert "line 3" in refused.value.sentence("en") and "第 3 行" in refused.value.sentence("zh")
        assert not texts.get_template(actor, **NAME).edited

    def test_a_value_the_template_is_never_given_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid) as refused:
            texts.edit_template(session, actor, **NAME, text="Hello {{ contcat_name }}")
        assert "contcat_name" in refused.value.sentence("en")

    def test_an_empty_template_is_refused(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid):
            texts.edit_template(session, actor, **NAME, text="  \n ")

    def test_a_rep_may_not_edit(self, session: Session, actor: Actor) -> None:
        rep = Actor(user_id=actor.user_id, username="rep", role=Role.REP)
        with pytest.raises(Forbidden):
            texts.edit_template(session, rep, **NAME, text="Thanks.")
