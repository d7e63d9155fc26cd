"""Property: whatever the book holds, exporting it and importing the file gives the same contacts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from giftwise.contacts.birthdays import birthday_problem
from giftwise.contacts.exports import contact_row
from giftwise.contacts.files_service import export_contacts, import_contacts
from giftwise.contacts.schemas import ContactCreate, ContactFilter, OrganizationCreate
from giftwise.contacts.service import create_contact, create_organization
from giftwise.core.actor import Actor
from giftwise.models.accounts import User
from giftwise.models.contacts import Contact, Organization

ORGANIZATIONS = [None, "华为技术有限公司", "Acme, Inc.", "O'Brien & Sons; Ltd", '"Quoted" GmbH']
_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")), min_size=1, max_size=24
).map(str.strip)
words = _text.filter(bool)
optional_words = st.one_of(st.none(), words)
addresses = st.one_of(st.none(), st.lists(words, min_size=1, max_size=3).map("\n".join))


@st.composite
def contacts(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """One valid contact whose email, phone and name are unique to ``index``."""
    cal = draw(st.sampled_from(["solar", "lunar"]))
    year = draw(st.one_of(st.none(), st.integers(1900, 2100)))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = draw(st.one_of(st.none(), st.integers(1, 31))) if month else None
    if birthday_problem(cal, year, month, day):
        day = None
    phone_prefix = draw(st.sampled_from(["", "+86 ", "0086-"]))
    return {
        "name": f"{draw(words)} {index}",
        "name_latin": draw(optional_words),
        "organization": draw(st.sampled_from(ORGANIZATIONS)),
        "role": draw(optional_words),
        "language": draw(st.sampled_from(["zh", "en"])),
        "relationship": draw(st.sampled_from(["client", "prospect", "partner", "customer"])),
        "public_official": draw(st.booleans()),
        "phone": draw(st.sampled_from([None, f"{phone_prefix}139 {index:04d} 5678"])),
        "email": draw(st.sampled_from([None, f"Person.{index}@Example.cn"])),
        "wechat": draw(st.one_of(st.none(), st.from_regex(r"[a-zA-Z][-_a-zA-Z0-9]{5,19}", fullmatch=True))),
        "address": draw(addresses),
        "birthday_calendar": cal,
        "birthday_year": year,
        "birthday_month": month,
        "birthday_day": day,
        "relationship_since": draw(st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2026, 11, 20)))),
        "touch_cadence_days": draw(st.one_of(st.none(), st.integers(1, 365))),
        "visit_cadence_days": draw(st.one_of(st.none(), st.integers(1, 365))),
    }


books = st.integers(1, 6).flatmap(lambda n: st.tuples(*[contacts(i) for i in range(n)]))


def _store(session: Session, actor: Actor, book: tuple[dict[str, Any], ...]) -> None:
    organizations: dict[str, int] = {}
    for values in book:
        fields = dict(values)
        org = fields.pop("organization")
        if org is not None and org not in organizations:
            organizations[org] = create_organization(session, actor, data=OrganizationCreate(name=org)).id
        fields["organization_id"] = organizations.get(org) if org else None
        create_contact(session, actor, data=ContactCreate(**fields))


def _rows(session: Session) -> list[dict[str, str]]:
    query = (
        select(Contact, Organization.name, User.username)
        .join(User, User.id == Contact.owner_id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
    )
    return sorted((contact_row(c, o, u) for c, o, u in session.execute(query)), key=lambda r: r["name"])


def _wipe(session: Session) -> None:
    session.execute(delete(Contact))
    session.execute(delete(Organization))
    session.flush()
    session.expunge_all()


@pytest.mark.parametrize(("fmt", "version"), [("csv", "4.0"), ("xlsx", "4.0"), ("vcf", "3.0"), ("vcf", "4.0")])
class TestExportImportProperty:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(book=books)
    def test_export_then_import_yields_the_same_contacts(
        self, session: Session, actor: Actor, fmt: str, version: str, book: tuple[dict[str, Any], ...]
    ) -> None:
        _wipe(session)
        _store(session, actor, book)
        before = _rows(session)
        exported = export_contacts(session, actor, file_format=fmt, filters=ContactFilter(), vcard_version=version)
        _wipe(session)
        report = import_contacts(session, actor, content=exported.content, filename=f"book.{fmt}")
        assert report.rejected == [] and report.created == len(book)
        assert _rows(session) == before
        again = import_contacts(session, actor, content=exported.content, filename=f"book.{fmt}")
        assert (again.created, again.updated, again.unchanged) == (0, 0, len(book))
