"""What one brings to a Chinese sickbed: tonics (bird's nest, chicken essence) and a basket of seasonal fruit
answer the visit itself, not only a general wish for health."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from giftwise.recommend.engine import Request, recommend
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.items import analyze_catalog

TODAY = date(2026, 5, 12)
SHELF = [
    {"id": "essence", "name": {"zh": "白兰氏鸡精礼盒"}, "description": {"zh": "12瓶装，术后调养。"}, "price": 320,
     "currency": "CNY", "category": "食品"},
    {"id": "fruit", "name": {"en": "Seasonal fruit hamper, delivered to the ward"}, "price": 300, "currency": "CNY"},
    {"id": "earbuds", "name": {"zh": "蓝牙降噪耳机"}, "price": 300, "currency": "CNY"},
    {"id": "yoga", "name": {"zh": "加厚瑜伽垫"}, "description": {"zh": "健身养生。"}, "price": 200, "currency": "CNY"},
    {"id": "pen", "name": {"zh": "金属签字笔"}, "price": 200, "currency": "CNY"},
]


def test_tonics_and_fruit_come_first_for_a_client_in_hospital() -> None:
    profile = {"id": "p", "name": "刘总", "language": "zh",
               "notes": [{"date": "2026-05-08", "text": "刘总胆囊手术，在医院躺着，下周才能回家"}]}
    person = person_from_profile(profile, TODAY)
    request = Request(occasion="care", budget_max=Decimal("800"), currency="CNY", as_of=TODAY, top=100)
    ranked = [s.item.id for s in recommend(person, analyze_catalog(SHELF), request).recommendations]
    assert set(ranked[:2]) == {"essence", "fruit"}
