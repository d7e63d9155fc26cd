"""A newer life event closes the one it ends: after the birth the pregnancy is over, after a remarriage the
mourning is."""

from __future__ import annotations

from datetime import date

from giftwise.recommend.engine import understand_person
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.lexicon import load_lexicon

AS_OF = date(2026, 11, 20)


def _events(*notes: tuple[str, str]) -> set[str]:
    person = person_from_profile({"id": "p", "language": "zh",
                                  "notes": [{"date": day, "text": text} for day, text in notes]}, AS_OF)
    return set(understand_person(person, {}, AS_OF, load_lexicon()).events)


def test_a_birth_ends_the_pregnancy() -> None:
    events = _events(("2026-06-02", "Amy is pregnant, due in October."), ("2026-10-28", "Amy had a baby girl!"))
    assert "baby" in events and "pregnancy" not in events


def test_a_remarriage_ends_the_mourning() -> None:
    events = _events(("2026-03-01", "老高的妻子去世了。"), ("2026-11-10", "老高再婚了，办了婚礼，很开心。"))
    assert "wedding" in events and "bereavement" not in events


def test_an_older_wedding_does_not_end_a_newer_loss() -> None:
    events = _events(("2026-05-01", "老高女儿办了婚礼。"), ("2026-11-10", "老高母亲去世了。"))
    assert "bereavement" in events
