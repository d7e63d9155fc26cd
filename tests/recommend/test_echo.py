"""Topics and their echo (issue 11): what a note talks about in words no concept knows still finds the item
that repeats its rare words, never what the note turns down. Our own words and items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.recommend.engine import Request, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.service import recommend_for_contact
from giftwise.understanding.extractor import extract
from giftwise.understanding.items import ItemProfile, analyze_catalog
from giftwise.understanding.profile import understand
from tests.factories import make_contact
from tests.understanding.factories import load_own_catalog

AS_OF = date(2026, 10, 1)


def _item(item_id: str, zh: str, en: str, description: str, price: int = 300) -> dict[str, Any]:
    return {"id": item_id, "name": {"zh": zh, "en": en}, "description": {"zh": description, "en": ""},
            "price": price, "currency": "CNY", "category": "家居", "tags": []}


CATALOG = [
    _item("kettle", "玻璃烧水壶", "Glass kettle", "一键烧水，304不锈钢底座。"),
    _item("loupe", "台式放大镜", "Bench magnifier", "看电路板、集邮、修表都用得上，带环形灯。"),
    _item("photo-frame", "胡桃木相框", "Walnut frame", "放一张七寸照片。"),
    _item("notebook", "皮面笔记本", "Leather notebook", "A5，可替换内芯。"),
]


def _ranked(notes: list[tuple[str, str]], catalog: list[dict[str, Any]] = CATALOG) -> list[str]:
    profile = {"id": "c1", "name": "赵工", "language": "zh", "relationship": "client",
               "notes": [{"date": d, "text": t} for d, t in notes]}
    person = person_from_profile(profile, AS_OF)
    request = Request("thank-you", Decimal(1000), "CNY", AS_OF, top=10)
    return [r.item.id for r in recommend(person, analyze_catalog(catalog), request).recommendations]


class TestTopics:
    def test_a_clause_said_plainly_keeps_its_content_words(self) -> None:
        facts = extract("赵工说电路板上的丝印越来越看不清，要凑很近", AS_OF)
        words = {w for f in facts if f.kind == "topic" for w in f.words}
        assert "电路板" in words and "丝印" in words

    def test_a_turned_down_thing_is_no_topic(self) -> None:
        facts = extract("他不喜欢放大镜那种东西", AS_OF)
        assert not [f for f in facts if f.kind == "topic" and "放大镜" in f.words]

    def test_rep_speak_is_left_out(self) -> None:
        facts = extract("Called the client last week about the brass sextant he restores", AS_OF)
        words = {w for f in facts if f.kind == "topic" for w in f.words}
        assert {"brass", "sextant"} <= words and not {"client", "called", "week"} & words

    def test_old_talk_fades_from_the_topics(self) -> None:
        facts = extract("女儿在学修表", date(2024, 1, 1))
        assert understand(facts, date(2024, 2, 1)).topic_words
        assert not understand(facts, date(2026, 1, 1)).topic_words


class TestEcho:
    def test_an_item_repeating_a_rare_word_of_the_notes_comes_first(self) -> None:
        assert _ranked([("2026-09-20", "赵工说电路板上的丝印越来越看不清，要凑很近")])[0] == "loupe"

    def test_the_reason_quotes_the_note_in_the_persons_language(self) -> None:
        profile = {"id": "c1", "name": "赵工", "language": "zh", "relationship": "client",
                   "notes": [{"date": "2026-09-20", "text": "赵工说电路板上的丝印越来越看不清，要凑很近"}]}
        request = Request("thank-you", Decimal(1000), "CNY", AS_OF, top=1)
        top = recommend(person_from_profile(profile, AS_OF), analyze_catalog(CATALOG), request).recommendations[0]
        assert any("对应" in r and "2026-09-20 的笔记" in r and "丝印" in r for r in top.reasons)

    def test_a_word_every_item_uses_moves_nothing(self) -> None:
        common = [{**i, "description": {"zh": i["description"]["zh"] + "电路板"}} for i in CATALOG]
        result = score_pairs(person_from_profile({"id": "c", "name": "赵工", "language": "zh", "notes": [
            {"date": "2026-09-20", "text": "赵工在看电路板"}]}, AS_OF), analyze_catalog(common),
            Request("thank-you", Decimal(1000), "CNY", AS_OF))
        assert all(s.factors["echo"] == 0.0 for s in result.recommendations)

    def test_what_the_note_turns_down_is_not_echoed(self) -> None:
        ranked = _ranked([("2026-09-20", "赵工说不要放大镜，家里有好几个了")])
        assert ranked[0] != "loupe"


class TestEchoInTheBook:
    def test_a_stored_note_echoes_through_the_database_path(self, session: Session, actor: Actor) -> None:
        load_own_catalog(session)
        contact = make_contact(session, actor, language="en",
                               notes=[("2026-09-20", "His old fly reel jams every time he casts")])
        result = recommend_for_contact(session, actor, contact_id=contact.id, as_of=AS_OF, top=5)
        echoed = [r for r in result.recommendations if any("it speaks to what" in x for x in r.reasons)]
        assert echoed and all("fly" in " ".join(r.reasons).lower() or "reel" in " ".join(r.reasons).lower()
                              for r in echoed)


@settings(max_examples=25, deadline=None)
@given(word=st.sampled_from(["丝印", "电路板", "修表", "集邮"]), days=st.integers(min_value=0, max_value=200))
def test_echo_never_lowers_an_item(word: str, days: int) -> None:
    """Whatever the note says and however old it is, the echo of an item is 0 or more, and 0 for items that
    share no word with it."""
    on = date.fromordinal(AS_OF.toordinal() - days)
    person = person_from_profile({"id": "c", "name": "赵工", "language": "zh",
                                  "notes": [{"date": on.isoformat(), "text": f"赵工最近在弄{word}"}]}, AS_OF)
    items: list[ItemProfile] = analyze_catalog(CATALOG)
    result = score_pairs(person, items, Request("thank-you", Decimal(1000), "CNY", AS_OF))
    for scored in result.recommendations:
        assert scored.factors["echo"] >= 0.0
        if word not in scored.item.words:
            assert scored.factors["echo"] == 0.0
