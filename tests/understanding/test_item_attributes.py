"""What giftwise understood about a catalog item is shown with its words, can be corrected from the CLI and
the API, and a correction always wins, in the ranking too."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.cli_run import run, run_json

HAMPER = {"id": "hamper", "name": {"en": "Festive snack hamper", "zh": "节日零食礼篮"}, "price": 200,
          "currency": "CNY", "category": "food", "tags": []}
SCARF = {"id": "scarf", "name": {"en": "Cashmere scarf"}, "price": 400, "currency": "CNY", "category": "fashion",
         "tags": []}


def _catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps({"catalog": [HAMPER, SCARF]}), encoding="utf-8")
    return path


def _answer(shown: dict[str, object], name: str) -> str:
    rows = shown["attributes"]
    assert isinstance(rows, list)
    return next(str(r["answer"]) for r in rows if r["attribute"] == name)


def test_import_says_what_it_could_not_tell_and_show_lists_it(cli: CliRunner, tmp_path: Path) -> None:
    output = run(cli, "catalog", "import", str(_catalog(tmp_path))).output
    assert "hamper" in output and "nuts" in output
    shown = run_json(cli, "catalog", "show", "hamper")
    assert _answer(shown, "nuts") == "unknown" and _answer(shown, "edible") == "yes"


def test_a_correction_from_the_cli_wins(cli: CliRunner, tmp_path: Path) -> None:
    run(cli, "catalog", "import", str(_catalog(tmp_path)))
    run(cli, "catalog", "correct", "hamper", "nuts=no", "peanuts=no")
    shown = run_json(cli, "catalog", "show", "hamper")
    assert _answer(shown, "nuts") == "no"
    run(cli, "catalog", "correct", "hamper", "nuts=clear")
    assert _answer(run_json(cli, "catalog", "show", "hamper"), "nuts") == "unknown"
    assert "maybe" in run(cli, "catalog", "correct", "hamper", "nuts=maybe", code=2).output


def test_a_correction_from_the_api_wins(api: TestClient, cli: CliRunner, tmp_path: Path) -> None:
    run(cli, "catalog", "import", str(_catalog(tmp_path)))
    answer = api.patch("/catalog/attributes/scarf", json={"corrections": {"meaning:funeral_flower": "yes"}})
    assert answer.status_code == 200, answer.text
    assert "funeral_flower" in answer.json()["meanings"]
    assert api.get("/catalog/attributes/scarf").json()["corrections"] == {"meaning:funeral_flower": "yes"}
    assert api.patch("/catalog/attributes/scarf", json={"corrections": {"colour": "red"}}).status_code == 422
