"""Situations that ask for a particular kind of comfort: someone laid up after an injury passes the days sitting
(reading, listening, puzzles) rather than training; a patient losing her hair is spared by silk and soft head
coverings; family kept in touch by video calls finds a frame filled from the phone; the death of a pet known by
name is the loss of a pet, answered by a book of its photos, not by funeral flowers; and a diabetic who walks every
day finds a step tracker and pressed tea, which is no cake;
and tastes told in their own words: a cook finds oils and vinegars, a chocoholic chocolate, a lover of silk a silk
square rather than leather."""

from __future__ import annotations

from datetime import date

import pytest

from giftwise.understanding.items import ItemProfile, analyze_catalog
from tests.recommend.scenarios import ranked_for_notes

AS_OF = date(2026, 10, 20)
CATALOG = [
    {"id": "audiobooks", "name": {"en": "Audiobook subscription, 12 months", "zh": "有声书年卡"}, "price": 300,
     "currency": "CNY", "category": "digital"},
    {"id": "puzzle", "name": {"en": "2000-piece jigsaw of the Alps", "zh": "阿尔卑斯山拼图2000片"}, "price": 160,
     "currency": "CNY", "category": "games"},
    {"id": "foam-roller", "name": {"en": "Massage gun with foam roller", "zh": "筋膜枪和泡沫轴"}, "price": 500,
     "currency": "CNY", "category": "sport"},
    {"id": "kettlebell", "name": {"en": "Adjustable kettlebell", "zh": "可调节壶铃"}, "price": 450, "currency": "CNY",
     "category": "sport"},
    {"id": "pillowcase", "name": {"en": "Satin pillowcase", "zh": "丝绸枕套"}, "price": 220, "currency": "CNY",
     "category": "home"},
    {"id": "wifi-frame", "name": {"en": "Wi-Fi photo frame", "zh": "WiFi电子相框"},
     "description": {"en": "Loved ones send pictures from their phones.", "zh": "家人用手机传照片。"},
     "price": 480, "currency": "CNY", "category": "gadget"},
    {"id": "album", "name": {"en": "Printed photo album", "zh": "定制照片书"},
     "description": {"en": "Made from the pictures you send us.", "zh": "用您的照片制作。"}, "price": 320,
     "currency": "CNY", "category": "custom"},
    {"id": "lilies", "name": {"en": "White lily sympathy wreath", "zh": "白百合慰问花圈"},
     "description": {"en": "For a memorial service.", "zh": "悼念用。"}, "price": 300, "currency": "CNY",
     "category": "flowers"},
    {"id": "step-watch", "name": {"en": "Step-counting sports watch", "zh": "计步运动手表"}, "price": 900,
     "currency": "CNY", "category": "electronics"},
    {"id": "brick-tea", "name": {"en": "Aged pu'er cake, 200 g", "zh": "陈年普洱 200克"}, "price": 380,
     "currency": "CNY", "category": "tea"},
    {"id": "nougat", "name": {"en": "Honey nougat tin", "zh": "蜂蜜牛轧糖"}, "price": 150, "currency": "CNY",
     "category": "food"},
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _ranked(items: list[ItemProfile], notes: list[str], occasion: str, language: str) -> list[str]:
    return ranked_for_notes(items, notes, occasion, as_of=AS_OF, noted_on="2026-10-12", language=language,
                            name="Sam", budget=1000)


@pytest.mark.parametrize(("notes", "language"), [
    (["Sam broke her ankle skiing, leg in a cast for six weeks and stuck on the sofa"], "en"),
    (["小王踢球骨折了，打石膏在家养伤，说闷得慌"], "zh"),
])
def test_someone_laid_up_by_an_injury_is_given_something_to_do_sitting(items: list[ItemProfile], notes: list[str],
                                                                      language: str) -> None:
    ranked = _ranked(items, notes, "care", language)
    assert set(ranked[:2]) == {"audiobooks", "puzzle"}
    assert ranked.index("foam-roller") > 1


@pytest.mark.parametrize(("notes", "language"), [
    (["Her mother is through her second round of chemo and her hair is falling out"], "en"),
    (["他太太化疗后开始掉头发"], "zh"),
])
def test_a_patient_losing_her_hair_is_spared_by_silk(items: list[ItemProfile], notes: list[str],
                                                     language: str) -> None:
    assert _ranked(items, notes, "care", language)[0] == "pillowcase"


@pytest.mark.parametrize(("notes", "language"), [
    (["Every Sunday she has video calls with her parents in Lisbon"], "en"),
    (["她每周末和爸妈视频通话"], "zh"),
])
def test_family_kept_by_video_calls_finds_a_frame_filled_from_the_phone(items: list[ItemProfile], notes: list[str],
                                                                        language: str) -> None:
    assert _ranked(items, notes, "festival", language)[0] == "wifi-frame"


@pytest.mark.parametrize(("notes", "language"), [
    (["Sam walks her beagle Pepper twice a day", "Pepper died on Friday, Sam is devastated"], "en"),
    (["她家的猫叫团子，养了十二年", "团子上周去世了，她很难过"], "zh"),
    (["Sam's old cat passed away in her sleep"], "en"),
])
def test_the_death_of_a_pet_is_answered_by_its_photos_not_funeral_flowers(items: list[ItemProfile], notes: list[str],
                                                                          language: str) -> None:
    ranked = _ranked(items, notes, "empathy", language)
    assert ranked[0] == "album"
    assert "lilies" not in ranked[:3]


def test_a_relatives_death_is_still_a_bereavement(items: list[ItemProfile]) -> None:
    ranked = _ranked(items, ["Sam walks her beagle Pepper", "Sam's grandmother passed away on Friday"], "empathy",
                     "en")
    assert ranked[0] == "lilies"


@pytest.mark.parametrize(("notes", "language"), [
    (["Sam has type 1 diabetes", "she does 10,000 steps a day without fail"], "en"),
    (["王总是糖友，医生让他控糖", "他现在天天走路，每天走两万步"], "zh"),
])
def test_a_diabetic_who_walks_finds_a_step_watch_and_no_sweets(items: list[ItemProfile], notes: list[str],
                                                               language: str) -> None:
    ranked = _ranked(items, notes, "festival", language)
    assert "step-watch" in ranked[:2]
    assert "brick-tea" in ranked and "nougat" not in ranked


TASTES = [
    {"id": "oil-vinegar", "name": {"en": "Cold-pressed olive oil and balsamic duo", "zh": "冷榨橄榄油香醋组合"},
     "price": 240, "currency": "CNY", "category": "food"},
    {"id": "truffles", "name": {"en": "Dark truffle box", "zh": "黑松露巧克力礼盒"}, "price": 220, "currency": "CNY",
     "category": "food"},
    {"id": "desk-plant", "name": {"en": "Desk succulent", "zh": "桌面多肉"}, "price": 90, "currency": "CNY",
     "category": "plants"},
    {"id": "toy-train", "name": {"en": "Wooden toy train", "zh": "木质小火车"}, "price": 150, "currency": "CNY",
     "category": "toys"},
]


@pytest.mark.parametrize(("note", "language", "expected"), [
    ("Priya cooks a roast dinner for twelve every Sunday", "en", "oil-vinegar"),
    ("他周末最喜欢下厨", "zh", "oil-vinegar"),
    ("she's a self-confessed chocoholic", "en", "truffles"),
    ("她是个巧克力控", "zh", "truffles"),
])
def test_a_cook_finds_what_cooks_use_and_a_chocoholic_chocolate(note: str, language: str, expected: str) -> None:
    ranked = ranked_for_notes(analyze_catalog(TASTES), [note], "thank-you", as_of=AS_OF, noted_on="2026-10-12",
                              language=language, name="Priya", budget=500)
    assert ranked[0] == expected


MATERIALS = [
    {"id": "silk-square", "name": {"en": "Hangzhou silk square scarf", "zh": "杭州真丝方巾"}, "price": 420,
     "currency": "CNY", "category": "accessories"},
    {"id": "leather-wallet", "name": {"en": "Calfskin leather card wallet", "zh": "小牛皮卡包"}, "price": 380,
     "currency": "CNY", "category": "accessories"},
    {"id": "logo-mug", "name": {"en": "Logo mug", "zh": "公司logo马克杯"}, "price": 60, "currency": "CNY",
     "category": "merch"},
]


@pytest.mark.parametrize(("note", "language"), [
    ("Mei adores silk, wears it every day", "en"),
    ("梅姐特别喜欢丝绸", "zh"),
])
def test_a_liking_of_silk_finds_a_silk_square_not_leather(note: str, language: str) -> None:
    ranked = ranked_for_notes(analyze_catalog(MATERIALS), [note, "we sent the wrong invoice twice, she was upset"],
                              "apology", as_of=AS_OF, noted_on="2026-10-12", language=language, name="Mei", budget=500)
    assert ranked[0] == "silk-square"
    assert ranked.index("leather-wallet") > ranked.index("silk-square")
