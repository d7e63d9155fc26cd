"""A visitor coming to Beijing is best thanked with something to enjoy there (the Palace Museum by night, an
evening of Peking opera, a walk on the Great Wall); moving to the city, or a souvenir with a sight's name on it,
is no visit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.taboos import moments_of
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 10, 1)
SHELF = [
    {"id": "temple-walk", "name": {"en": "Temple of Heaven morning walk with a guide", "zh": "天坛晨练导览"},
     "price": 500, "currency": "CNY", "category": "experience"},
    {"id": "mug", "name": {"en": "Enamel camping mug"}, "price": 120, "currency": "CNY"},
    {"id": "scarf", "name": {"en": "Wool scarf, grey"}, "price": 400, "currency": "CNY"},
    {"id": "notebook", "name": {"en": "Leather notebook"}, "price": 300, "currency": "CNY"},
    {"id": "bookmark", "name": {"zh": "故宫文创书签"}, "price": 80, "currency": "CNY"},
]


def _scores(notes: list[str]) -> dict[str, float]:
    profile = {"id": "p", "name": "Lars", "language": "en",
               "notes": [{"date": "2026-09-20", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion="thank-you", budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    return {s.item.id: s.score for s in recommend(person, analyze_catalog(SHELF), request).recommendations}


VISIT = "Lars from Oslo is flying into Beijing in Nov, his first time in China"


def test_a_visit_to_beijing_is_told_in_either_language() -> None:
    assert "visiting_beijing" in moments_of(["Lars flying into Beijing for the trade show in Nov"])
    assert "visiting_beijing" in moments_of(["陈先生下个月第一次来北京参观工厂"])
    assert "visiting_beijing" not in moments_of(["她工作调动，搬到北京了"])
    assert "visiting_beijing" not in moments_of(["loves Beijing duck"])


def test_a_sight_of_the_city_comes_first_for_a_visitor() -> None:
    scores = _scores([VISIT])
    assert max(scores, key=lambda k: scores[k]) == "temple-walk"


def test_without_a_visit_the_sight_wins_nothing_extra_and_a_souvenir_is_no_visit() -> None:
    visiting, staying = _scores([VISIT]), _scores(["Lars from Oslo works on our account"])
    assert visiting["temple-walk"] > staying["temple-walk"]
    assert visiting["bookmark"] <= staying["bookmark"] + 0.02
