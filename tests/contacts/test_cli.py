"""The contacts commands: orgs, contacts, notes, import and export, with one red line on bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.cli_run import run, run_json
from tests.contacts.factories import contact_rows, write_csv


def one_error_line(result: Any) -> str:
    """The single red error line of a failed command."""
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    return lines[0]


class TestOrgsCommands:
    def test_add_list_show_edit_archive(self, cli: CliRunner) -> None:
        assert "Added organization #1 华为" in run(cli, "orgs", "add", "华为", "--country", "China").output
        run(cli, "orgs", "add", "海关总署", "--public-sector")
        assert [o["name"] for o in run_json(cli, "orgs", "list", "--public-sector")["items"]] == ["海关总署"]
        assert run_json(cli, "orgs", "show", "华为")["country"] == "China"
        assert run_json(cli, "orgs", "edit", "1", "--industry", "telecom", "--tender-open")["tender_open"] is True
        assert "Archived organization #1" in run(cli, "orgs", "archive", "华为").output
        assert run_json(cli, "orgs", "list", "--search", "华为")["total"] == 0
        assert run_json(cli, "orgs", "list", "--all", "--search", "华为")["total"] == 1
        run(cli, "orgs", "archive", "华为", "--restore")
        assert run_json(cli, "orgs", "list", "--archived")["total"] == 0

    def test_table_output_lists_names(self, cli: CliRunner) -> None:
        run(cli, "orgs", "add", "Acme")
        assert "Acme" in run(cli, "orgs", "list").stdout

    def test_duplicate_and_unknown_are_one_red_line(self, cli: CliRunner) -> None:
        run(cli, "orgs", "add", "Acme")
        assert "already exists" in one_error_line(run(cli, "orgs", "add", "ACME", code=4))
        assert "No organization named 'Nope'" in one_error_line(run(cli, "orgs", "show", "Nope", code=3))
        assert "Nothing to change" in one_error_line(run(cli, "orgs", "edit", "Acme", code=2))


class TestContactsCommands:
    def test_add_show_edit_list_archive(self, cli: CliRunner) -> None:
        run(cli, "orgs", "add", "华为")
        added = run(
            cli, "contacts", "add", "王建国", "--latin", "Wang Jianguo", "--org", "华为", "--phone",
            "+86 138 0013 8000", "--email", "wang@x.cn", "--birthday", "农历八月十五", "--role", "采购总监",
        )  # fmt: skip
        assert "Added contact #1 王建国" in added.output
        shown = run_json(cli, "contacts", "show", "wang@x.cn")
        assert (shown["organization"], shown["birthday_calendar"], shown["birthday_month"]) == ("华为", "lunar", 8)
        edited = run_json(
            cli, "contacts", "edit", "王建国", "--role", "副总裁", "--phone", "", "--birthday", "1975-03-08"
        )
        assert (edited["role"], edited["phone"], edited["birthday_year"]) == ("副总裁", None, 1975)
        assert [c["name"] for c in run_json(cli, "contacts", "list", "--search", "jianguo")["items"]] == ["王建国"]
        assert run_json(cli, "contacts", "list", "--org", "华为")["total"] == 1
        assert run_json(cli, "contacts", "list", "--owner", "me", "--relationship", "client")["total"] == 1
        assert "Archived contact #1" in run(cli, "contacts", "archive", "1").output
        assert run_json(cli, "contacts", "list")["total"] == 0
        assert run_json(cli, "contacts", "list", "--archived")["total"] == 1
        run(cli, "contacts", "archive", "1", "--restore")
        assert run_json(cli, "contacts", "list", "--not-public-official")["total"] == 1

    def test_month_13_is_one_clear_sentence(self, cli: CliRunner) -> None:
        line = one_error_line(run(cli, "contacts", "add", "王五", "--birthday", "2026-13-40", code=2))
        assert "'2026-13-40' is not a valid date" in line
        assert run_json(cli, "contacts", "list")["total"] == 0

    def test_duplicate_is_one_clear_sentence(self, cli: CliRunner) -> None:
        run(cli, "contacts", "add", "王建国", "--phone", "13800138000")
        line = one_error_line(run(cli, "contacts", "add", "老王", "--phone", "+86 13800138000", code=4))
        assert "duplicate" in line and "#1" in line

    @pytest.mark.parametrize(
        ("args", "code", "message"),
        [
            (["contacts", "add", "x", "--email", "nope"], 2, "'nope' is not an email address"),
            (["contacts", "add", "x", "--relationship", "friend"], 2, "Relationship must be one of"),
            (["contacts", "add", "x", "--language", "fr"], 2, "Language"),
            (["contacts", "add", "x", "--org", "Nowhere"], 3, "No organization named 'Nowhere'"),
            (["contacts", "add", "x", "--owner", "ghost"], 3, "No user 'ghost'"),
            (["contacts", "show", "42"], 3, "No contact with id 42"),
            (["contacts", "show", "nobody"], 3, "No contact named 'nobody'"),
            (["contacts", "edit", "42", "--role", "x"], 3, "No contact with id 42"),
            (["contacts", "edit", "42"], 2, "Nothing to change"),
        ],
    )
    def test_bad_input(self, cli: CliRunner, args: list[str], code: int, message: str) -> None:
        assert message in one_error_line(run(cli, *args, code=code))


class TestNotesCommands:
    def test_add_and_list(self, cli: CliRunner, frozen_clock: date) -> None:
        run(cli, "contacts", "add", "王建国")
        out = run(
            cli, "notes", "add", "王建国", "说最近在戒糖，女儿下个月结婚", "--channel", "meeting", "--on", "2026-11-01"
        )
        assert "dated 2026-11-01" in out.output
        run(cli, "notes", "add", "1", "生日宴请了我们", "--kind", "event")
        notes = run_json(cli, "notes", "list", "1")["items"]
        assert [(n["text"], n["on"], n["kind"]) for n in notes] == [
            ("生日宴请了我们", "2026-11-20", "event"),
            ("说最近在戒糖，女儿下个月结婚", "2026-11-01", "note"),
        ]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--on", "2026-13-40"], "'2026-13-40' is not a date"),
            (["--channel", "pigeon"], "Channel must be one of"),
            (["--on", "2030-01-01"], "in the future"),
        ],
    )
    def test_bad_note(self, cli: CliRunner, frozen_clock: date, args: list[str], message: str) -> None:
        run(cli, "contacts", "add", "王建国")
        assert message in one_error_line(run(cli, "notes", "add", "1", "text", *args, code=2))
        assert run_json(cli, "notes", "list", "1")["total"] == 0


class TestImportExportCommands:
    def test_import_reports_and_is_idempotent(self, cli: CliRunner, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "book.csv", contact_rows(25))
        report = run_json(cli, "contacts", "import", str(path))
        assert (report["created"], report["organizations_created"]) == (25, 25)
        assert "0 new, 0 updated, 25 unchanged" in run(cli, "contacts", "import", str(path)).output

    def test_rejected_rows_abort_with_their_lines(self, cli: CliRunner, tmp_path: Path) -> None:
        rows = contact_rows(5)
        rows[2]["birthday"] = "2026-13-40"
        rows[4]["email"] = "not-an-email"
        result = run(cli, "contacts", "import", str(write_csv(tmp_path / "b.csv", rows)), code=2)
        assert "line 4:" in result.output and "line 6:" in result.output
        assert "2 of 5 rows were rejected, so nothing was imported" in one_error_line(result)
        assert run_json(cli, "contacts", "list")["total"] == 0

    def test_skip_invalid(self, cli: CliRunner, tmp_path: Path) -> None:
        rows = contact_rows(5)
        rows[2]["birthday"] = "2026-13-40"
        result = run(cli, "contacts", "import", str(write_csv(tmp_path / "b.csv", rows)), "--skip-invalid")
        assert "line 4:" in result.output and "4 new" in result.output

    def test_gbk_csv_from_excel(self, cli: CliRunner, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "excel.csv", contact_rows(10), encoding="gb18030")
        assert run_json(cli, "contacts", "import", str(path))["created"] == 10

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("missing.csv", None, "does not exist"),
            ("book.pdf", b"%PDF", ".csv, .xlsx and .vcf"),
            ("book.csv", b"name,favourite colour\nA,red\n", "unknown column 'favourite colour'"),
            ("book.xlsx", b"not a zip", "is not an Excel workbook"),
        ],
    )
    def test_bad_files(self, cli: CliRunner, tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        assert message in one_error_line(run(cli, "contacts", "import", str(path), code=2))

    @pytest.mark.parametrize("suffix", ["csv", "xlsx", "vcf"])
    def test_export_then_import(self, cli: CliRunner, tmp_path: Path, suffix: str) -> None:
        run(cli, "contacts", "import", str(write_csv(tmp_path / "in.csv", contact_rows(12))))
        out = tmp_path / f"out.{suffix}"
        assert run_json(cli, "contacts", "export", str(out))["contacts"] == 12
        assert run_json(cli, "contacts", "import", str(out))["unchanged"] == 12

    def test_export_vcard_3_with_filters(self, cli: CliRunner, tmp_path: Path) -> None:
        run(cli, "contacts", "import", str(write_csv(tmp_path / "in.csv", contact_rows(12))))
        out = tmp_path / "some.vcf"
        message = run(cli, "contacts", "export", str(out), "--vcard-version", "3.0", "--org", "公司1").output
        assert "Exported 1 contacts" in message and "VERSION:3.0" in out.read_text(encoding="utf-8")

    def test_export_to_missing_folder(self, cli: CliRunner, tmp_path: Path) -> None:
        line = one_error_line(run(cli, "contacts", "export", str(tmp_path / "no" / "x.csv"), code=2))
        assert "does not exist" in line
