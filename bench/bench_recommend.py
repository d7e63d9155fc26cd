"""Recommender speed: one file-mode call (a real process, start-up included), and batch ranking of
1k / 10k / 100k synthesised contacts against a synthesised 2,000-item catalog (top 10 each).

    .venv/bin/python -m bench.run recommend            # full sizes (a few minutes)
    .venv/bin/python -m bench.run recommend --quick    # 1k and 5k

Each batch size runs in its own process so its peak memory (ru_maxrss) is its own. Profiles are
synthesised as stored facts (what ``giftwise recommend --all`` ranks from; notes are read into facts
once, when they are written); reading notes is measured separately (notes/second).
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)

# (en name, zh name, category, tags, price): what synthesised catalog items are made of.
BASE = [
    ("Longjing green tea tin", "龙井茶叶礼罐", "tea", ["tea"], 380),
    ("Yixing clay teapot", "宜兴紫砂壶", "tea ware", ["teapot"], 420),
    ("Baijiu 52%", "浓香型白酒", "Wine & Spirits", ["liquor"], 900),
    ("Bordeaux red wine", "波尔多红酒", "wine", ["wine"], 480),
    ("Craft beer box", "精酿啤酒礼盒", "beer", ["beer"], 220),
    ("Crystal wine glasses", "水晶红酒杯", "bar", ["wine"], 300),
    ("Cuban cigars", "古巴雪茄", "tobacco", ["cigar"], 1200),
    ("Windproof lighter", "防风打火机", "smoking", ["lighter"], 260),
    ("Mixed nuts box", "每日坚果礼盒", "food", ["nuts"], 160),
    ("Peanut brittle", "花生酥", "food", ["peanut"], 60),
    ("Jinhua ham", "金华火腿", "food", ["ham"], 398),
    ("Beef jerky", "牛肉干", "food", ["jerky"], 88),
    ("Dried abalone box", "鲍鱼干货礼盒", "seafood", ["seafood"], 880),
    ("Sugar-free biscuits", "无糖饼干", "food", ["无糖"], 120),
    ("Halal snack box", "清真零食盒", "food", ["halal"], 150),
    ("Milk chocolate pralines", "牛奶巧克力", "sweets", ["chocolate"], 168),
    ("Vegan dark chocolate", "纯素黑巧克力", "sweets", ["vegan"], 128),
    ("Mooncake box", "月饼礼盒", "festive", ["中秋"], 268),
    ("Fruit hamper", "水果礼篮", "fruit", ["fruit"], 288),
    ("Cold and flu kit", "感冒关怀包", "health", ["cough"], 98),
    ("Lumbar cushion", "护腰靠垫", "health", ["back pain"], 199),
    ("Neck pillow", "颈椎枕", "health", ["neck"], 239),
    ("Heated eye mask", "蒸汽眼罩", "health", ["eyes"], 69),
    ("White-noise machine", "白噪音助眠仪", "sleep", ["sleep"], 299),
    ("Massage gun", "筋膜枪", "fitness", ["recovery"], 399),
    ("Jump rope", "智能跳绳", "fitness", ["weight loss"], 129),
    ("Yoga mat", "瑜伽垫", "fitness", ["yoga"], 230),
    ("Running vest", "跑步背心", "running", ["marathon"], 399),
    ("Golf balls", "高尔夫球", "golf", ["golf"], 450),
    ("Tennis racket", "网球拍", "tennis", ["tennis"], 790),
    ("Fishing lures", "路亚假饵", "fishing", ["fishing"], 230),
    ("Fishing chair", "钓椅", "fishing", ["fishing"], 320),
    ("Trekking poles", "登山杖", "outdoor", ["hiking"], 350),
    ("Camping lantern", "露营灯", "camping", ["camping"], 159),
    ("Phone repair service", "手机维修服务", "service", ["screen"], 350),
    ("Drop-proof phone case", "防摔手机壳", "phone", ["phone"], 99),
    ("E-reader", "电子书阅读器", "electronics", ["reading"], 998),
    ("Novel box set", "小说套装", "books", ["books"], 188),
    ("Calligraphy brush set", "书法毛笔套装", "culture", ["calligraphy"], 460),
    ("Watercolour kit", "水彩画套装", "art", ["painting"], 219),
    ("Go board", "围棋棋盘", "games", ["weiqi"], 580),
    ("LEGO set", "乐高积木", "kids", ["lego"], 400),
    ("Baby swaddle", "新生儿包被", "baby", ["newborn"], 259),
    ("Newly-wed mugs", "新婚对杯", "wedding", ["wedding"], 238),
    ("Dog bed", "狗狗窝", "pets", ["dog"], 329),
    ("Cat tree", "猫爬架", "pets", ["cat"], 280),
    ("Orchid in a pot", "蝴蝶兰盆栽", "plants", ["orchid"], 268),
    ("Flower bouquet", "鲜花花束", "flowers", ["flowers"], 199),
    ("Handwritten card", "手写卡片", "cards", ["card"], 15),
    ("Mug with our logo", "公司logo马克杯", "merchandise", ["logo"], 45),
    ("Shopping gift card", "商场购物卡", "vouchers", ["gift card"], 500),
    ("Cooking class", "烹饪课", "experience", ["cooking"], 460),
    ("Concert tickets", "演唱会门票", "experience", ["music"], 760),
    ("Hometown specialty", "家乡特产", "food", ["story"], 160),
    ("Samples of our new line", "新品样品", "samples", ["samples"], 60),
    ("Coffee beans", "咖啡豆", "coffee", ["coffee"], 150),
]
VARIANTS = [("Classic", "经典"), ("Deluxe", "豪华"), ("Travel", "旅行"), ("Mini", "迷你"), ("Signature", "招牌"),
            ("Family", "家庭"), ("Limited", "限量"), ("Everyday", "日常"), ("Gift", "礼品"), ("Studio", "工作室")]


def synthetic_catalog(size: int = 2000) -> list[dict[str, Any]]:
    """``size`` items built from BASE x VARIANTS x sizes, worded in both languages."""
    items = []
    for k in range(size):
        en, zh, category, tags, price = BASE[k % len(BASE)]
        v_en, v_zh = VARIANTS[(k // len(BASE)) % len(VARIANTS)]
        scale = 0.6 + 0.1 * ((k // (len(BASE) * len(VARIANTS))) % 8)
        items.append({"id": f"syn-{k:04d}", "name": {"en": f"{v_en} {en}", "zh": f"{v_zh}{zh}"},
                      "description": {"en": f"{v_en} edition.", "zh": f"{v_zh}款。"},
                      "price": round(price * scale), "currency": "CNY", "category": category, "tags": tags})
    return items


def synthetic_persons(count: int, seed: int = 7) -> list[Any]:
    """``count`` people with 1-6 dated facts each (tastes, needs, dislikes, sometimes a restriction)."""
    from giftwise.recommend.engine import Person
    from giftwise.understanding.facts import FactRecord
    from giftwise.understanding.lexicon import load_lexicon

    lexicon = load_lexicon()
    rng = random.Random(seed)
    tastes = sorted(c.id for c in lexicon.concepts.values() if c.kind in ("interest", "pet", "family"))
    needs = sorted(c.id for c in lexicon.concepts.values() if c.kind in ("need", "event"))
    restrictions = sorted(c.id for c in lexicon.concepts.values() if c.kind == "restriction")
    relationships = ["prospect", "customer", "client", "partner"]
    persons = []
    for k in range(count):
        facts = [FactRecord("interest", rng.choice(tastes), TODAY - timedelta(days=rng.randint(0, 900)),
                            rng.choice((0.6, 1.0)), "", "note", "extracted", 730.0) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            facts.append(FactRecord("need", rng.choice(needs), TODAY - timedelta(days=rng.randint(0, 120)), 1.0, "",
                                    "note", "extracted", 60.0))
        if rng.random() < 0.15:
            facts.append(FactRecord("dislike", rng.choice(tastes), TODAY - timedelta(days=rng.randint(0, 900)), 1.0,
                                    "", "note", "extracted", 1095.0))
        if rng.random() < 0.2:
            facts.append(FactRecord("restriction", rng.choice(restrictions), TODAY, 1.0, "", "note"))
        persons.append(Person(str(k), relationship=rng.choice(relationships), public_official=rng.random() < 0.05,
                              facts=facts))
    return persons


def batch_child(count: int, quick: bool) -> dict[str, Any]:
    """Run in a child process: rank ``count`` people against 2,000 items, report time and peak memory.

    People come in chunks of 1,000, as ``giftwise recommend --all`` loads them from the database;
    only the ranking is timed (synthesising people stands in for loading them).
    """
    from giftwise.recommend.batch import CHUNK, prepare, rank_batch
    from giftwise.recommend.engine import Request
    from giftwise.understanding.items import analyze_catalog

    started = time.perf_counter()
    items = analyze_catalog(synthetic_catalog())
    analysed = time.perf_counter()
    request = Request("thank-you", Decimal("1000"), "CNY", TODAY, 10)
    prepared = prepare(items, request)
    rank_batch(synthetic_persons(CHUNK, seed=99), items, request, prepared=prepared)  # warm-up: first allocations
    ranking = 0.0
    ranked = 0
    for seed, start in enumerate(range(0, count, CHUNK)):
        persons = synthetic_persons(min(CHUNK, count - start), seed=seed)
        began = time.perf_counter()
        results = rank_batch(persons, items, request, prepared=prepared)
        ranking += time.perf_counter() - began
        ranked += len(results)
        assert all(len(r.picks) <= 10 for r in results)
    assert ranked == count
    return {
        "benchmark": "batch", "case": f"{count:,} contacts x 2,000 items, top 10",
        "rank_s": round(ranking, 2), "contacts_per_s": round(count / ranking),
        "catalog_analysis_s": round(analysed - started, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_recommend", *args], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def file_mode(calls: int) -> dict[str, Any]:
    """Wall time of ``giftwise recommend --profile --catalog`` as a process, warm cache (median of ``calls``)."""
    catalog = ROOT / "tests" / "recommend" / "data" / "own_catalog.json"
    profile = {"id": "b", "language": "zh", "notes": [
        {"date": "2026-10-08", "text": "王总平时最爱喝茶，不喝酒，最近腰不好，久坐开会坐出来的。"}]}
    giftwise = Path(sys.executable).parent / "giftwise"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.json"
        path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
        args = [str(giftwise), "recommend", "--profile", str(path), "--catalog", str(catalog), "--occasion",
                "thank-you", "--budget-max", "800", "--as-of", "2026-11-20", "--top", "100", "--format", "json"]
        subprocess.run(args, check=True, capture_output=True)  # fills the caches
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
    return {"benchmark": "file mode", "case": f"one call, process start included ({calls} calls)",
            "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}


def reading_notes(count: int) -> dict[str, Any]:
    """How fast notes are read into facts (the once-per-note cost behind ``--all``)."""
    from giftwise.understanding.extractor import extract

    texts = ["王总平时最爱喝茶，办公室里摆着一整套茶盘。", "He doesn't drink; spends weekends fishing.",
             "最近腰不好，说是久坐开会坐出来的。", "Her son was born last week.", "对坚果过敏，尤其是花生。",
             "Asked where she could get a white-noise machine.", "逢年过节收到的烟酒茶堆满了一个柜子。"]
    extract(texts[0], TODAY)  # loads the segmenter
    started = time.perf_counter()
    for k in range(count):
        extract(texts[k % len(texts)] + f" {k}", TODAY)
    elapsed = time.perf_counter() - started
    return {"benchmark": "reading notes", "case": f"{count:,} notes, both languages",
            "notes_per_s": round(count / elapsed)}


def run(quick: bool) -> list[dict[str, Any]]:
    """The rows of this benchmark (see module docstring)."""
    rows = [file_mode(5 if quick else 10)]
    for count in (1_000, 5_000) if quick else (1_000, 10_000, 100_000):
        rows.append(_child(["batch", str(count)]))
    rows.append(reading_notes(500 if quick else 5_000))
    return rows


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "batch":
        print(json.dumps(batch_child(int(sys.argv[2]), quick=False)))
