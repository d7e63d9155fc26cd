"""Notes become facts: negation scope in both languages, cues before and after, continuation,
recency and fading, newer facts overruling older ones, wishes, saturation, implied restrictions."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.extractor import extract
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.profile import understand

ON = date(2026, 10, 1)
TODAY = date(2026, 11, 20)


def kinds(text: str, on: date = ON) -> set[tuple[str, str]]:
    """(kind, concept) of the facts a note states."""
    return {(f.kind, f.concept) for f in extract(text, on)}


def profile(*notes: tuple[str, str]) -> object:
    facts: list[FactRecord] = []
    for day, text in notes:
        facts.extend(extract(text, date.fromisoformat(day)))
    return understand(facts, TODAY)


class TestNegation:
    @pytest.mark.parametrize("text", [
        "He doesn't drink.", "Does not drink at all.", "He never drinks.", "Quit drinking two years ago.",
        "He no longer drinks alcohol.", "他不喝酒。", "他滴酒不沾。", "戒酒三年了。", "烟酒都不碰。",
        "不太能喝酒，一喝就脸红。",
        "Sober for five years.", "He is a teetotaller.",
    ])
    def test_not_drinking_is_a_no_alcohol_restriction(self, text: str) -> None:
        assert ("restriction", "no_alcohol") in kinds(text)

    @pytest.mark.parametrize("text", [
        "She doesn't eat chocolate any more", "he can't stand coffee", "he won't touch alcohol",
        "he doesn't golf any more", "they aren't into wine", "he isn't a tea drinker",
        "she wasn't keen on durian", "we don't send flowers",
    ])
    def test_a_negation_written_without_its_apostrophe_reads_the_same(self, text: str) -> None:
        # Reps typing fast drop the apostrophe: "doesnt", "cant", "wont" negate as "doesn't" does.
        assert kinds(text.replace("'", "")) == kinds(text) != set()

    @pytest.mark.parametrize("text", [
        "Seit letztem Sommer ist Jan komplett trocken.", "Er ist trockener Alkoholiker, sagt er offen.",
        "Anna trinkt keinen Alkohol mehr.", "Il ne boit plus depuis 2020.", "Es abstemio desde joven.",
    ])
    def test_not_drinking_in_another_language_is_a_no_alcohol_restriction(self, text: str) -> None:
        assert ("restriction", "no_alcohol") in kinds(text)

    @pytest.mark.parametrize("text", ["Er liebt trockenen Riesling.", "Der Sekt war schön trocken."])
    def test_a_dry_wine_is_no_sobriety(self, text: str) -> None:
        assert ("restriction", "no_alcohol") not in kinds(text)

    @pytest.mark.parametrize("text", ["He drinks green tea every day.", "他每天喝茶。", "Drinks coffee black."])
    def test_drinking_tea_or_coffee_is_not_about_alcohol(self, text: str) -> None:
        assert not {c for _, c in kinds(text)} & {"drinking", "alcohol", "no_alcohol"}

    @pytest.mark.parametrize("text", ["Quit golf after his injury.", "He no longer plays golf.", "他不再打高尔夫了。",
                                      "以前很喜欢打高尔夫，后来就不打了。", "He used to love golf.",
                                      "高尔夫球场他也不去了", "球友约高尔夫，他都不来了"])
    def test_a_hobby_given_up_is_lapsed_not_an_interest(self, text: str) -> None:
        found = kinds(text)
        assert ("interest", "golf") not in found
        assert ("lapsed", "golf") in found

    @pytest.mark.parametrize("text", ["He hates golf.", "对高尔夫没兴趣。", "她不喜欢高尔夫。", "Can't stand golf.",
                                      "Not a fan of golf."])
    def test_a_stated_dislike_is_a_dislike(self, text: str) -> None:
        assert ("dislike", "golf") in kinds(text)

    @pytest.mark.parametrize(("text", "concept"), [
        ("Honestly she's never been a flower person.", "flowers"),
        ("He isn't really a coffee drinker.", "coffee"),
        ("Not much of a golf guy, his wife says.", "golf"),
    ])
    def test_not_being_the_kind_who_likes_a_thing_is_a_dislike(self, text: str, concept: str) -> None:
        found = kinds(text)
        assert ("dislike", concept) in found
        assert ("lapsed", concept) not in found
        assert ("restriction", "no_alcohol") not in found

    def test_not_being_on_a_diet_sets_no_restriction(self) -> None:
        found = kinds("He's not a vegetarian person, eats anything.")
        assert not any(kind == "restriction" for kind, _ in found)

    def test_negation_stops_at_because(self) -> None:
        found = kinds("He hates golf since his back injury.")
        assert ("dislike", "golf") in found
        assert ("need", "back_support") in found

    def test_negation_does_not_reach_past_but(self) -> None:
        found = kinds("他不喝酒，但很喜欢喝茶。")
        assert ("restriction", "no_alcohol") in found
        assert ("interest", "tea") in found

    def test_a_negation_with_its_own_object_leaves_the_previous_clause_alone(self) -> None:
        found = kinds("她最近在减肥，晚上基本不吃饭。")
        assert ("need", "weight_loss") in found
        assert ("resolved", "weight_loss") not in found


class TestWhatAWordIsAbout:
    @pytest.mark.parametrize("text", [
        "Grumbled, well complained really, that red-eye flights are too loud to sleep on.",
        "老是抱怨开会时间太长，坐得腰疼。",
    ])
    def test_complaining_about_ones_own_life_is_nothing_for_us_to_make_good(self, text: str) -> None:
        assert ("need", "make_good") not in kinds(text)

    @pytest.mark.parametrize("text", [
        "She complained that our last delivery came in two weeks late.",
        "采购抱怨我们的包装压坏了好几箱。",
        "Client complaint, the engraving was misspelt.",
    ])
    def test_a_complaint_about_us_is_to_make_good(self, text: str) -> None:
        assert ("need", "make_good") in kinds(text)

    @pytest.mark.parametrize("text", ["Our contact Lily told me the launch went fine.", "Met Mrs Rose at the expo."])
    def test_a_name_that_is_also_a_flower_is_a_person(self, text: str) -> None:
        assert ("interest", "flowers") not in kinds(text)

    def test_the_flower_itself_is_still_a_flower(self) -> None:
        assert ("interest", "flowers") in kinds("Rose mentioned that lilies are her favourite.")

    def test_heartache_alone_is_no_breakup(self) -> None:
        assert ("event", "breakup") not in kinds("Totally heartbroken that his team lost the final.")


class TestCuesAfterTheMention:
    def test_chinese_allergy_after_the_food(self) -> None:
        assert ("restriction", "no_nuts") in kinds("他对坚果过敏。")

    def test_continuation_inherits_the_allergy(self) -> None:
        found = kinds("他对坚果过敏，尤其是花生。")
        assert {("restriction", "no_nuts"), ("restriction", "no_peanuts")} <= found

    def test_english_allergy_noun_after_the_food(self) -> None:
        assert ("restriction", "no_peanuts") in kinds("Severe peanut allergy.")

    def test_enthusiast_after_the_hobby(self) -> None:
        facts = {(f.kind, f.concept): f for f in extract("李经理是钓鱼发烧友。", ON)}
        assert facts[("interest", "fishing")].confidence == 1.0
        assert ("need", "cold_relief") not in facts  # "发烧友" is a fan, not a fever


class TestSpacesAsCommas:
    """Quick notes often leave out punctuation and let a space stand for the comma."""

    @pytest.mark.parametrize("text, fact", [
        ("陈董 平时爱喝红酒 酒柜里红酒多得喝不完", ("saturation", "wine")),
        ("林经理 喜欢打高尔夫 球杆早就不打了", ("lapsed", "golf")),
    ])
    def test_a_cue_in_the_mentions_own_phrase_governs_it(self, text: str, fact: tuple[str, str]) -> None:
        assert fact in kinds(text)

    @pytest.mark.parametrize("text, fact", [
        ("张总 不吃 牛肉", ("restriction", "no_beef")),
        ("老婆 芒果 过敏 花生 过敏", ("restriction", "no_peanuts")),
        ("他 戒酒 三年 喜欢 钓鱼", ("restriction", "no_alcohol")),
    ])
    def test_a_cue_alone_in_its_phrase_still_reaches_across_the_space(self, text: str, fact: tuple[str, str]) -> None:
        assert fact in kinds(text)

    def test_an_allergy_in_the_next_phrase_is_no_liking(self) -> None:
        assert ("interest", "fruit") not in kinds("老婆 芒果 过敏 花生 过敏")


class TestSituations:
    @pytest.mark.parametrize("text, concept", [
        ("电话里听他一直咳嗽，说是感冒了。", "cold_relief"), ("Has had a nasty cough all week.", "cold_relief"),
        ("他的手机屏幕摔碎了。", "phone_repair"), ("Dropped his phone; the screen is shattered.", "phone_repair"),
        ("最近腰不好，久坐开会坐出来的。", "back_support"), ("She is on a diet.", "weight_loss"),
        ("Says her eyes ache after long days at the screen.", "eye_strain"), ("倒时差，晚上睡不着。", "sleep"),
    ])
    def test_needs(self, text: str, concept: str) -> None:
        assert ("need", concept) in kinds(text)

    @pytest.mark.parametrize("text, concept", [
        ("客户的太太生了个女儿。", "baby"), ("Her son was born last week.", "baby"), ("他儿子下周满月。", "baby"),
        ("Told me he is getting married next month.", "wedding"), ("下个月办婚礼。", "wedding"),
        ("Girlfriend dumped me.", "breakup"), ("刚和男朋友分手。", "breakup"),
        ("His father passed away.", "bereavement"),
        ("Got promoted to regional director.", "promotion"), ("刚搬了新家。", "new_home"),
    ])
    def test_life_events(self, text: str, concept: str) -> None:
        assert ("event", concept) in kinds(text)

    def test_pregnancy_implies_restrictions(self) -> None:
        found = kinds("She is five months pregnant.")
        assert {("restriction", "no_alcohol"), ("restriction", "no_tobacco"), ("caution", "seafood")} <= found

    def test_halal_is_a_restriction(self) -> None:
        assert ("restriction", "halal") in kinds("He is Muslim and keeps a halal diet.")

    def test_recovery_resolves_a_need(self) -> None:
        assert ("resolved", "cold_relief") in kinds("感冒已经好了。")


class TestWishesAndSaturation:
    def test_asked_where_to_buy_is_a_wish_with_the_object_words(self) -> None:
        facts = extract("Asked where she could get a white-noise machine like the one in our office.", ON)
        wish = [f for f in facts if f.kind == "wish"]
        assert wish and {"white", "noise", "machine"} <= set(wish[0].words)

    def test_chinese_wish(self) -> None:
        assert ("wish", "fitness") in kinds("他说一直想要一个可以调重量的壶铃，但没买到。")

    def test_receiving_piles_of_something_is_saturation_not_interest(self) -> None:
        found = kinds("逢年过节收到的烟酒茶堆满了一个柜子。")
        assert {("saturation", "tea"), ("saturation", "alcohol"), ("saturation", "cigarettes")} <= found
        assert ("interest", "tea") not in found

    def test_hotel_is_not_alcohol(self) -> None:
        assert not {c for _, c in kinds("住的酒店很安静。")} & {"alcohol", "drinking"}


class TestRecency:
    def test_a_newer_dislike_overrules_an_older_interest(self) -> None:
        u = profile(("2025-05-01", "Big golfer."), ("2026-09-20", "He hates golf; these days he is into hiking."))
        assert u.dislikes["golf"].strength > 0.9
        assert u.interests.get("golf") is None or u.interests["golf"].strength < 0.1
        assert u.interests["hiking"].strength > 0.9

    def test_a_newer_interest_overrules_an_older_dislike(self) -> None:
        u = profile(("2024-01-01", "Wasn't into tennis."), ("2026-08-01", "Has taken up tennis and loves it."))
        assert u.interests["tennis"].strength > 0.8
        assert "tennis" not in u.dislikes or u.dislikes["tennis"].strength < 0.1

    def test_a_cold_two_years_ago_is_no_longer_news(self) -> None:
        u = profile(("2024-10-01", "感冒发烧请了三天假。"))
        assert "cold_relief" not in u.needs

    def test_a_cold_two_days_ago_is_news(self) -> None:
        u = profile(("2026-11-18", "感冒了，一直咳嗽。"))
        assert u.needs["cold_relief"].strength > 0.8

    def test_back_pain_fades_slower_than_a_cold(self) -> None:
        u = profile(("2026-09-20", "Back pain from sitting all day."), ("2026-09-20", "Caught a cold."))
        assert u.needs["back_support"].strength > 0.5
        assert "cold_relief" not in u.needs

    def test_restrictions_never_fade(self) -> None:
        u = profile(("2016-01-01", "对坚果过敏。"))
        assert "no_nuts" in u.restrictions

    def test_an_old_interest_weighs_less_than_a_new_one(self) -> None:
        u = profile(("2021-01-01", "Loves fishing."), ("2026-10-01", "Loves cycling."))
        assert u.interests["cycling"].strength > 2 * u.interests["fishing"].strength

    def test_drinking_again_lifts_a_negation_based_restriction(self) -> None:
        u = profile(("2024-01-01", "He doesn't drink."), ("2026-06-01", "Started drinking again, mostly red wine."))
        assert "no_alcohol" not in u.restrictions

    def test_an_allergy_is_not_lifted_by_a_later_mention(self) -> None:
        u = profile(("2024-01-01", "Allergic to nuts."), ("2026-06-01", "Started baking almond cakes again."))
        assert "no_nuts" in u.restrictions

    def test_used_to_be_vegetarian_lifts_the_restriction(self) -> None:
        u = profile(("2023-01-01", "他以前吃素。"))
        assert "vegetarian" not in u.restrictions


class TestFactsKeepTheirSource:
    def test_each_fact_quotes_its_clause_and_date(self) -> None:
        facts = extract("He loves fishing. Doesn't drink.", ON, source="note:7")
        fishing = next(f for f in facts if f.concept == "fishing")
        assert fishing.source_text == "He loves fishing"
        assert fishing.observed_on == ON and fishing.source == "note:7"

    def test_events_have_a_fade_date_restrictions_do_not(self) -> None:
        facts = {f.concept: f for f in extract("She is pregnant and has a cold.", ON)}
        assert facts["cold_relief"].fades_after is not None
        assert facts["no_alcohol"].fades_after is None


class TestDrinkFollowedByWhat:
    def test_punctuation_keeps_the_drink_negated(self) -> None:
        found = kinds("Doesn't drink; loves tea.")
        assert ("restriction", "no_alcohol") in found and ("interest", "tea") in found
