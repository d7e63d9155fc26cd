"""A heart implant rules out gifts that pass current through the body (issue 11): someone with a pacemaker or an
implanted defibrillator gets no EMS, TENS or microcurrent device, read from the item's own words in either
language, while a plain vibrating or kneading massager stays allowed. A pregnancy makes such a device a caution.
Our own words and items, through the single ranking, the batch and the fail-safe guard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from giftwise.recommend.batch import rank_batch
from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.attributes import read_attributes
from giftwise.understanding.items import ItemProfile, analyze_catalog
from giftwise.understanding.profile import understand

AS_OF = date(2026, 11, 10)


def _item(item_id: str, en: str, zh: str, price: int, description: dict[str, str] | None = None,
          tags: list[str] | None = None) -> dict[str, Any]:
    return {"id": item_id, "name": {"en": en, "zh": zh}, "description": description or {"en": "", "zh": ""},
            "price": price, "currency": "CNY", "category": "health", "tags": tags or []}


CURRENT = {"shoulder", "knee", "face", "waist"}
CATALOG = [
    _item("shoulder", "Shoulder relief pad", "肩颈理疗贴", 320,
          {"en": "Sends electrical muscle stimulation through two gel pads.", "zh": ""}),
    _item("knee", "Knee comfort wrap", "膝部舒缓护具", 280, {"en": "", "zh": "内置中频脉冲，缓解关节酸痛。"}),
    _item("face", "Facial toning wand", "美容导入仪", 450, {"en": "Microcurrent lifting for the jawline.",
                                                           "zh": "微电流提拉紧致。"}),
    _item("waist", "Lumbar belt", "护腰带", 360, tags=["低频电疗", "热敷"]),
    _item("shiatsu", "Shiatsu kneading cushion", "揉捏按摩靠垫", 380,
          {"en": "Rotating kneading nodes and gentle heat.", "zh": "3D揉捏加恒温热敷。"}),
    _item("vibe", "Handheld vibration massager", "手持振动按摩器", 260,
          {"en": "Percussive vibration for sore calves.", "zh": "振动放松小腿。"}),
    _item("tea", "Mountain oolong tin", "高山乌龙茶罐", 220,
          {"en": "Shipped by EMS express anywhere.", "zh": "EMS快递包邮。"}),
]


@pytest.fixture(scope="module")
def items() -> list[ItemProfile]:
    return analyze_catalog(CATALOG)


def _person(note: str, language: str) -> Any:
    profile = {"id": "p", "name": "Lee Min" if language == "en" else "李工", "language": language,
               "relationship": "client", "notes": [{"date": "2026-09-02", "text": note}]}
    return person_from_profile(profile, AS_OF)


REQUEST = Request("care", Decimal(1000), "CNY", AS_OF, top=100)

IMPLANT_NOTES = [
    ("李工去年做了手术，现在胸口里有个心脏起搏器。", "zh"),
    ("听他说装了植入式除颤器，出差过安检都要出示卡片。", "zh"),
    ("Min had a pacemaker fitted after fainting at work.", "en"),
    ("She lives with an implanted defibrillator since her heart scare.", "en"),
]


@pytest.mark.parametrize("note, language", IMPLANT_NOTES)
def test_a_heart_implant_rules_out_current_devices(items: list[ItemProfile], note: str, language: str) -> None:
    person = _person(note, language)
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    batch = {p.item_id for p in rank_batch([person], items, REQUEST)[0].picks}
    assert not (ranked | batch) & CURRENT
    assert {"shiatsu", "vibe", "tea"} <= ranked


def test_without_an_implant_a_current_device_is_offered(items: list[ItemProfile]) -> None:
    person = _person("李工最近肩颈酸痛，老是揉脖子。", "zh")
    ranked = {r.item.id for r in recommend(person, items, REQUEST).recommendations}
    assert ranked >= CURRENT


@pytest.mark.parametrize("item_id", sorted(CURRENT))
def test_the_guard_reads_current_devices_on_its_own(item_id: str) -> None:
    spec = next(i for i in CATALOG if i["id"] == item_id)
    assert read_attributes(spec).contents["electric_stimulation"].answer == "yes"


@pytest.mark.parametrize("item_id", ["shiatsu", "vibe", "tea"])
def test_kneading_vibration_and_express_post_are_no_current(item_id: str) -> None:
    spec = next(i for i in CATALOG if i["id"] == item_id)
    assert read_attributes(spec).contents["electric_stimulation"].answer != "yes"


@pytest.mark.parametrize("note, language", [("李工怀孕五个月了，下个月开始休产假。", "zh"),
                                            ("Min is pregnant with her first, due in spring.", "en")])
def test_a_pregnancy_makes_current_devices_a_caution(note: str, language: str) -> None:
    person = _person(note, language)
    assert "electric_stimulation" in understand(person.facts, AS_OF).cautions
