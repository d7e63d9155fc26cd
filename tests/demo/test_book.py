"""The demo book as data: big enough, bilingual, realistic, and the same for the same seed."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from importlib import resources

import pytest

from giftwise.catalog.service import read_portable_catalog
from giftwise.contacts.schemas import ContactCreate, NoteCreate
from giftwise.demo.book import DEMO_SEED, DemoBook, build_demo_book
from giftwise.demo.data import demo_data

TODAY = date(2026, 11, 20)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def book() -> DemoBook:
    """The standard demo book as of the tests' fixed day."""
    return build_demo_book(DEMO_SEED, TODAY)


def _notes(book: DemoBook) -> list[str]:
    return [note.text for contact in book.contacts for note in contact.notes]


class TestBuildDemoBook:
    def test_is_big_enough(self, book: DemoBook) -> None:
        assert len(book.contacts) >= 150 and len(book.organizations) >= 30 and book.note_count >= 300
        with_org = Counter(contact.organization for contact in book.contacts if contact.organization)
        assert len(with_org) >= 30

    def test_same_seed_same_book(self, book: DemoBook) -> None:
        assert build_demo_book(DEMO_SEED, TODAY) == book

    def test_another_seed_another_book(self, book: DemoBook) -> None:
        other = build_demo_book(DEMO_SEED + 1, TODAY)
        assert [c.fields["name"] for c in other.contacts] != [c.fields["name"] for c in book.contacts]

    def test_both_languages(self, book: DemoBook) -> None:
        languages = Counter(contact.fields["language"] for contact in book.contacts)
        assert languages["zh"] >= 50 and languages["en"] >= 20
        notes = _notes(book)
        assert sum(1 for text in notes if not CJK.search(text)) >= 50
        mixed = [text for text in notes if CJK.search(text) and re.search(r"[A-Za-z]{4,}", text)]
        assert len(mixed) >= 30, "account managers mix English words into Chinese notes"

    def test_public_officials_work_in_the_public_sector(self, book: DemoBook) -> None:
        public = {org.name for org in book.organizations if org.public_sector}
        officials = [c for c in book.contacts if c.fields["public_official"]]
        assert len(officials) >= 10 and {c.organization for c in officials} == public
        assert any("海关" in name for name in public)

    def test_kinds_of_organization(self, book: DemoBook) -> None:
        assert any(org.country == "US" and "Cosmetics" in org.name for org in book.organizations)
        assert sum(org.state_owned for org in book.organizations) >= 3
        consumers = [c for c in book.contacts if c.organization is None]
        assert len(consumers) >= 10 and {c.fields["relationship"] for c in consumers} == {"customer"}

    @pytest.mark.parametrize(
        "pattern",
        ["不喝酒|滴酒不沾", "quit golf|不打高尔夫", "过敏|allergy", "清真|halal", "糖尿病|diabetes",
         "怀孕|pregnant|expecting", "感冒|cold", "宝宝|baby", "结婚|married|wedding", "手机|phone", "减肥|diet",
         "腰|back", "升职|promot",
         "搬|mov", "猫|狗|cat|dog", "堆满柜子", "供应商送|competitor sent|another vendor|Another supplier"],
    )  # fmt: skip
    def test_notes_speak_of_real_situations(self, book: DemoBook, pattern: str) -> None:
        assert any(re.search(pattern, text) for text in _notes(book)), pattern

    def test_birthdays_lunar_and_partial(self, book: DemoBook) -> None:
        fields = [c.fields for c in book.contacts if c.fields.get("birthday_month")]
        assert any(f["birthday_calendar"] == "lunar" for f in fields)
        assert any(f["birthday_year"] is None for f in fields)
        assert any(f["birthday_year"] is not None for f in fields)

    def test_every_contact_and_note_passes_the_contacts_rules(self, book: DemoBook) -> None:
        for contact in book.contacts:
            ContactCreate.model_validate(contact.fields)
            for note in contact.notes:
                values = {"text": note.text, "on": note.on, "channel": note.channel, "kind": note.kind}
                NoteCreate.model_validate(values)
                assert note.on <= TODAY

    def test_the_team_has_a_manager_and_two_reps(self, book: DemoBook) -> None:
        assert Counter(user.role for user in book.users) == {"manager": 1, "rep": 2}
        owners = Counter(contact.owner for contact in book.contacts)
        assert set(owners) == {user.username for user in book.users} | {None}
        assert all(count >= 15 for count in owners.values())

    def test_one_account_one_owner(self, book: DemoBook) -> None:
        owners: dict[str, set[str | None]] = {}
        for contact in book.contacts:
            if contact.organization:
                owners.setdefault(contact.organization, set()).add(contact.owner)
        assert all(len(names) == 1 for names in owners.values())

    def test_contacts_are_unique_by_the_duplicate_rule(self, book: DemoBook) -> None:
        phones = [c.fields["phone"] for c in book.contacts]
        emails = [c.fields["email"] for c in book.contacts if c.fields["email"]]
        names = [(c.organization, c.fields["name"]) for c in book.contacts]
        assert len(set(phones)) == len(phones) and len(set(emails)) == len(emails) and len(set(names)) == len(names)


@pytest.fixture(scope="module")
def extra() -> list[dict[str, object]]:
    """The demo's own catalog items, checked by the catalog's rules."""
    content = (resources.files("giftwise") / "data" / "demo" / "catalog_extra.json").read_bytes()
    return read_portable_catalog("catalog_extra.json", content)


class TestDemoCatalog:
    def test_forty_plus_bilingual_items_of_our_own(self, extra: list[dict[str, object]]) -> None:
        shared = {item["id"] for item in demo_shared()}
        assert len(extra) >= 40 and not shared & {item["id"] for item in extra}
        assert all(item["name"]["en"] and item["name"]["zh"] for item in extra)  # type: ignore[index]

    def test_restricted_contents_are_tagged(self, extra: list[dict[str, object]]) -> None:
        tags = Counter(tag for item in extra for tag in item["tags"])  # type: ignore[attr-defined]
        assert all(tags[tag] >= 2 for tag in ("alcohol", "nuts", "pork", "sugar")) and tags["halal"] >= 1

    def test_stories_and_tips(self, extra: list[dict[str, object]]) -> None:
        assert sum("story_prompt" in item for item in extra) >= 10
        assert sum("usage_tip" in item for item in extra) >= 20
        assert any("orchard" in str(item.get("story_prompt", "")) or "果园" in str(item["name"]) for item in extra)


def demo_shared() -> list[dict[str, object]]:
    """The shared catalog shipped for the demo."""
    content = (resources.files("giftwise") / "data" / "catalog" / "catalog.json").read_bytes()
    return read_portable_catalog("catalog.json", content)


def test_data_files_parse() -> None:
    for name in ("names", "organizations", "notes"):
        assert demo_data(name)
