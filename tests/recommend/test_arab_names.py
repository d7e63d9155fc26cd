"""An Arab recipient told by how reps write them: the article in the name ('Al'), or 'Name City -' at the start
of a note, presumes the Gulf guest's halal diet until the notes say otherwise (issue 11)."""

from __future__ import annotations

import pytest

from giftwise.recommend.taboos import cultures_of


@pytest.mark.parametrize(("name", "notes"), [
    ("Hamad Al Suwaidi", ["met at the Canton fair, orders LED panels"]),
    ("Tarek Nabil", ["Tarek (Amman) - wants samples before the order"]),
    ("Mona Farouk", ["Mona Cairo - two kids, loves gardening"]),
])
def test_an_arab_name_or_city_shorthand_tells_the_culture(name: str, notes: list[str]) -> None:
    assert "arab" in cultures_of(name, "en", notes)


@pytest.mark.parametrize(("name", "notes"), [
    ("Paolo Rossi", ["we had dinner al fresco in Milan"]),
    ("Jenny Moss", ["Jenny flew to Dubai for the expo, loved it"]),
])
def test_an_article_mid_sentence_or_a_trip_tells_no_culture(name: str, notes: list[str]) -> None:
    assert "arab" not in cultures_of(name, "en", notes)


def test_a_presumed_diet_yields_to_what_the_notes_saw_them_enjoy() -> None:
    from datetime import date

    from giftwise.recommend.engine import understand_person
    from giftwise.recommend.portable import person_from_profile
    from giftwise.understanding.lexicon import load_lexicon

    def restrictions(note: str) -> set[str]:
        person = person_from_profile({"id": "p", "name": "Hany Saad", "language": "en",
                                      "notes": [{"date": "2026-05-01", "text": note}]}, date(2026, 6, 1))
        return set(understand_person(person, {}, date(2026, 6, 1), load_lexicon()).restrictions)

    assert "halal" in restrictions("Hany (Cairo) - runs the import side, two kids")
    assert "halal" not in restrictions("Hany (Cairo) - enjoyed the red wine we opened at dinner")
