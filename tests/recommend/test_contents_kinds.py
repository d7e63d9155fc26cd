"""What a thing is made of and who a restriction binds: a vegan (or someone who said "no leather") is never
offered leather, wool, silk, down or fur on any ranking path, while faux and plant "leathers" stay; a rule
written as "nothing with X" restricts, and an anti-graft act makes a public official."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Person, Request, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.items import analyze_catalog
from giftwise.understanding.profile import understand

TODAY = date(2026, 10, 5)
ANIMAL = ["Merino wool beanie", "Mulberry silk pillowcase", "Goose down travel blanket", "Calfskin key pouch",
          "羊绒披肩", "真丝眼罩", "头层牛皮笔袋", "Shearling-lined gloves", "Bone china mug pair"]
PLAIN = ["Cork yoga block", "Vegan leather laptop sleeve", "Faux fur cushion", "竹纤维毛巾", "人造革卡包",
         "Recycled cotton tote", "Ceramic plant pot"]


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[list[dict[str, Any]], set[str]]:
    """Random non-food items, each either of an animal material or not; the set holds the animal ones."""
    items: list[dict[str, Any]] = []
    animal: set[str] = set()
    for k in range(draw(st.integers(min_value=2, max_value=10))):
        made_of_animal = draw(st.booleans())
        words = draw(st.sampled_from(ANIMAL if made_of_animal else PLAIN))
        item: dict[str, Any] = {"id": f"m{k}", "price": draw(st.integers(min_value=30, max_value=600)),
                                "currency": "CNY", "name": {"en": f"Gift {k}"}}
        if draw(st.booleans()):
            item["name"] = {"en": words}
        else:
            item["description"] = {"en": f"Handmade: {words}."}
        if made_of_animal:
            animal.add(item["id"])
        items.append(item)
    return items, animal


def _request(occasion: str = "thank-you") -> Request:
    return Request(occasion=occasion, budget_max=Decimal("1000"), currency="CNY", as_of=TODAY, top=100)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.sampled_from(["vegan", "no_animal_materials"]), st.sampled_from(["thank-you", "festival"]))
def test_no_animal_material_for_who_refuses_it_on_any_path(
    catalog: tuple[list[dict[str, Any]], set[str]], restriction: str, occasion: str,
) -> None:
    raw, animal = catalog
    items = analyze_catalog(raw)
    person = Person(id="p", language="en",
                    facts=[FactRecord("restriction", restriction, TODAY, source_text=restriction, origin="confirmed")])
    ranked = [s.item.id for s in recommend(person, items, _request(occasion)).recommendations]
    scored = [s.item.id for s in score_pairs(person, items, _request(occasion)).recommendations]
    batch = [p.item_id for p in rank_batch([person], items, _request(occasion))[0].picks]
    assert not set(ranked + scored + batch) & animal
    assert set(ranked) == {i["id"] for i in raw} - animal


def _person(*notes: str) -> Person:
    profile = {"id": "p", "language": "en", "notes": [{"date": "2026-09-01", "text": n} for n in notes]}
    return person_from_profile(profile, TODAY)


def test_a_spoken_no_leather_rules_out_a_wallet_but_not_a_cork_one() -> None:
    raw = [{"id": "hide", "name": {"en": "Card wallet"}, "description": {"en": "Saddle leather, hand-stitched."},
            "price": 260, "currency": "CNY"},
           {"id": "cork", "name": {"en": "Cork card wallet"}, "price": 180, "currency": "CNY"}]
    result = recommend(_person("Mentioned she buys no leather or wool, on principle."), analyze_catalog(raw),
                       _request())
    assert [s.item.id for s in result.recommendations] == ["cork"]
    assert [e.item.id for e in result.excluded] == ["hide"]


def test_nothing_with_pork_is_a_restriction() -> None:
    person = _person("Their office manager said: nothing with pork or alcohol for the visitors.")
    assert {"no_pork", "no_alcohol"} <= set(understand(person.facts, TODAY).restrictions)
    raw = [{"id": "floss", "name": {"en": "Pork floss gift tin"}, "price": 88, "currency": "CNY"},
           {"id": "tea", "name": {"en": "Jasmine tea tin"}, "price": 88, "currency": "CNY"}]
    assert [s.item.id for s in recommend(person, analyze_catalog(raw), _request()).recommendations] == ["tea"]


def test_an_anti_graft_act_makes_a_public_official() -> None:
    for note in ("Reminder: he falls under the anti-graft act, keep it to a snack.", "他们单位执行八项规定。"):
        assert "public_official" in understand(_person(note).facts, TODAY).status, note


WARNED = [
    {"id": "tonic", "name": {"en": "Cordyceps tonic drink", "zh": "虫草滋补饮"},
     "description": {"en": "Ten vials. Not recommended for expectant mothers or with hypertension.",
                     "zh": "十支装。孕妇及高血压人群不宜。"}, "price": 300, "currency": "CNY"},
    {"id": "pulse", "name": {"en": "EMS foot pad"},
     "description": {"en": "Electrical muscle stimulation; do not use with a pacemaker or other implanted device."},
     "price": 260, "currency": "CNY"},
    {"id": "bolster", "name": {"en": "Side-sleeping bolster"},
     "description": {"en": "Shaped for pregnancy; not suitable for infants."}, "price": 240, "currency": "CNY"},
    {"id": "shawl", "name": {"en": "Cotton shawl"}, "price": 220, "currency": "CNY"},
]


def test_an_items_own_warning_rules_it_out_for_that_condition_only() -> None:
    items = analyze_catalog(WARNED)

    def ranked(*notes: str) -> list[str]:
        return sorted(s.item.id for s in recommend(_person(*notes), items, _request("care")).recommendations)

    assert ranked("Her doctor says her blood pressure is high: hypertension, on pills now.") == [
        "bolster", "pulse", "shawl"]
    assert ranked("Had a pacemaker fitted in spring.") == ["bolster", "shawl", "tonic"]
    assert ranked("She is pregnant with their second.") == ["bolster", "pulse", "shawl"]
    assert ranked("Keen gardener.") == ["bolster", "pulse", "shawl", "tonic"]


def _dated(*notes: tuple[str, str]) -> Person:
    profile = {"id": "p", "language": "en", "notes": [{"date": d, "text": n} for d, n in notes]}
    return person_from_profile(profile, TODAY)


def test_a_newer_note_that_the_allergy_is_over_lifts_it() -> None:
    person = _dated(("2025-03-01", "Priya is allergic to peanuts, keep satay away."),
                    ("2026-08-01", "Priya says she is not allergic to peanuts anymore after the desensitisation."))
    assert "no_peanuts" not in understand(person.facts, TODAY).restrictions
    kept = _dated(("2025-03-01", "Priya is allergic to peanuts, keep satay away."),
                  ("2026-08-01", "Priya finally booked her trip to Kerala."))
    assert "no_peanuts" in understand(kept.facts, TODAY).restrictions


def test_a_wifes_vegetarian_diet_does_not_forbid_the_sausage_he_misses() -> None:
    raw = [{"id": "sausage", "name": {"en": "Cantonese air-dried sausage gift box"}, "price": 320, "currency": "CNY"}]
    him = _dated(("2026-04-01", "His wife is vegetarian."), ("2026-09-01", "He misses the sausage from his hometown."))
    ranked = recommend(him, analyze_catalog(raw), _request())
    assert [s.item.id for s in ranked.recommendations] == ["sausage"]
    assert "meat" in understand(him.facts, TODAY).cautions
    only_her = _dated(("2026-04-01", "His wife is vegetarian."),)
    assert [e.item.id for e in recommend(only_her, analyze_catalog(raw), _request()).excluded] == ["sausage"]
