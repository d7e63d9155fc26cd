"""Contact imports: every format, idempotent, all-or-nothing, each rejected row with its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user
from giftwise.contacts.files import ImportFileError
from giftwise.contacts.files_service import export_contacts, import_contacts
from giftwise.contacts.schemas import ContactFilter, ImportReport
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.models.contacts import Contact, Organization
from tests.contacts.factories import contact_rows, write_csv
from tests.factories import make_contact


def _count(session: Session, model: type = Contact) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _import(session: Session, actor: Actor, content: bytes, filename: str = "book.csv", **kw: object) -> ImportReport:
    return import_contacts(session, actor, content=content, filename=filename, **kw)  # type: ignore[arg-type]


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


GOOD = (
    "姓名,公司,手机,邮箱,生日,关系\n"
    "王建国,华为,+86 138 0013 8000,wang@x.cn,农历八月十五,客户\n"
    "John Smith,Acme,,john@acme.com,--03-08,prospect\n"
)


class TestImportCsv:
    def test_creates_contacts_and_their_organizations(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv(GOOD))
        assert (report.applied, report.created, report.organizations_created, report.rejected) == (True, 2, 2, [])
        wang = session.scalars(select(Contact).where(Contact.name == "王建国")).one()
        assert (wang.birthday_calendar, wang.birthday_month, wang.birthday_day) == ("lunar", 8, 15)
        assert wang.relationship == "client" and wang.owner_id == actor.user_id

    def test_reimporting_the_same_file_changes_nothing(self, session: Session, actor: Actor) -> None:
        _import(session, actor, _csv(GOOD))
        before = [(c.id, c.updated_at) for c in session.scalars(select(Contact).order_by(Contact.id))]
        report = _import(session, actor, _csv(GOOD))
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
        assert [(c.id, c.updated_at) for c in session.scalars(select(Contact).order_by(Contact.id))] == before
        assert _count(session, Organization) == 2

    def test_a_known_person_is_updated_by_email(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, "王建国", email="wang@x.cn", role="经理")
        report = _import(session, actor, _csv("name,email,role\n王建国,WANG@x.cn,总监\n"))
        assert (report.created, report.updated) == (0, 1)
        assert contact.role == "总监" or session.get(Contact, contact.id).role == "总监"  # type: ignore[union-attr]

    def test_empty_cells_keep_what_is_stored(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王建国", email="wang@x.cn", wechat="wjg88")
        _import(session, actor, _csv("name,email,wechat\n,wang@x.cn,\n"))
        assert session.scalars(select(Contact.wechat)).one() == "wjg88"

    def test_gbk_csv_from_excel_is_detected(self, session: Session, actor: Actor, tmp_path: Path) -> None:
        path = write_csv(tmp_path / "excel.csv", contact_rows(30), encoding="gbk")
        report = _import(session, actor, path.read_bytes())
        assert report.created == 30
        assert session.scalars(select(Organization.name).order_by(Organization.name)).first() == "公司0"

    def test_semicolon_separated_csv(self, session: Session, actor: Actor) -> None:
        assert _import(session, actor, _csv("name;email\nAnna;anna@x.de\n")).created == 1

    def test_rejected_rows_are_reported_and_nothing_is_written(self, session: Session, actor: Actor) -> None:
        text = GOOD + "李四,华为,,,2026-13-40,客户\n张三,,,not-mail,,\n王五,,,,,朋友\n"
        report = _import(session, actor, _csv(text))
        assert not report.applied and report.created == 0
        assert [r.line for r in report.rejected] == [4, 5, 6]
        assert "'2026-13-40'" in report.rejected[0].reason and "month 13" in report.rejected[0].reason
        assert "not an email address" in report.rejected[1].reason
        assert "Relationship '朋友'" in report.rejected[2].reason
        assert _count(session) == 0 and _count(session, Organization) == 0

    def test_skip_invalid_imports_the_rest(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv(GOOD + "李四,华为,,,2026-13-40,客户\n"), skip_invalid=True)
        assert report.applied and report.created == 2 and [r.line for r in report.rejected] == [4]

    def test_the_same_person_twice_in_one_file_is_rejected(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv("name,phone\n王建国,13800138000\n老王,+86 138-0013-8000\n"))
        assert [(r.line, "same person as line 2" in r.reason) for r in report.rejected] == [(3, True)]

    def test_a_row_whose_keys_point_at_two_people_is_rejected(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "A", email="a@x.cn")
        make_contact(session, actor, "B", phone="13900000000")
        report = _import(session, actor, _csv("name,email,phone\nA,a@x.cn,13900000000\n"))
        assert "same phone as another stored contact" in report.rejected[0].reason

    def test_namesakes_without_email_or_phone_match_by_name_and_organization(
        self, session: Session, actor: Actor
    ) -> None:
        _import(session, actor, _csv("name,organization,role\n王伟,华为,经理\n王伟,,\n"))
        report = _import(session, actor, _csv("name,organization,role\n王伟,华为,总监\n王伟,,\n"))
        assert (report.created, report.updated, report.unchanged) == (0, 1, 1)

    def test_namesakes_with_different_emails_are_two_people(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv("name,organization,email\n王伟,华为,w1@hw.cn\n王伟,华为,w2@hw.cn\n"))
        assert report.created == 2 and report.rejected == []

    def test_row_with_more_cells_than_columns_is_rejected(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv("name,email\nA,a@x.cn,surprise\n"))
        assert "more cells" in report.rejected[0].reason

    def test_multiline_address_keeps_line_numbers_right(self, session: Session, actor: Actor) -> None:
        text = 'name,address,birthday\nA,"北京市\n朝阳区",\nB,,1990-02-30\n'
        assert [r.line for r in _import(session, actor, _csv(text)).rejected] == [4]


    def test_an_unclosed_quote_is_refused_with_its_line_and_nothing_is_written(
        self, session: Session, actor: Actor
    ) -> None:
        text = 'name,email\n王芳,wang@x.cn\n"李四,li@x.cn\n张三,zhang@x.cn\n'
        with pytest.raises(ImportFileError, match="line 3 opens a quote"):
            _import(session, actor, _csv(text))
        assert _count(session) == 0


class TestFormulaSafeExport:
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_a_formula_typed_as_a_name_is_exported_inert_and_reimports_unchanged(
        self, session: Session, actor: Actor, fmt: str
    ) -> None:
        attack = '=HYPERLINK("http://evil.example","点我")'
        make_contact(session, actor, attack, role="+cmd|' /C calc'!A0", email="a@x.cn")
        exported = export_contacts(session, actor, file_format=fmt, filters=ContactFilter())
        if fmt == "csv":
            text = exported.content.decode("utf-8-sig")
            assert "\n\"'=HYPERLINK" in text and ",'+cmd|" in text
        else:
            sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
            assert (sheet["A2"].value, sheet["A2"].data_type, sheet["A2"].quotePrefix) == (attack, "s", True)
        report = _import(session, actor, exported.content, f"again.{fmt}")
        assert (report.created, report.unchanged) == (0, 1)


class TestImportFileProblems:
    @pytest.mark.parametrize(
        ("filename", "content", "message"),
        [
            ("book.pdf", b"%PDF-1.4", "giftwise reads .csv, .xlsx and .vcf"),
            ("book.xls", b"\xd0\xcf\x11\xe0", "old Excel .xls"),
            ("book.csv", b"PK\x03\x04rest-of-zip", "is an Excel workbook"),
            ("book.csv", b"\x00\x01\x02binary", "binary file"),
            ("book.csv", b"", "is empty"),
            ("book.csv", "name,生肖\n王,龙\n".encode(), "unknown column '生肖'"),
            ("book.csv", b"email,phone\na@b.cn,123456\n", "no 'name' column"),
            ("book.csv", b"name,Name\na,b\n", "the column 'name' twice"),
            ("book.xlsx", b"name,email\n", "is not an Excel workbook"),
            ("book.xlsx", b"PK\x03\x04broken", "is not an Excel workbook"),
            ("book.vcf", b"name,email\n", "holds no vCard"),
            ("book.csv", b"BEGIN:VCARD\nEND:VCARD\n", "import it as a .vcf"),
        ],
    )
    def test_one_clear_sentence_and_nothing_written(
        self, session: Session, actor: Actor, filename: str, content: bytes, message: str
    ) -> None:
        with pytest.raises(ImportFileError) as caught:
            _import(session, actor, content, filename)
        assert message in caught.value.detail and caught.value.detail.endswith(".")
        assert isinstance(caught.value, Invalid) and _count(session) == 0

    def test_undecodable_bytes_ask_for_utf8(self, session: Session, actor: Actor) -> None:
        with pytest.raises(ImportFileError, match="CSV UTF-8"):
            _import(session, actor, b"name\n" + bytes(range(0x80, 0x100)) * 20)


class TestImportXlsx:
    def _workbook(self, rows: list[list[object]]) -> bytes:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def test_numbers_and_dates_typed_into_excel(self, session: Session, actor: Actor) -> None:
        from datetime import datetime

        content = self._workbook(
            [["姓名", "电话", "生日"], ["王建国", 13800138000, datetime(1975, 3, 8)], [None, None, None]]
        )
        report = _import(session, actor, content, "book.xlsx")
        contact = session.scalars(select(Contact)).one()
        assert report.created == 1 and contact.phone == "13800138000" and contact.birthday_year == 1975

    def test_rejected_rows_carry_the_sheet_line(self, session: Session, actor: Actor) -> None:
        content = self._workbook([["name", "birthday"], ["A", "1990-01-01"], [None, None], ["B", "2026-13-40"]])
        assert [r.line for r in _import(session, actor, content, "book.xlsx").rejected] == [4]


class TestImportVcard:
    def test_reads_cards_from_a_phone(self, session: Session, actor: Actor) -> None:
        text = (
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Wang;Jianguo;;;\r\nFN:Jianguo Wang\r\nORG:Huawei;Sales\r\n"
            "TEL;TYPE=CELL:+86 138 0013 8000\r\nEMAIL;TYPE=INTERNET:wang@x.cn\r\nBDAY:1975-03-08\r\n"
            "ADR;TYPE=WORK:;;1 Bantian Rd;Shenzhen;Guangdong;518129;China\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:4.0\r\nN:李;娜;;;\r\nTEL:13900001111\r\nBDAY:--0308\r\nEND:VCARD\r\n"
        )
        report = _import(session, actor, text.encode(), "phone.vcf")
        assert report.created == 2
        wang = session.scalars(select(Contact).where(Contact.email == "wang@x.cn")).one()
        assert wang.phone == "+86 138 0013 8000" and wang.birthday_year == 1975
        assert wang.address == "1 Bantian Rd Shenzhen Guangdong 518129 China"
        li = session.scalars(select(Contact).where(Contact.phone == "13900001111")).one()
        assert (li.name, li.birthday_month, li.birthday_day) == ("李娜", 3, 8)

    def test_a_broken_card_is_rejected_with_its_line(self, session: Session, actor: Actor) -> None:
        text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nFN:B\n"
        report = _import(session, actor, text.encode(), "x.vcf")
        assert [(r.line, "no END:VCARD" in r.reason) for r in report.rejected] == [(6, True)]


class TestImportAccess:
    def test_a_rep_cannot_overwrite_a_colleagues_contact(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王建国", email="wang@x.cn", role="经理")
        create_user(session, actor, data=UserCreate(username="li"))
        rep = actor_of(find_user(session, actor, ref="li"))
        report = _import(session, rep, _csv("name,email,role\n王建国,wang@x.cn,骗子\n"))
        assert "colleague's book" in report.rejected[0].reason and not report.applied
        assert session.scalars(select(Contact.role)).one() == "经理"

    def test_unknown_owner_is_rejected(self, session: Session, actor: Actor) -> None:
        report = _import(session, actor, _csv("name,owner\nA,nobody\n"))
        assert "Owner 'nobody' is not a giftwise user" in report.rejected[0].reason


class TestExportImportRoundTrip:
    @pytest.mark.parametrize(("fmt", "version"), [("csv", "4.0"), ("xlsx", "4.0"), ("vcf", "3.0"), ("vcf", "4.0")])
    def test_export_then_reimport_changes_nothing(self, session: Session, actor: Actor, fmt: str, version: str) -> None:
        _import(session, actor, write_csv_bytes(contact_rows(40)))
        exported = export_contacts(session, actor, file_format=fmt, filters=ContactFilter(), vcard_version=version)
        assert exported.count == 40
        report = _import(session, actor, exported.content, f"export.{fmt}")
        assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 40, [])


def write_csv_bytes(rows: list[dict[str, str]]) -> bytes:
    """``rows`` as UTF-8 CSV bytes."""
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()
