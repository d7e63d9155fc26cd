"""Whose fact is it: a relative's restriction on what only they consume does not restrict a gift to the
contact; one on shared food does."""

from __future__ import annotations

from datetime import date

from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.holders import holder_of
from giftwise.understanding.profile import understand

TODAY = date(2026, 11, 20)


def _restrictions(*notes: str) -> set[str]:
    profile = {"id": "p", "language": "en", "notes": [{"date": "2026-11-01", "text": n} for n in notes]}
    return set(understand(person_from_profile(profile, TODAY).facts, TODAY).restrictions)


def test_the_clause_subject_names_the_holder() -> None:
    assert holder_of("His wife is pregnant") == "spouse"
    assert holder_of("王总的太太对海鲜过敏") == "spouse"
    assert holder_of("他儿子下个月去上大学") == "child"
    assert holder_of("Her father is in hospital") == "parent"
    assert holder_of("He does not drink") == "self"


def test_a_spouse_who_only_passes_on_news_is_the_messenger() -> None:
    assert holder_of("Her husband told us she is off wine for a while") == "self"
    assert holder_of("她爱人私下透露 她最近不喝酒了") == "self"
    assert holder_of("Her husband is a keen golfer") == "spouse"


def test_a_wifes_pregnancy_does_not_stop_his_own_baijiu() -> None:
    assert "no_alcohol" not in _restrictions("His wife is pregnant with their second.")
    assert "no_alcohol" in _restrictions("She is pregnant with her second.")


def test_a_wifes_shellfish_allergy_still_rules_out_a_shared_seafood_box() -> None:
    assert "no_seafood" in _restrictions("His wife is allergic to shellfish.")


def test_a_relatives_allergy_says_there_is_a_relative_not_that_the_contact_dislikes_them() -> None:
    for note in ("他女儿对花生过敏。", "王总的太太对虾过敏", "My client's son is allergic to nuts."):
        profile = {"id": "p", "language": "zh", "notes": [{"date": "2026-11-01", "text": note}]}
        understood = understand(person_from_profile(profile, TODAY).facts, TODAY)
        assert not understood.dislikes, (note, understood.dislikes)
