"""A newer life event closes the one it ends: after the birth the pregnancy is over, after a remarriage the
mourning is."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.recommend.engine import understand_person
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.extractor import extract
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


def _restrictions(*notes: tuple[str, str]) -> set[str]:
    person = person_from_profile({"id": "p", "language": "en",
                                  "notes": [{"date": day, "text": text} for day, text in notes]}, AS_OF)
    return set(understand_person(person, {}, AS_OF, load_lexicon()).restrictions)


def test_what_a_pregnancy_ruled_out_ends_with_the_birth_but_a_new_mother_keeps_off_alcohol() -> None:
    during = _restrictions(("2026-04-10", "Lena told us she is pregnant, due in autumn."))
    assert {"no_alcohol", "pregnancy_care"} <= during
    after = _restrictions(("2026-04-10", "Lena told us she is pregnant, due in autumn."),
                          ("2026-10-30", "Lena's son was born last week, mother and baby doing well."))
    assert "pregnancy_care" not in after and {"no_alcohol", "no_tobacco"} <= after


def test_half_a_year_after_the_birth_the_mother_is_no_longer_presumed_nursing() -> None:
    after = _restrictions(("2025-11-02", "Priya is expecting, due in spring."),
                          ("2026-04-12", "Priya gave birth to twins, all well."))
    assert not {"no_alcohol", "pregnancy_care"} & after


def test_a_wifes_birth_keeps_no_drink_from_the_father() -> None:
    after = _restrictions(("2026-04-10", "Tom's wife is pregnant, due in autumn."),
                          ("2026-10-30", "Tom's wife had a baby boy last week."))
    assert "no_alcohol" not in after


def test_breastfeeding_keeps_alcohol_out_after_the_birth() -> None:
    after = _restrictions(("2026-03-01", "孙经理怀孕了"), ("2026-09-20", "孙经理生了个女儿"),
                          ("2026-10-05", "孙经理还在哺乳期"))
    assert "no_alcohol" in after and "pregnancy_care" not in after


def test_a_restriction_said_on_its_own_outlives_the_birth() -> None:
    after = _restrictions(("2026-02-01", "Dana never drinks, teetotal all her life."),
                          ("2026-03-01", "Dana is pregnant."), ("2026-10-01", "Dana had a baby boy!"))
    assert "no_alcohol" in after


def test_a_pregnancy_long_over_rules_nothing_out_even_when_the_birth_is_old_news() -> None:
    after = _restrictions(("2024-01-10", "Mei is pregnant with her second."), ("2024-08-01", "Mei had a baby girl."))
    assert not {"no_alcohol", "pregnancy_care"} & after


def test_right_after_the_birth_the_mother_still_gets_no_drink_and_the_rest_is_over() -> None:
    person = person_from_profile({"id": "p", "language": "en", "notes": [
        {"date": "2026-04-10", "text": "Lena told us she is pregnant, due in autumn."},
        {"date": "2026-10-30", "text": "Lena's son was born last week, mother and baby doing well."}]}, AS_OF)
    u = understand_person(person, {}, AS_OF, load_lexicon())
    assert "no_alcohol" in u.restrictions and "pregnancy_care" not in u.restrictions


def test_a_second_child_on_the_way_is_no_birth() -> None:
    # A baby word in the pregnancy's own note (二胎, a second baby due) cannot end that pregnancy.
    for text in ("她怀孕了，二胎，预产期明年三月", "Mia is expecting again, their second baby is due in spring"):
        assert {"no_alcohol", "pregnancy_care"} <= _restrictions(("2026-08-01", text)), text


@pytest.mark.parametrize(("note", "event"), [
    ("小周太太上周生了龙凤胎，母子平安", "baby"),
    ("老周痛风发作，在家躺了一周", "illness"),
    ("Mr Zhou has been laid up with his back for a week", "illness"),
])
def test_more_wordings_of_a_birth_and_an_illness(note: str, event: str) -> None:
    """Boy-girl twins are a birth; being laid up or a flare-up is an illness (a care gift's moment)."""
    assert ("event", event) in {(f.kind, f.concept) for f in extract(note, date(2026, 11, 1))}
