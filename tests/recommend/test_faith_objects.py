"""What a faith makes of an object: a Buddha's head sold as an ornament offends a practising Buddhist (and is
fine decor to nobody's faith elsewhere); silk a Muslim man must not wear is silk clothing, not silk bedding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 11, 20)
SHELF = [
    {"id": "stone-head", "name": {"en": "Sandstone Buddha head, garden ornament", "zh": "砂岩佛首庭院摆件"},
     "price": 600, "currency": "CNY"},
    {"id": "teapot", "name": {"en": "Yixing clay teapot", "zh": "宜兴紫砂壶"}, "price": 600, "currency": "CNY"},
    {"id": "silk-case", "name": {"en": "Pure silk pillowcase, 25 momme", "zh": "桑蚕丝枕套"}, "price": 300,
     "currency": "CNY"},
    {"id": "silk-tie", "name": {"en": "Silk tie, navy", "zh": "真丝领带"}, "price": 300, "currency": "CNY"},
    {"id": "notebook", "name": {"en": "Linen notebook", "zh": "亚麻笔记本"}, "price": 90, "currency": "CNY"},
]


def _kept(notes: list[str], *, name: str, occasion: str = "thank-you") -> list[str]:
    profile = {"id": "p", "name": name, "language": "en",
               "notes": [{"date": "2026-11-10", "text": text} for text in notes]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion=occasion, budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    return [s.item.id for s in recommend(person, analyze_catalog(SHELF), request).recommendations]


def test_a_decorative_buddha_head_never_goes_to_a_practising_buddhist() -> None:
    kept = _kept(["Nimal in Kandy is a devout Buddhist, at the temple every full moon."], name="Nimal")
    assert "stone-head" not in kept
    assert "teapot" in kept


def test_the_same_ornament_is_no_offence_where_no_buddhist_faith_is_told() -> None:
    assert "stone-head" in _kept(["Tom is redoing his garden in Leeds, loves stone ornaments."], name="Tom")


def test_silk_bedding_is_not_silk_a_muslim_man_wears() -> None:
    kept = _kept(["Yusuf prays five times a day and only eats halal; he sleeps badly on trips."], name="Yusuf")
    assert "silk-case" in kept
    assert "silk-tie" not in kept


def test_a_buddha_head_is_no_decor_for_someone_living_in_a_buddhist_country() -> None:
    """In Thailand or Sri Lanka the custom holds whatever faith the notes name (or none)."""
    for note in ("Ploy runs a spa in Phuket, redoing the lobby.", "阿伦在清迈开了家咖啡馆，喜欢摆件。",
                 "Office manager at our Colombo distributor, based in Sri Lanka since 2019."):
        kept = _kept([note], name="Ploy")
        assert "stone-head" not in kept, note
        assert "teapot" in kept, note
