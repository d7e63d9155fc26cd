"""The engine: hard constraints excluded with reasons, explained soft scores in the person's language,
the factor vector API, currency, compliance flags, repetition and stage match."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from giftwise.recommend.engine import Request, Result, recommend, score_pairs
from giftwise.recommend.portable import person_from_profile
from giftwise.recommend.weights import FACTORS, Weights, load_weights
from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import own_catalog

TODAY = date(2026, 11, 20)


def rank(profile: dict[str, Any], occasion: str = "thank-you", budget: str | None = "1000", currency: str = "CNY",
         items: list[ItemProfile] | None = None, top: int = 100) -> Result:
    request = Request(occasion, None if budget is None else Decimal(budget), currency, TODAY, top)
    person = person_from_profile({"id": "p", "language": "en", **profile}, TODAY)
    return recommend(person, items or own_catalog(), request)


def ids(result: Result) -> list[str]:
    return [r.item.id for r in result.recommendations]


def excluded(result: Result) -> dict[str, str]:
    return {e.item.id: e.reason for e in result.excluded}


def note(text: str, day: str = "2026-11-01") -> dict[str, Any]:
    return {"notes": [{"date": day, "text": text}]}


class TestExplanations:
    def test_chinese_reason_cites_the_note_and_its_date(self) -> None:
        result = rank({"language": "zh", **note("聊天时他说周末都去钓鱼。")})
        assert result.recommendations[0].item.id in {"jr-fly-rod", "jr-tackle-box"}
        assert "因为他提到“聊天时他说周末都去钓鱼”（2026-11-01 的笔记）" in result.recommendations[0].reasons

    def test_english_exclusion_cites_the_restriction(self) -> None:
        result = rank({"language": "en", **note("He has been sober for five years.", "2026-10-02")}, budget="3000")
        reason = excluded(result)["jr-napa-cab"]
        assert reason.startswith("excluded: contains alcohol; he does not drink")
        assert "(note of 2026-10-02)" in reason

    def test_an_accessory_is_excluded_as_going_with_the_drink(self) -> None:
        result = rank({"language": "en", **note("Teetotal.")}, budget="3000")
        assert "goes with alcohol" in excluded(result)["jr-decanter"]

    def test_unknown_gender_speaks_of_them(self) -> None:
        result = rank({"language": "en", **note("Loves hiking.")})
        assert any(r.startswith("because the recipient mentioned") for r in result.recommendations[0].reasons)

    def test_a_presumed_restriction_says_it_is_presumed_and_quotes_no_note(self) -> None:
        wordings = (("en", "(presumed until a note says otherwise)"), ("zh", "（默认推定，除非笔记另有说明）"))
        for language, presumed in wordings:
            result = rank({"language": language, **note("Loves hiking.")}, budget="3000")
            reason = excluded(result)["jr-humidor"]
            assert reason.endswith(presumed)
            assert "“" not in reason and "2026-11-20" not in reason

    def test_an_unknown_gender_still_reads_as_one_person_in_english(self) -> None:
        result = rank({"language": "en", **note("Loves hiking.")}, budget="3000")
        assert "the recipient does not smoke" in excluded(result)["jr-humidor"]

    def test_nothing_known_still_ranks_a_modest_caring_gift_first(self) -> None:
        # A gift with a story of its own or a handwritten card leads; a logo mug never does.
        result = rank({"language": "en", **note("Met at the expo.")}, budget="300")
        assert ids(result)[0] in {"jr-thanks-card", "jr-grandma-jam", "jr-hometown-tea", "jr-bouquet"}
        assert ids(result).index("jr-logo-mug") > 5


class TestHardConstraints:
    def test_budget_excludes_with_the_price(self) -> None:
        result = rank(note("Loves fishing."), budget="300")
        assert "jr-fly-rod" not in ids(result)
        assert "costs 560 CNY, above the budget of 300 CNY" in excluded(result)["jr-fly-rod"]

    def test_a_foreign_price_is_converted(self) -> None:
        result = rank(note("Loves music."), budget="1500", items=own_catalog())
        assert "jr-headphones" in ids(result)
        assert result.recommendations[ids(result).index("jr-headphones")].price == Decimal("1412.90")

    def test_an_unconvertible_currency_is_excluded(self) -> None:
        assert "cannot be converted" in excluded(rank(note("Loves silk.")))["jr-silk-scarf"]

    def test_budget_in_another_currency(self) -> None:
        result = rank(note("Loves fishing."), budget="100", currency="USD")
        assert "jr-fly-rod" in ids(result)
        assert "jr-fly-rod" in ids(rank(note("Loves fishing."), budget="600"))

    def test_cash_equivalents_are_excluded_for_everyone(self) -> None:
        reasons = excluded(rank(note("Practical person."), budget="3000"))
        assert "cash equivalents" in reasons["jr-jd-card"] and "cash" in reasons["jr-lucky-money"]

    def test_a_public_official_by_role_alone_gets_the_lower_cap_and_approval(self) -> None:
        result = rank({"role": "Section chief, municipal tax bureau", **note("Enjoys Chinese chess.")}, budget="2000")
        assert "per-gift cap for public officials" in excluded(result)["jr-xiangqi"]
        flagged = [r for r in result.recommendations if r.needs_approval]
        assert flagged and all(Decimal("100") < (r.price or 0) <= Decimal("200") for r in flagged)

    def test_an_open_tender_in_the_notes_stops_every_gift(self) -> None:
        result = rank(note("Their tender for the new warehouse is open until December."))
        assert result.recommendations == []

    def test_the_same_item_within_a_year_is_excluded_and_later_only_penalised(self) -> None:
        recent = rank({**note("Loves fishing."), "gifts_received": [{"date": "2026-05-01", "item": "jr-fly-rod"}]})
        assert "we already gave this on 2026-05-01" in excluded(recent)["jr-fly-rod"]
        old = rank({**note("Loves fishing."), "gifts_received": [{"date": "2025-01-01", "item": "jr-fly-rod"}]})
        assert ids(old).index("jr-tackle-box") < ids(old).index("jr-fly-rod")


class TestSoftScores:
    def test_every_factor_is_visible_and_adds_up(self) -> None:
        result = score_pairs(person_from_profile({"id": "p", **note("Loves tea.")}, TODAY), own_catalog(),
                             Request("thank-you", Decimal("800"), "CNY", TODAY))
        for scored in result.recommendations:
            assert set(scored.factors) == set(FACTORS) == set(scored.contributions)
            assert abs(sum(scored.contributions.values()) + scored.etiquette_points - scored.raw) < 1e-3
            assert 0 < scored.score < 1

    def test_price_never_adds_by_itself(self) -> None:
        for scored in rank(note("Met once."), budget="3000").recommendations:
            assert scored.factors["stage"] <= 0

    def test_a_prospect_gets_a_token_not_an_expensive_gift(self) -> None:
        result = rank({"relationship": "prospect", **note("Collects LEGO.")}, budget="1000")
        assert ids(result).index("jr-lego-skyline") > 2
        assert rank(note("Collects LEGO."), budget="1000").recommendations[0].item.id == "jr-lego-skyline"

    def test_what_others_already_gave_loses_to_something_new(self) -> None:
        gifts = [{"date": "2026-10-01", "item": "jr-puer-cake", "from": "others"}]
        result = rank({**note("Loves tea."), "gifts_received": gifts}, budget="500")
        assert ids(result).index("jr-yixing-pot") < ids(result).index("jr-puer-cake")

    def test_the_top_limits_the_list_but_not_the_exclusions(self) -> None:
        result = rank(note("Doesn't drink."), budget="3000", top=3)
        assert len(result.recommendations) == 3 and "jr-napa-cab" in excluded(result)

    def test_explicit_interest_words(self) -> None:
        assert ids(rank({"interests": ["photography"]}, budget="500"))[0] == "jr-photo-walk"


class TestWeights:
    def test_defaults_and_a_calibrated_file(self, tmp_path: Path) -> None:
        assert load_weights(tmp_path / "missing.json") == Weights()
        path = tmp_path / "w.json"
        path.write_text('{"wish": 5, "unknown": 1}', encoding="utf-8")
        assert load_weights(path).wish == 5.0 and load_weights(path).need == Weights().need

    def test_weights_change_the_ranking(self) -> None:
        items = analyze_catalog([
            {"id": "story", "name": {"en": "Jam from our village"}, "price": 50, "currency": "CNY"},
            {"id": "card", "name": {"en": "Handwritten note"}, "price": 10, "currency": "CNY"},
        ])
        person = person_from_profile({"id": "p", "notes": []}, TODAY)
        request = Request("thank-you", Decimal("100"), "CNY", TODAY)
        story_first = recommend(person, items, request, weights=Weights(story=5.0))
        card_first = recommend(person, items, request, weights=Weights(story=0.0))
        assert ids(story_first)[0] == "story" and ids(card_first)[0] == "card"


class TestGiftHistoryWording:
    def test_a_gift_recorded_by_the_items_name_is_not_repeated(self) -> None:
        gifts = [{"date": "2026-06-01", "item": "Carbon fly-fishing rod", "from": "us"}]
        result = rank({**note("Loves fishing."), "gifts_received": gifts})
        assert "jr-fly-rod" in excluded(result)

    def test_a_free_text_gift_from_us_makes_the_same_kind_of_thing_count_less(self) -> None:
        before = rank(note("Loves fishing.")).recommendations
        gifts = [{"date": "2026-10-01", "item": "a box of fishing lures from the market", "from": "us"}]
        after = rank({**note("Loves fishing."), "gifts_received": gifts}).recommendations
        raw = {r.item.id: r.raw for r in before}
        lowered = {r.item.id: r.raw for r in after}
        assert lowered["jr-tackle-box"] < raw["jr-tackle-box"]

    def test_a_free_text_gift_from_others_saturates(self) -> None:
        gifts = [{"date": "2026-10-01", "item": "普洱茶饼", "from": "others"}]
        result = rank({**note("Loves tea."), "gifts_received": gifts}, budget="500")
        assert ids(result).index("jr-yixing-pot") < ids(result).index("jr-puer-cake")
