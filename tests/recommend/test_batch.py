"""Batch scoring equals the one-at-a-time path, and ``giftwise recommend --all`` writes the whole book."""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.actor import Actor
from giftwise.recommend.batch import BatchResult, rank_batch
from giftwise.recommend.engine import Person, Request, recommend
from giftwise.recommend.factors import GivenGift
from giftwise.recommend.portable import person_from_profile
from giftwise.understanding.facts import FactRecord
from giftwise.understanding.lexicon import load_lexicon
from tests.factories import make_contact
from tests.recommend.scenarios import own_catalog, own_scenarios
from tests.understanding.factories import load_own_catalog, make_gift, make_org

TODAY = date(2026, 11, 20)


def assert_same(person: Person, batch: BatchResult, request: Request) -> None:
    """The same ranking and scores; two items whose scores differ only in the last rounded digit may swap
    (the one-at-a-time path rounds each contribution for its explanation, the batch only the sum)."""
    single = recommend(person, own_catalog(), request).recommendations
    assert len(single) == len(batch.picks)
    by_id = {p.item_id: p for p in batch.picks}
    for s, p in zip(single, batch.picks, strict=True):
        assert abs(s.raw - p.raw) < 5e-4 and abs(s.score - p.score) < 5e-4
        if s.item.id != p.item_id:
            assert s.item.id not in by_id or abs(by_id[s.item.id].raw - s.raw) < 5e-4


class TestEqualsOneAtATime:
    def test_on_every_own_scenario(self) -> None:
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for s in own_scenarios():
            r = s["request"]
            groups.setdefault((r["occasion"], r["budget_max"], r["as_of"]), []).append(s)
        for (occasion, budget, as_of), scenarios in groups.items():
            request = Request(occasion, Decimal(str(budget)), "CNY", date.fromisoformat(as_of), 10)
            persons = [person_from_profile(s["profile"], request.as_of) for s in scenarios]
            for person, batch in zip(persons, rank_batch(persons, own_catalog(), request, chunk=7), strict=True):
                assert_same(person, batch, request)

    @pytest.mark.parametrize("occasion", ["thank-you", "care", "empathy", "festival"])
    def test_on_a_random_sample(self, occasion: str) -> None:
        rng = random.Random(occasion)
        lexicon = load_lexicon()
        concepts = sorted(c.id for c in lexicon.concepts.values() if c.kind in ("interest", "pet", "need", "event"))
        restrictions = sorted(c.id for c in lexicon.concepts.values() if c.kind == "restriction")
        ids = [i.id for i in own_catalog()]
        persons = []
        for k in range(40):
            facts = [FactRecord(rng.choice(["interest", "dislike", "wish", "need", "saturation"]), rng.choice(concepts),
                                TODAY - timedelta(days=rng.randint(0, 800)), rng.choice([0.6, 1.0]), "x", "note",
                                "extracted", rng.choice([60.0, 730.0])) for _ in range(rng.randint(0, 5))]
            if rng.random() < 0.4:
                facts.append(FactRecord("restriction", rng.choice(restrictions), TODAY, 1.0, "x", "note"))
            gifts = [GivenGift(TODAY - timedelta(days=rng.randint(0, 700)), rng.choice(ids), value=Decimal("100"),
                               from_us=rng.random() < 0.5) for _ in range(rng.randint(0, 3))]
            persons.append(Person(str(k), relationship=rng.choice(["prospect", "customer", "client", "partner"]),
                                  public_official=rng.random() < 0.2, facts=facts, gifts=gifts))
        request = Request(occasion, Decimal(rng.choice([200, 800, 3000])), "CNY", TODAY, 10)
        for person, batch in zip(persons, rank_batch(persons, own_catalog(), request, chunk=16), strict=True):
            assert_same(person, batch, request)


class TestRecommendAll:
    def setup_book(self, session: Session, actor: Actor) -> None:
        items = load_own_catalog(session)
        make_contact(session, actor, name="王总", notes=[("2026-10-02", "他不喝酒，周末都去钓鱼。")])
        cat = make_contact(session, actor, name="Lisa", language="en", notes=[("2026-10-02", "Two ragdoll cats.")])
        make_gift(session, cat, items["jr-cat-fountain"], on="2026-09-01", cost="189")
        tender = make_org(session, name="Harbour", tender_open=True)
        make_contact(session, actor, name="No gifts", organization_id=tender.id)
        make_contact(session, actor, name="Archived", archived=True)
        session.commit()

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
    def test_writes_every_visible_contact(self, cli: CliRunner, session: Session, actor: Actor, tmp_path: Path,
                                          suffix: str) -> None:
        self.setup_book(session, actor)
        out = tmp_path / f"book{suffix}"
        result = cli.invoke(app, ["recommend", "--all", "--top", "3", "--as-of", "2026-11-20", "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert "Wrote 6 recommendations for 2 contacts" in result.output
        if suffix == ".csv":
            rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        elif suffix == ".json":
            rows = json.loads(out.read_text(encoding="utf-8"))
        else:
            sheet = load_workbook(out).active
            header, *data = [[c.value for c in row] for row in sheet.iter_rows()]
            rows = [dict(zip(header, row, strict=True)) for row in data]
        by_contact: dict[str, list[str]] = {}
        for row in rows:
            by_contact.setdefault(str(row["contact"]), []).append(str(row["item_id"]))
        assert set(by_contact) == {"王总", "Lisa"}
        assert by_contact["王总"][0] in {"jr-fly-rod", "jr-tackle-box"}
        assert "jr-cat-fountain" not in by_contact["Lisa"]  # given two months ago

    def test_json_to_stdout_and_bad_output(self, cli: CliRunner, session: Session, actor: Actor,
                                           tmp_path: Path) -> None:
        self.setup_book(session, actor)
        printed = cli.invoke(app, ["recommend", "--all", "--top", "1", "--format", "json"])
        assert printed.exit_code == 0 and len(json.loads(printed.stdout)) == 2
        bad = cli.invoke(app, ["recommend", "--all", "--output", str(tmp_path / "book.txt")])
        assert bad.exit_code == 2 and ".csv, .xlsx or .json" in bad.output
