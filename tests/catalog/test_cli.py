"""The catalog commands: import, export, list, show, add, edit, deactivate; bad input is one red line."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from giftwise.core.settings import reset_settings
from tests.catalog.factories import BASIC_HEADER, csv_text, json_file, portable
from tests.cli_run import run, run_json

SHARED = resources.files("giftwise") / "data" / "catalog" / "catalog.json"



def error_lines(result: Any) -> list[str]:
    """The red error lines of a failed command."""
    return [line for line in result.output.splitlines() if line.startswith("Error:")]


@pytest.fixture
def shared_file(tmp_path: Path) -> Path:
    """A copy of the shared demo catalog on disk."""
    path = tmp_path / "catalog.json"
    path.write_bytes(SHARED.read_bytes())
    return path


class TestImportCommand:
    def test_import_then_reimport(self, cli: CliRunner, shared_file: Path) -> None:
        assert "76 new, 0 updated, 0 unchanged" in run(cli, "catalog", "import", str(shared_file)).output
        report = run_json(cli, "catalog", "import", str(shared_file))
        assert report == {"created": [], "updated": [], "unchanged": 76, "total": 76}

    def test_what_it_could_not_tell_is_named_in_the_readers_language(
        self, cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "mystery.json"
        path.write_text(json.dumps([portable(
            "mystery-box", name={"zh": "家乡特产礼包", "en": "Hometown specialty box"}, description={}, tags=[])]),
                        encoding="utf-8")
        monkeypatch.setenv("GIFTWISE_LANGUAGE", "zh")
        reset_settings()
        said = run(cli, "catalog", "import", str(path)).output
        assert "mystery-box (" in said and "花生" in said and "peanuts" not in said

    def test_rejected_rows_are_listed_and_nothing_is_imported(self, cli: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "bad.csv"
        rows = [["ok", "OK", "", "1", "CNY", "", ""], ["neg", "Neg", "", "-5", "CNY", "", ""]]
        path.write_text(csv_text(BASIC_HEADER, *rows), encoding="utf-8")
        result = run(cli, "catalog", "import", str(path), code=2)
        assert "neg" in result.output and "negative" in result.output
        assert len(error_lines(result)) == 1 and "nothing was imported" in error_lines(result)[0]
        assert run_json(cli, "catalog", "list")["total"] == 0

    def test_unknown_column_is_one_red_line(self, cli: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "c.csv"
        path.write_text("id,name_en,price,colour\na,A,1,red\n", encoding="utf-8")
        (line,) = error_lines(run(cli, "catalog", "import", str(path), code=2))
        assert "unknown column 'colour'" in line

    def test_missing_file(self, cli: CliRunner, tmp_path: Path) -> None:
        (line,) = error_lines(run(cli, "catalog", "import", str(tmp_path / "nope.json"), code=2))
        assert "There is no file" in line

    def test_format_can_be_forced(self, cli: CliRunner, tmp_path: Path) -> None:
        path = tmp_path / "catalog.txt"
        path.write_bytes(json_file(portable()))
        run(cli, "catalog", "import", str(path), "--format-file", "json")
        assert run_json(cli, "catalog", "show", "tea-leaves")["name_zh"] == "明前龙井"


class TestExportCommand:
    @pytest.mark.parametrize("suffix", ["json", "csv", "xlsx"])
    def test_export_by_suffix_reimports_unchanged(
        self, cli: CliRunner, shared_file: Path, tmp_path: Path, suffix: str
    ) -> None:
        run(cli, "catalog", "import", str(shared_file))
        target = tmp_path / f"out.{suffix}"
        assert "Exported 76 items" in run(cli, "catalog", "export", str(target)).output
        assert run_json(cli, "catalog", "import", str(target))["unchanged"] == 76

    def test_json_export_is_the_shared_shape(self, cli: CliRunner, shared_file: Path, tmp_path: Path) -> None:
        run(cli, "catalog", "import", str(shared_file))
        target = tmp_path / "out.data"
        run(cli, "catalog", "export", str(target), "--format-file", "json")
        exported = json.loads(target.read_text(encoding="utf-8"))["catalog"]
        shared = json.loads(shared_file.read_text(encoding="utf-8"))["catalog"]
        assert sorted(exported, key=lambda i: i["id"]) == sorted(shared, key=lambda i: i["id"])

    def test_unknown_format(self, cli: CliRunner, tmp_path: Path) -> None:
        (line,) = error_lines(run(cli, "catalog", "export", str(tmp_path / "out.pdf"), code=2))
        assert ".json, .csv or .xlsx" in line

    def test_unwritable_target(self, cli: CliRunner, tmp_path: Path) -> None:
        (line,) = error_lines(run(cli, "catalog", "export", str(tmp_path / "no" / "out.json"), code=1))
        assert "Could not write" in line


class TestListAndShowCommands:
    def test_search_category_and_price(self, cli: CliRunner, shared_file: Path) -> None:
        run(cli, "catalog", "import", str(shared_file))
        assert [i["sku"] for i in run_json(cli, "catalog", "list", "--search", "龙井")["items"]] == ["tea-leaves"]
        alcohol = run_json(cli, "catalog", "list", "--category", "alcohol", "--max-price", "700")
        assert {i["sku"] for i in alcohol["items"]} == {"red-wine", "craft-beer"}
        assert run_json(cli, "catalog", "list", "--tag", "golf", "--min-price", "500")["total"] == 1

    def test_table_output(self, cli: CliRunner, shared_file: Path) -> None:
        run(cli, "catalog", "import", str(shared_file))
        output = run(cli, "catalog", "list", "--search", "茶宠").output
        assert "tea-pet-color" in output and "168.00 CNY" in output

    def test_bad_status_is_one_red_line(self, cli: CliRunner) -> None:
        (line,) = error_lines(run(cli, "catalog", "list", "--status", "gone", code=2))
        assert "status" in line.lower()

    def test_show_unknown_sku(self, cli: CliRunner) -> None:
        (line,) = error_lines(run(cli, "catalog", "show", "nope", code=3))
        assert "No catalog item has the id 'nope'" in line


class TestAddEditDeactivateCommands:
    def test_add_edit_deactivate(self, cli: CliRunner) -> None:
        added = run_json(
            cli, "catalog", "add", "pears", "--price", "150", "--name-zh", "自家果园的梨", "--tags", "fruit|梨",
            "--story-prompt", "My father planted these trees.", "--supplier", "family",
        )
        assert added["price"] == "150.00" and added["tags"] == ["fruit", "梨"]
        edited = run_json(cli, "catalog", "edit", "pears", "--price", "168", "--supplier", "")
        assert edited["price"] == "168.00" and edited["supplier"] is None
        assert "no longer offered" in run(cli, "catalog", "deactivate", "pears").output
        assert run_json(cli, "catalog", "list")["total"] == 0
        assert run_json(cli, "catalog", "edit", "pears", "--active")["active"] is True

    def test_add_with_a_negative_price(self, cli: CliRunner) -> None:
        (line,) = error_lines(run(cli, "catalog", "add", "x", "--price", "-3", "--name-en", "X", code=2))
        assert "negative" in line

    def test_add_twice_is_a_conflict(self, cli: CliRunner) -> None:
        run(cli, "catalog", "add", "x", "--price", "3", "--name-en", "X")
        (line,) = error_lines(run(cli, "catalog", "add", "x", "--price", "3", "--name-en", "X", code=4))
        assert "already exists" in line

    def test_edit_needs_something_to_change(self, cli: CliRunner) -> None:
        (line,) = error_lines(run(cli, "catalog", "edit", "x", code=2))
        assert "Nothing to change" in line

    def test_bad_currency(self, cli: CliRunner) -> None:
        result = run(cli, "catalog", "add", "x", "--price", "3", "--name-en", "X", "--currency", "ABC", code=2)
        (line,) = error_lines(result)
        assert "ISO 4217" in line

    def test_deactivate_unknown(self, cli: CliRunner) -> None:
        run(cli, "catalog", "deactivate", "nope", code=3)
