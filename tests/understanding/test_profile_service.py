"""A contact's profile reads in the reader's language, names family apart from tastes, and never shows an
internal placeholder; a wish the lexicon does not know keeps its words in the database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.understanding import service
from tests.factories import make_contact

pytestmark = pytest.mark.usefixtures("frozen_clock")


class TestContactProfile:
    def test_labels_follow_the_actor_by_default_and_the_asked_language_otherwise(
        self, session: Session, actor: Actor
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", "他周末都去钓鱼，对坚果过敏。")])
        default = service.contact_profile(session, actor, contact_id=contact.id)
        chinese = service.contact_profile(session, actor, contact_id=contact.id, language="zh-CN")
        assert default.language == actor.language == "en"
        assert [s.label for s in default.interests] == ["fishing"]
        assert [s.label for s in chinese.interests] == ["钓鱼"] and chinese.language == "zh"
        assert {f.label for f in chinese.facts} >= {"钓鱼"}

    def test_a_wish_for_something_unknown_shows_its_words_not_a_placeholder(
        self, session: Session, actor: Actor
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", "她一直想要一把老式蒲扇。")])
        profile = service.contact_profile(session, actor, contact_id=contact.id, language="zh")
        assert [s.label for s in profile.wishes] == ["一把老式蒲扇"]
        assert not any("_words" in s.label for s in profile.wishes + profile.interests)
        assert not any("_words" in f.label for f in profile.facts)
        records = service.fact_records(session, contact_ids=[contact.id])[contact.id]
        assert [r.words for r in records if r.kind == "wish"] == [("一把", "老式", "蒲扇")]  # items can still match

    @pytest.mark.parametrize(("note", "language", "words"), [
        ("Her skin reacted badly to lanolin last spring.", "en", "lanolin"),
        ("她说用了果酸的东西脸就过敏。", "zh", "果酸"),
    ])
    def test_a_reaction_to_an_unknown_substance_shows_the_substance_not_an_id(
        self, session: Session, actor: Actor, note: str, language: str, words: str
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", note)])
        profile = service.contact_profile(session, actor, contact_id=contact.id, language=language)
        assert words in [s.label for s in profile.restrictions]
        assert words in {f.label for f in profile.facts}
        assert not any("substance:" in s.label for s in profile.restrictions)
        assert not any("substance:" in f.label for f in profile.facts)

    def test_family_members_are_not_listed_as_interests(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", "他很孝顺，每个月都回老家看父母，也爱喝茶。")])
        profile = service.contact_profile(session, actor, contact_id=contact.id)
        assert "parents" not in {s.concept for s in profile.interests}
        assert "tea" in {s.concept for s in profile.interests}
        assert [s.concept for s in profile.family] == ["parents"]

    def test_business_talk_leaves_the_profile_empty(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", "和王董吃饭，聊明年返点政策，她想要华东区独家。")])
        profile = service.contact_profile(session, actor, contact_id=contact.id)
        assert profile.wishes == [] and profile.interests == [] and profile.facts == []


class TestProfileLanguageAtTheEdges:
    def test_cli_and_api_take_the_language(
        self, cli: CliRunner, api: TestClient, session: Session, actor: Actor
    ) -> None:
        contact = make_contact(session, actor, notes=[("2026-11-01", "He loves fishing.")])
        session.commit()
        shown = cli.invoke(app, ["profile", str(contact.id), "--language", "zh"])
        assert shown.exit_code == 0 and "钓鱼" in shown.output
        body = api.get(f"/contacts/{contact.id}/profile", params={"language": "zh"}).json()
        assert body["language"] == "zh" and body["interests"][0]["label"] == "钓鱼"
        assert api.get(f"/contacts/{contact.id}/profile").json()["interests"][0]["label"] == "fishing"


class TestOverruledTastes:
    def test_a_hobby_given_up_later_is_not_listed_as_an_interest(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en", notes=[
            ("2026-04-01", "Played golf with Amy, she is serious about it."),
            ("2026-07-01", "Amy doesn't play golf anymore, no time with the kids."),
        ])
        profile = service.contact_profile(session, actor, contact_id=contact.id)
        assert "golf" not in {s.concept for s in profile.interests}
        assert ("lapsed", "golf") in {(f.kind, f.concept) for f in profile.facts}


class TestTopicsStayOutOfTheProfile:
    def test_the_words_a_note_talked_about_are_not_listed_as_understood(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, language="en",
                               notes=[("2026-11-01", "Loves fishing. Her old brass sextant sits on the desk.")])
        profile = service.contact_profile(session, actor, contact_id=contact.id)
        assert [f.concept for f in profile.facts] == ["fishing"]
