"""The contacts domain's rules: organizations, contacts (duplicates, birthdays, owners), notes."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import actor_of, create_user, find_user
from giftwise.contacts.schemas import (
    ContactCreate,
    ContactFilter,
    ContactUpdate,
    NoteCreate,
    OrganizationFilter,
    OrganizationUpdate,
)
from giftwise.contacts.service import (
    add_note,
    archive_contact,
    archive_organization,
    find_organization,
    get_contact,
    list_contacts,
    list_notes,
    list_organizations,
    resolve_contact,
    update_contact,
    update_organization,
)
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.models.accounts import AuditEntry
from giftwise.models.contacts import Contact
from tests.contacts.factories import make_organization
from tests.factories import make_contact


def _rep(session: Session, actor: Actor, username: str, team: str = "east", role: str = "rep") -> Actor:
    create_user(session, actor, data=UserCreate(username=username, role=role, team=team))  # type: ignore[arg-type]
    return actor_of(find_user(session, actor, ref=username))


class TestCreateOrganization:
    def test_stores_the_organization(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor, "上海市卫生局", public_sector=True, country="China")
        assert org.id and org.public_sector and org.country == "China"

    def test_same_name_ignoring_case_is_a_conflict(self, session: Session, actor: Actor) -> None:
        make_organization(session, actor, "Acme Trading")
        with pytest.raises(Conflict, match="already exists"):
            make_organization(session, actor, "ACME trading")


class TestUpdateOrganization:
    def test_changes_only_given_fields(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor, "Acme", industry="retail", country="US")
        update_organization(session, actor, organization_id=org.id, data=OrganizationUpdate(country="Canada"))
        assert (org.industry, org.country) == ("retail", "Canada")

    def test_renaming_onto_another_name_is_a_conflict(self, session: Session, actor: Actor) -> None:
        make_organization(session, actor, "Acme")
        other = make_organization(session, actor, "Bolt")
        with pytest.raises(Conflict):
            update_organization(session, actor, organization_id=other.id, data=OrganizationUpdate(name="acme"))

    def test_unknown_id_is_not_found(self, session: Session, actor: Actor) -> None:
        with pytest.raises(NotFound):
            update_organization(session, actor, organization_id=999, data=OrganizationUpdate(name="x"))


class TestArchiveOrganization:
    def test_archived_leave_the_default_list_and_come_back(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor, "Acme")
        archive_organization(session, actor, organization_id=org.id)
        assert list_organizations(session, actor, filters=OrganizationFilter()).total == 0
        assert list_organizations(session, actor, filters=OrganizationFilter(archived=True)).total == 1
        archive_organization(session, actor, organization_id=org.id, archived=False)
        assert list_organizations(session, actor, filters=OrganizationFilter()).total == 1


class TestListOrganizations:
    def test_search_and_filters(self, session: Session, actor: Actor) -> None:
        make_organization(session, actor, "华为技术有限公司", country="China")
        make_organization(session, actor, "海关总署", public_sector=True, country="China")
        make_organization(session, actor, "Acme Imports", country="Germany")
        names = lambda f: [o.name for o in list_organizations(session, actor, filters=f).items]  # noqa: E731
        assert names(OrganizationFilter(q="华为")) == ["华为技术有限公司"]
        assert names(OrganizationFilter(q="acme")) == ["Acme Imports"]
        assert names(OrganizationFilter(public_sector=True)) == ["海关总署"]
        assert len(names(OrganizationFilter(country="china"))) == 2

    def test_pages(self, session: Session, actor: Actor) -> None:
        for i in range(5):
            make_organization(session, actor, f"Org {i}")
        page = list_organizations(session, actor, filters=OrganizationFilter(), limit=2, offset=2)
        assert [o.name for o in page.items] == ["Org 2", "Org 3"] and page.total == 5


class TestFindOrganization:
    def test_by_id_or_name(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor, "Acme")
        assert find_organization(session, actor, ref=str(org.id)) is org
        assert find_organization(session, actor, ref="acme") is org
        with pytest.raises(NotFound, match="No organization named"):
            find_organization(session, actor, ref="Nobody Inc")


class TestCreateContact:
    def test_stores_every_field(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor)
        contact = make_contact(
            session, actor, "王建国", name_latin="Wang Jianguo", organization_id=org.id, role="采购总监",
            relationship="partner", public_official=False, phone="+86 138 0013 8000", email="Wang@Example.com",
            wechat="wjg88", address="深圳市龙岗区坂田华为基地", birthday_calendar="lunar", birthday_month=8,
            birthday_day=15,
        )  # fmt: skip
        assert contact.owner_id == actor.user_id
        assert contact.email == "wang@example.com"  # emails compare without case
        assert contact.phone_key == "13800138000"
        assert (contact.birthday_calendar, contact.birthday_month, contact.birthday_day) == ("lunar", 8, 15)

    def test_same_email_is_a_duplicate(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王建国", email="wang@example.com")
        with pytest.raises(Conflict, match=r"duplicate.*email wang@example\.com"):
            make_contact(session, actor, "Jianguo Wang", email="WANG@example.com")

    def test_same_phone_written_differently_is_a_duplicate(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王建国", phone="13800138000")
        with pytest.raises(Conflict, match="phone"):
            make_contact(session, actor, "老王", phone="+86 138-0013-8000")

    def test_same_name_in_same_organization_is_a_duplicate(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor)
        make_contact(session, actor, "王伟", organization_id=org.id)
        with pytest.raises(Conflict, match="same name in the same organization"):
            make_contact(session, actor, "王伟", organization_id=org.id)

    def test_same_name_without_organization_is_a_duplicate(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王伟")
        with pytest.raises(Conflict, match=r"same name and no organization.*tells them apart"):
            make_contact(session, actor, "王伟")

    def test_same_name_in_another_organization_is_another_person(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王伟", organization_id=make_organization(session, actor, "A").id)
        assert make_contact(session, actor, "王伟", organization_id=make_organization(session, actor, "B").id).id

    def test_namesakes_told_apart_by_email_are_two_people(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor)
        make_contact(session, actor, "王伟", organization_id=org.id, email="wangwei1@huawei.com")
        assert make_contact(session, actor, "王伟", organization_id=org.id, email="wangwei2@huawei.com").id

    @pytest.mark.usefixtures("english")
    def test_impossible_birthday_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="day 30 does not exist in month 2"):
            ContactCreate(name="x", birthday_month=2, birthday_day=30)

    def test_unknown_organization_is_invalid(self, session: Session, actor: Actor) -> None:
        with pytest.raises(Invalid, match="No organization with id 42"):
            make_contact(session, actor, organization_id=42)

    @pytest.mark.usefixtures("english")
    def test_bad_email_and_phone_say_what_is_wrong(self) -> None:
        with pytest.raises(ValidationError, match="'not-an-email' is not an email address"):
            ContactCreate(name="x", email="not-an-email")
        with pytest.raises(ValidationError, match="is not a phone number"):
            ContactCreate(name="x", phone="call me")

    def test_a_rep_cannot_give_a_contact_to_another_team(self, session: Session, actor: Actor) -> None:
        rep = _rep(session, actor, "li", team="east")
        other = _rep(session, actor, "wu", team="west")
        with pytest.raises(Forbidden):
            make_contact(session, rep, owner_id=other.user_id)

    def test_records_an_audit_entry(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, email="a@b.cn")
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == contact.id)).one()
        assert entry.action == "create" and entry.after and entry.after["email"] == "a@b.cn"


class TestUpdateContact:
    def test_changes_given_fields_and_clears_nulls(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, phone="13800138000", role="经理")
        update_contact(session, actor, contact_id=contact.id, data=ContactUpdate(role="总监", phone=None))
        assert (contact.role, contact.phone, contact.phone_key) == ("总监", None, None)

    def test_merged_birthday_must_be_possible(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, birthday_month=1, birthday_day=31)
        with pytest.raises(Invalid, match="day 31 does not exist in month 2"):
            update_contact(session, actor, contact_id=contact.id, data=ContactUpdate(birthday_month=2))

    def test_another_teams_book_is_never_revealed(self, session: Session, actor: Actor) -> None:
        for name, team in (("li", "north"), ("zhao", "south"), ("qian", "south")):
            create_user(session, actor, data=UserCreate(username=name, team=team))
        north, south, teammate = (actor_of(find_user(session, actor, ref=n)) for n in ("li", "zhao", "qian"))
        make_contact(session, north, "王建国", email="wang@x.cn", phone="13800138000")
        # Another team may hold the same person: nothing tells them the email or phone is known.
        theirs = make_contact(session, south, "Jianguo Wang", email="WANG@x.cn", phone="+86 138 0013 8000")
        assert theirs.id > 0
        with pytest.raises(Conflict) as caught:
            make_contact(session, teammate, "老王", email="wang@x.cn")
        assert "wang@x.cn" in caught.value.detail and "a colleague's contact" in caught.value.detail

    def test_taking_someone_elses_email_is_a_duplicate(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "A", email="a@x.cn")
        b = make_contact(session, actor, "B", email="b@x.cn")
        with pytest.raises(Conflict):
            update_contact(session, actor, contact_id=b.id, data=ContactUpdate(email="a@x.cn"))

    @pytest.mark.usefixtures("english")
    def test_required_fields_cannot_be_cleared(self) -> None:
        with pytest.raises(ValidationError, match="name cannot be cleared"):
            ContactUpdate(name=None)

    def test_audits_before_and_after_of_changed_fields(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, role="经理")
        update_contact(session, actor, contact_id=contact.id, data=ContactUpdate(role="总监", language="zh"))
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert entry.before == {"role": "经理"} and entry.after == {"role": "总监"}


class TestArchiveContact:
    def test_hidden_from_lists_but_kept(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        archive_contact(session, actor, contact_id=contact.id)
        assert list_contacts(session, actor, filters=ContactFilter()).total == 0
        assert list_contacts(session, actor, filters=ContactFilter(archived=None)).total == 1
        assert get_contact(session, actor, contact_id=contact.id).archived


class TestListContacts:
    @pytest.fixture
    def book(self, session: Session, actor: Actor) -> None:
        org = make_organization(session, actor, "华为")
        make_contact(session, actor, "王建国", name_latin="Wang Jianguo", organization_id=org.id, wechat="wjg88")
        make_contact(session, actor, "John Smith", email="john@acme.com", relationship="prospect")
        make_contact(session, actor, "李局长", public_official=True, phone="010-6512 3456")

    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("建国", ["王建国"]),
            ("wang", ["王建国"]),
            ("WJG", ["王建国"]),
            ("acme", ["John Smith"]),
            ("6512", ["李局长"]),
        ],
    )
    def test_search_in_chinese_english_email_wechat_phone(
        self, session: Session, actor: Actor, book: None, q: str, expected: list[str]
    ) -> None:
        assert [c.name for c in list_contacts(session, actor, filters=ContactFilter(q=q)).items] == expected

    def test_search_folds_case_beyond_ascii_and_finds_phone_digits(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "Jörg Müller", phone="+49 (30) 1234-5678")
        for q in ("MÜLLER", "jörg", "4930123456"):
            assert list_contacts(session, actor, filters=ContactFilter(q=q)).total == 1, q

    def test_search_follows_edits(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, "王建国")
        update_contact(session, actor, contact_id=contact.id, data=ContactUpdate(wechat="tea_lover"))
        assert list_contacts(session, actor, filters=ContactFilter(q="TEA_")).total == 1

    def test_search_treats_percent_literally(self, session: Session, actor: Actor, book: None) -> None:
        assert list_contacts(session, actor, filters=ContactFilter(q="%")).total == 0

    def test_filters(self, session: Session, actor: Actor, book: None) -> None:
        page = list_contacts(session, actor, filters=ContactFilter(public_official=True))
        assert [c.name for c in page.items] == ["李局长"]
        page = list_contacts(session, actor, filters=ContactFilter(relationship="prospect"))
        assert [c.name for c in page.items] == ["John Smith"]
        org = find_organization(session, actor, ref="华为")
        page = list_contacts(session, actor, filters=ContactFilter(organization_id=org.id))
        assert [(c.name, c.organization) for c in page.items] == [("王建国", "华为")]

    def test_a_rep_lists_only_their_own_book(self, session: Session, actor: Actor, book: None) -> None:
        rep = _rep(session, actor, "li")
        make_contact(session, rep, "张三")
        assert [c.name for c in list_contacts(session, rep, filters=ContactFilter()).items] == ["张三"]
        page = list_contacts(session, actor, filters=ContactFilter(owner_id=rep.user_id))
        assert [c.owner for c in page.items] == ["li"]


class TestResolveContact:
    def test_by_id_email_or_unique_name(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor, "王建国", name_latin="Wang Jianguo", email="w@x.cn")
        for ref in (str(contact.id), "W@X.cn", "王建国", "wang jianguo"):
            assert resolve_contact(session, actor, ref=ref) is contact

    def test_two_people_with_one_name_ask_for_the_id(self, session: Session, actor: Actor) -> None:
        make_contact(session, actor, "王伟", phone="13800000001")
        make_contact(session, actor, "王伟", phone="13800000002")
        with pytest.raises(Conflict, match="give the id"):
            resolve_contact(session, actor, ref="王伟")


class TestAddNote:
    def test_keeps_the_text_verbatim_and_dates_it_today(
        self, session: Session, actor: Actor, frozen_clock: date
    ) -> None:
        contact = make_contact(session, actor)
        text = "他说最近在戒糖，女儿下个月结婚。Likes Pu'er tea, no alcohol!"
        note = add_note(session, actor, contact_id=contact.id, data=NoteCreate(text=text, channel="meeting"))
        assert (note.text, note.on, note.channel, note.kind, note.author_id) == (
            text, frozen_clock, "meeting", "note", actor.user_id,
        )  # fmt: skip

    def test_future_date_is_refused(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        with pytest.raises(Invalid, match="in the future"):
            add_note(session, actor, contact_id=contact.id, data=NoteCreate(text="x", on=date(2027, 1, 1)))

    def test_unknown_channel_is_refused(self) -> None:
        with pytest.raises(ValidationError):
            NoteCreate(text="x", channel="pigeon")  # type: ignore[arg-type]

    def test_another_reps_contact_is_not_found(self, session: Session, actor: Actor) -> None:
        contact = make_contact(session, actor)
        rep = _rep(session, actor, "li")
        with pytest.raises(NotFound):
            add_note(session, rep, contact_id=contact.id, data=NoteCreate(text="x"))
        assert session.scalar(select(func.count()).select_from(Contact)) == 1


class TestListNotes:
    def test_newest_first(self, session: Session, actor: Actor, frozen_clock: date) -> None:
        contact = make_contact(session, actor)
        for day in (3, 9, 5):
            add_note(session, actor, contact_id=contact.id, data=NoteCreate(text=f"d{day}", on=date(2026, 11, day)))
        page = list_notes(session, actor, contact_id=contact.id)
        assert [n.text for n in page.items] == ["d9", "d5", "d3"] and page.total == 3
