"""``giftwise recommend --profile P --catalog C``: the eval's file mode, JSON or a readable table,
and one clear red line for bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from giftwise.cli import app
from giftwise.core.i18n import msg
from tests.recommend.scenarios import DATA

CATALOG = DATA / "own_catalog.json"
PROFILE = {"id": "c-1", "name": "王建国", "language": "zh", "relationship": "client",
           "notes": [{"date": "2026-10-08", "text": "他不喝酒，周末都去钓鱼。"}], "gifts_received": []}


@pytest.fixture
def profile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIFTWISE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    return path


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["recommend", *args])


def request_args(profile: Path, *extra: str) -> list[str]:
    return ["--profile", str(profile), "--catalog", str(CATALOG), "--occasion", "festival", "--budget-max", "800",
            "--currency", "CNY", "--as-of", "2026-11-20", *extra]


class TestFileMode:
    def test_json_output_has_the_eval_shape(self, profile_file: Path) -> None:
        result = invoke(*request_args(profile_file, "--top", "100", "--format", "json"))
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        ranked = [r["item_id"] for r in data["recommendations"]]
        assert ranked[0] in {"jr-fly-rod", "jr-tackle-box"}
        assert {"jr-napa-cab", "jr-sake-set"} <= {e["item_id"] for e in data["excluded"]}
        assert all(isinstance(r["score"], float) and r["reasons"] for r in data["recommendations"])
        assert "不推荐：含酒精" in next(e["reason"] for e in data["excluded"] if e["item_id"] == "jr-napa-cab")

    def test_a_second_call_reads_the_cached_catalog_and_agrees(self, profile_file: Path) -> None:
        first = json.loads(invoke(*request_args(profile_file, "--format", "json")).stdout)
        second = json.loads(invoke(*request_args(profile_file, "--format", "json")).stdout)
        assert first == second

    def test_table_is_the_default(self, profile_file: Path) -> None:
        result = invoke(*request_args(profile_file, "--top", "3"))
        assert result.exit_code == 0
        assert msg("cli.recommend.heading") in result.output and msg("cli.recommend.excluded") in result.output
        assert "碳素飞钓竿" in result.output or "路亚饵盒套装" in result.output


@pytest.mark.usefixtures("english")
class TestBadInput:
    @pytest.mark.parametrize("args, message", [
        (["--as-of", "20-11-2026"], "YYYY-MM-DD"),
        (["--currency", "yuan"], "not a currency code"),
        (["--occasion", "party"], "not a known occasion"),
    ])
    def test_one_red_line_and_exit_2(self, profile_file: Path, args: list[str], message: str) -> None:
        result = invoke(*request_args(profile_file), *args)
        assert result.exit_code == 2
        assert message in result.output and "Traceback" not in result.output

    def test_missing_profile_file(self, tmp_path: Path) -> None:
        result = invoke(*request_args(tmp_path / "nope.json"))
        assert result.exit_code == 2 and "does not exist" in result.output

    def test_profile_that_is_not_json(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text("{not json", encoding="utf-8")
        result = invoke(*request_args(bad))
        assert result.exit_code == 2 and "not valid JSON" in result.output

    def test_catalog_without_ids(self, profile_file: Path, tmp_path: Path) -> None:
        catalog = tmp_path / "catalog.json"
        catalog.write_text(json.dumps({"catalog": [{"name": {"en": "x"}}]}), encoding="utf-8")
        result = invoke("--profile", str(profile_file), "--catalog", str(catalog))
        assert result.exit_code == 2 and "needs an \"id\"" in result.output
        assert "{\"catalog\": [items]}" in result.output  # square brackets are text, not terminal markup

    def test_profile_without_catalog(self, profile_file: Path) -> None:
        result = invoke("--profile", str(profile_file))
        assert result.exit_code == 2 and "--catalog" in result.output
