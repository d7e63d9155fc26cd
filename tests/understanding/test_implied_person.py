"""What a rep's note implies about the person (issue 11): a faith denied is no faith, abstinence told by a habit
or a programme, a pregnancy told by its signs, a Muslim told by a rite or a festival's customs, and a post that
ends with the person's own retirement."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.recommend.engine import understand_person
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.extractor import extract
from giftwise.understanding.lexicon import load_lexicon
from giftwise.understanding.profile import Understanding

AS_OF = date(2026, 11, 20)


def _understood(*notes: tuple[str, str], language: str = "en") -> Understanding:
    person = person_from_profile({"id": "p", "language": language,
                                  "notes": [{"date": day, "text": text} for day, text in notes]}, AS_OF)
    return understand_person(person, {}, AS_OF, load_lexicon())


@pytest.mark.parametrize("text", ["老马是汉族，不是回族，别弄错了", "周经理并不是穆斯林，什么都吃"])
def test_a_faith_the_note_denies_restricts_nothing(text: str) -> None:
    u = _understood(("2026-06-01", text), language="zh")
    assert "halal" not in u.restrictions and not u.has_status("muslim_faith")


def test_a_faith_the_note_affirms_still_restricts() -> None:
    assert "halal" in _understood(("2026-06-01", "老马是回族，开斋节请我们吃油香"), language="zh").restrictions


@pytest.mark.parametrize(("text", "language"), [
    ("应酬的时候她都以茶代酒", "zh"),
    ("Dev goes to AA meetings on Tuesdays, so keep it dry", "en"),
    ("Mentioned he picked up his one-year chip at AA last month", "en"),
    ("Proud of her sobriety anniversary in May", "en"),
])
def test_abstinence_told_by_a_habit_or_a_programme_rules_out_alcohol(text: str, language: str) -> None:
    assert "no_alcohol" in _understood(("2026-06-01", text), language=language).restrictions


@pytest.mark.parametrize("text", ["Ordered AA batteries for the warehouse scanners", "午饭我们AA制"])
def test_aa_batteries_and_splitting_the_bill_are_no_abstinence(text: str) -> None:
    assert "no_alcohol" not in _understood(("2026-06-01", text)).restrictions


@pytest.mark.parametrize(("text", "language"), [
    ("Priya's morning sickness is finally easing off", "en"),
    ("Her bump is due in April, she says the second one is kicking more", "en"),
    ("吴总最近孕反严重，饭局都推了", "zh"),
    ("小林下周要去医院产检", "zh"),
])
def test_a_pregnancy_told_by_its_signs_rules_out_alcohol(text: str, language: str) -> None:
    u = _understood(("2026-10-01", text), language=language)
    assert "pregnancy" in u.events and {"no_alcohol", "pregnancy_care"} <= set(u.restrictions)


@pytest.mark.parametrize("text", [
    "Their grandson was born; the aqiqah is on Saturday",
    "Raya falls on 31 Mar this year, he asked us to drop by",
    "Raya lunch then rumah terbuka at her kampung, everyone welcome",
    "Always prefers calls after Isha prayer",
    "She prays 5x a day, so keep the plant tour short",
    "Mr Demir asked where the nearest mescit is before the factory visit",
    "Closed over Kurban Bayramı, reopens the week after",
])
def test_a_rite_or_a_festivals_custom_tells_a_muslim(text: str) -> None:
    assert "halal" in _understood(("2026-06-01", text)).restrictions


@pytest.mark.parametrize(("text", "language"), [
    ("Her family are Seventh Day Adventists, church on Saturday", "en"),
    ("王总一家是安息日会的，周六不谈生意", "zh"),
])
def test_an_adventist_keeps_from_alcohol_tobacco_and_pork(text: str, language: str) -> None:
    u = _understood(("2026-06-01", text), language=language)
    assert {"no_alcohol", "no_tobacco", "no_pork"} <= set(u.restrictions)


@pytest.mark.parametrize("text", [
    "Mrs. Park became a 권사 last year, she runs the church choir",
    "Choi 장로님 hosted the supplier lunch at his house",
    "only had coke at the welcome dinner while the team kept drinking beer",
])
def test_a_korean_church_office_or_a_soft_drink_among_drinkers_rules_out_alcohol(text: str) -> None:
    assert "no_alcohol" in _understood(("2026-06-01", text)).restrictions


@pytest.mark.parametrize("text", ["His family attends a 장로교회 in Seoul", "only drank red wine while we had beer"])
def test_a_presbyterian_church_or_another_drink_among_drinkers_is_no_abstinence(text: str) -> None:
    assert "no_alcohol" not in _understood(("2026-06-01", text)).restrictions


@pytest.mark.parametrize("text", ["Our Penang office is on Jalan Raya", "CNY open house at his place, bring oranges"])
def test_a_street_name_or_another_festivals_open_house_tells_no_faith(text: str) -> None:
    assert "halal" not in _understood(("2026-06-01", text)).restrictions


@pytest.mark.parametrize(("notes", "language"), [
    ((("2026-03-01", "Mr Tan is a civil servant at the customs bureau"), ("2026-10-01", "Mr Tan retired last month")),
     "en"),
    ((("2026-03-01", "刘处长在税务局工作"), ("2026-10-01", "刘处长今年九月退休了")), "zh"),
])
def test_ones_own_retirement_ends_a_public_post(notes: tuple[tuple[str, str], ...], language: str) -> None:
    assert not _understood(*notes, language=language).has_status("public_official")


def test_a_relatives_retirement_or_an_older_one_leaves_the_post() -> None:
    fathers = _understood(("2026-03-01", "Ms Lee works for the tax bureau"), ("2026-10-01", "her father retired"))
    assert fathers.has_status("public_official")
    rejoined = _understood(("2026-03-01", "Mr Ong retired from the army"),
                           ("2026-10-01", "Mr Ong now works at the ministry as a civil servant"))
    assert rejoined.has_status("public_official")


@pytest.mark.parametrize(("text", "language"), [
    ("体检后医生让他把咖啡戒掉", "zh"),
    ("Her GP told her to cut out coffee after the palpitations", "en"),
])
def test_a_taste_stopped_on_a_doctors_order_is_kept_away_from(text: str, language: str) -> None:
    u = _understood(("2026-01-10", "Big coffee person, grinds his own beans"), ("2026-10-01", text),
                    language=language)
    old_taste = u.interests["coffee"].strength if "coffee" in u.interests else 0.0
    assert "coffee" in u.dislikes and u.dislikes["coffee"].strength > old_taste


def test_a_taste_given_up_by_choice_only_lapses() -> None:
    u = _understood(("2026-10-01", "He gave up coffee to save money"))
    assert "coffee" not in u.dislikes


@pytest.mark.parametrize("text", ["上个月投标我们中了，合同已经签了", "这次比价我们中了两个标段"])
def test_a_won_tender_is_no_open_tender(text: str) -> None:
    assert not _understood(("2026-11-10", text), language="zh").has_status("tender_open")


@pytest.mark.parametrize(("text", "language"), [
    ("王老师调去了师范学院的食堂当主管", "zh"),
    ("Sunil now runs procurement at a public hospital in Penang", "en"),
])
def test_a_post_at_a_public_institution_makes_a_public_official(text: str, language: str) -> None:
    assert _understood(("2026-10-01", text), language=language).has_status("public_official")


def test_a_ban_on_cash_gifts_is_no_ban_on_every_gift() -> None:
    u = _understood(("2026-10-01", "他们公司规定不收礼金"), language="zh")
    assert not u.has_status("refuses_gifts")


@pytest.mark.parametrize(("text", "language"), [
    ("年检时量了血压 165，医生叫他注意饮食", "zh"),
    ("His BP was 150 at the check-up, on pills now", "en"),
])
def test_a_high_reading_is_high_blood_pressure_and_cured_meat_a_poor_pick(text: str, language: str) -> None:
    u = _understood(("2026-10-01", text), language=language)
    assert "hypertension" in u.restrictions and "cured_meat" in u.cautions and "blood_pressure" in u.needs


def test_a_normal_reading_is_no_high_blood_pressure() -> None:
    assert "hypertension" not in _understood(("2026-10-01", "体检血压118，一切正常"), language="zh").restrictions


@pytest.mark.parametrize(("text", "language"), [
    ("Ms Halim is Christian, not Muslim - she laughed at the halal cookies we brought", "en"),
    ("他不是穆斯林，上回我们带的清真点心他还笑我们", "zh"),
])
def test_a_faith_denied_outweighs_a_halal_thing_named_in_the_same_note(text: str, language: str) -> None:
    assert "halal" not in _understood(("2026-06-01", text), language=language).restrictions


def test_a_faith_denied_lifts_the_diet_presumed_from_an_arab_name() -> None:
    person = person_from_profile({"id": "p", "name": "Mr. Georges El Khoury", "language": "en",
                                  "notes": [{"date": "2026-06-01", "text": "Maronite Christian, not Muslim"}]}, AS_OF)
    assert "arab" in person.cultures
    assert "halal" not in understand_person(person, {}, AS_OF, load_lexicon()).restrictions
    presumed = person_from_profile({"id": "p", "name": "Mr. Georges El Khoury", "language": "en"}, AS_OF)
    assert "halal" in understand_person(presumed, {}, AS_OF, load_lexicon()).restrictions


@pytest.mark.parametrize(("text", "language"), [
    ("He fasts every Ramadan and told us pork is not allowed in Islam", "en"),
    ("老马每年过开斋节，说伊斯兰教不允许喝酒", "zh"),
])
def test_a_negation_beside_an_affirmed_faith_takes_back_no_diet(text: str, language: str) -> None:
    assert "halal" in _understood(("2026-06-01", text), language=language).restrictions


def test_a_negation_of_something_after_the_faith_word_denies_no_faith() -> None:
    note = {"date": "2026-03-01", "text": "Ramadan - no dinners with Omar this month"}
    person = person_from_profile({"id": "p", "name": "Omar Al Hashimi", "language": "en", "notes": [note]}, AS_OF)
    assert "halal" in understand_person(person, {}, AS_OF, load_lexicon()).restrictions


def test_a_habit_given_up_and_its_abstinence_in_one_note_still_rule_out_alcohol() -> None:
    u = _understood(("2026-06-01", "she quit drinking - a year sober now, goes to meetings"))
    assert "no_alcohol" in u.restrictions


def test_a_faiths_festive_meal_is_still_what_the_note_talks_about() -> None:
    facts = extract("the whole family gathers at his home for the Shabbat dinner", AS_OF)
    assert "kosher" in {f.concept for f in facts if f.kind == "restriction"}
    assert any("dinner" in f.words for f in facts if f.kind == "topic")
