"""Queries over organizations, contacts and notes (select() style, no writes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, func, or_, select
from sqlalchemy.orm import Session

from giftwise.contacts.duplicates import Candidate
from giftwise.contacts.keys import told_apart
from giftwise.contacts.schemas import ContactFilter, OrganizationFilter
from giftwise.models import Base
from giftwise.models.accounts import User
from giftwise.models.contacts import Contact, Note, Organization


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# ---- organizations ---------------------------------------------------------------------


def organization_by_name(session: Session, name: str) -> Organization | None:
    """The organization whose name equals ``name`` ignoring case, if any."""
    return session.scalars(select(Organization).where(func.lower(Organization.name) == name.lower())).first()


def organization_owner_ids(session: Session, organization_id: int) -> set[int]:
    """The owners of every contact (archived too) at an organization."""
    query = select(Contact.owner_id).where(Contact.organization_id == organization_id).distinct()
    return set(session.scalars(query))


def organization_ids_by_lower_name(session: Session) -> dict[str, int]:
    """Every organization id keyed by its lower-cased name (for imports)."""
    return {name.lower(): oid for oid, name in session.execute(select(Organization.id, Organization.name))}


def contact_names(session: Session, scope: ColumnElement[bool], ids: Iterable[int]) -> dict[int, str]:
    """Names of the contacts among ``ids`` inside ``scope``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Contact.id, Contact.name).where(scope, Contact.id.in_(wanted)))
    return {row[0]: row[1] for row in rows.all()}  # (a Result has keys(), so dict() would read it as a mapping)


def organization_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Names of the organizations with ``ids``."""
    if not ids:
        return {}
    rows = session.execute(select(Organization.id, Organization.name).where(Organization.id.in_(set(ids))))
    return dict(rows.tuples())


def _organization_conditions(filters: OrganizationFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.q:
        conditions.append(Organization.name.ilike(_like(filters.q), escape="\\"))
    if filters.country:
        conditions.append(func.lower(Organization.country) == filters.country.lower())
    if filters.industry:
        conditions.append(Organization.industry.ilike(_like(filters.industry), escape="\\"))
    if filters.public_sector is not None:
        conditions.append(Organization.public_sector.is_(filters.public_sector))
    if filters.archived is not None:
        conditions.append(Organization.archived.is_(filters.archived))
    return conditions


def list_organizations(
    session: Session, filters: OrganizationFilter, *, limit: int, offset: int
) -> tuple[list[Organization], int]:
    """One page of organizations matching ``filters`` ordered by name, and the total that matched."""
    conditions = _organization_conditions(filters)
    page = select(Organization).where(*conditions).order_by(Organization.name, Organization.id)
    items = list(session.scalars(page.limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(Organization).where(*conditions)) or 0
    return items, total


# ---- contacts --------------------------------------------------------------------------


def contact_conditions(scope: ColumnElement[bool], filters: ContactFilter) -> list[ColumnElement[bool]]:
    """WHERE conditions for a contact list within the actor's ``scope``."""
    conditions: list[ColumnElement[bool]] = [scope]
    if filters.q and filters.q.strip():
        conditions.append(Contact.search_text.contains(filters.q.strip().lower(), autoescape=True))
    if filters.organization_id is not None:
        conditions.append(Contact.organization_id == filters.organization_id)
    if filters.relationship is not None:
        conditions.append(Contact.relationship == filters.relationship)
    if filters.owner_id is not None:
        conditions.append(Contact.owner_id == filters.owner_id)
    if filters.public_official is not None:
        conditions.append(Contact.public_official.is_(filters.public_official))
    if filters.archived is not None:
        conditions.append(Contact.archived.is_(filters.archived))
    return conditions


def contact_page_query(conditions: Sequence[ColumnElement[bool]]) -> Select[Contact, str | None, str]:
    """Contacts matching ``conditions`` with organization name and owner username, by name."""
    return (
        select(Contact, Organization.name, User.username)
        .join(User, User.id == Contact.owner_id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(*conditions)
        .order_by(Contact.name, Contact.id)
    )


def list_contacts(
    session: Session, conditions: Sequence[ColumnElement[bool]], *, limit: int, offset: int, searching: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """One page of contacts as plain column dicts (with ``organization`` and ``owner`` names),
    and the total that matched; plain rows skip building ORM objects a list only shows."""
    columns = [c for c in Contact.__table__.columns if c.key != "search_text"]
    # A search matches few rows: scan the table and sort the matches. Ordering by the bare column
    # would make SQLite walk the name index and fetch every row out of order (6x slower).
    by_name = Contact.name.concat("") if searching else Contact.name
    query = (
        select(*columns, Organization.name.label("organization"), User.username.label("owner"))
        .join(User, User.id == Contact.owner_id)
        .outerjoin(Organization, Organization.id == Contact.organization_id)
        .where(*conditions)
        .order_by(by_name, Contact.id)
    )
    result = session.execute(query.limit(limit).offset(offset))
    keys = list(result.keys())
    rows = [dict(zip(keys, row, strict=True)) for row in result]
    total = session.scalar(select(func.count()).select_from(Contact).where(*conditions)) or 0
    return rows, total


def iter_contacts(
    session: Session, conditions: Sequence[ColumnElement[bool]], *, batch: int = 2000
) -> Iterator[Row[Contact, str | None, str]]:
    """Every matching (contact, organization name, owner username), streamed in batches (exports)."""
    result = session.execute(contact_page_query(conditions).execution_options(yield_per=batch))
    yield from result


def contact_labels(session: Session, contact: Contact) -> tuple[str | None, str | None]:
    """The organization name and owner username shown next to ``contact``."""
    org = session.get(Organization, contact.organization_id) if contact.organization_id else None
    owner = session.get(User, contact.owner_id)
    return (org.name if org else None), (owner.username if owner else None)


def duplicate_of(
    session: Session,
    *,
    email: str | None,
    phone_key: str | None,
    name: str,
    organization_id: int | None,
    owner_ids: Sequence[int],
    exclude_id: int | None = None,
) -> tuple[Contact, str] | None:
    """An existing contact of ``owner_ids`` that is the same person: same email, same phone, or same
    name in the same organization (or both without one) when no email or phone tells them apart."""
    others = [Contact.owner_id.in_(owner_ids)] + ([] if exclude_id is None else [Contact.id != exclude_id])
    for reason, value, column in (("email", email, Contact.email), ("phone", phone_key, Contact.phone_key)):
        if value:
            found = session.scalars(select(Contact).where(column == value, *others).limit(1)).first()
            if found is not None:
                return found, reason
    same_org = (
        Contact.organization_id.is_(None) if organization_id is None else Contact.organization_id == organization_id
    )
    namesakes = session.scalars(select(Contact).where(Contact.name == name, same_org, *others).order_by(Contact.id))
    for namesake in namesakes:
        if not told_apart(email, phone_key, namesake.email, namesake.phone_key):
            return namesake, "name"
    return None


def contact_keys(
    session: Session, owner_ids: Sequence[int]
) -> Iterator[Row[int, str | None, str | None, str, int | None, int]]:
    """(id, email, phone_key, name, organization_id, owner_id) of every contact of ``owner_ids`` (for imports)."""
    query = select(
        Contact.id, Contact.email, Contact.phone_key, Contact.name, Contact.organization_id, Contact.owner_id
    ).where(Contact.owner_id.in_(owner_ids))
    yield from session.execute(query.execution_options(yield_per=5000))


def contacts_by_ids(session: Session, ids: Sequence[int]) -> list[Contact]:
    """The contacts with ``ids`` (any order)."""
    if not ids:
        return []
    return list(session.scalars(select(Contact).where(Contact.id.in_(ids))))


def contacts_named(session: Session, scope: ColumnElement[bool], name: str) -> list[Contact]:
    """Visible contacts whose name or Latin name is exactly ``name`` (ignoring case for Latin)."""
    condition = or_(Contact.name == name, func.lower(Contact.name_latin) == name.lower())
    return list(session.scalars(select(Contact).where(scope, condition).order_by(Contact.id).limit(20)))


def contact_by_email(session: Session, scope: ColumnElement[bool], email: str) -> Contact | None:
    """The visible contact with ``email``, if any."""
    return session.scalars(select(Contact).where(scope, Contact.email == email.lower())).first()


# ---- notes -----------------------------------------------------------------------------


def list_notes(session: Session, contact_id: int, *, limit: int, offset: int) -> tuple[list[Note], int]:
    """One page of a contact's notes, newest first, and how many there are."""
    query = select(Note).where(Note.contact_id == contact_id).order_by(Note.on.desc(), Note.id.desc())
    items = list(session.scalars(query.limit(limit).offset(offset)))
    total = session.scalar(select(func.count()).select_from(Note).where(Note.contact_id == contact_id)) or 0
    return items, total


def count_rows(session: Session, model: Any, *conditions: ColumnElement[bool]) -> int:
    """How many rows of ``model`` match ``conditions``."""
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


# ---- duplicates and merging ------------------------------------------------------------


def duplicate_candidates(session: Session, scope: ColumnElement[bool]) -> list[Candidate]:
    """What every visible, unarchived contact is compared by when looking for duplicates."""
    query = select(Contact.id, Contact.name, Contact.name_latin, Contact.organization_id, Contact.email,
                   Contact.phone_key).where(scope, Contact.archived.is_(False)).order_by(Contact.id)
    return [Candidate(*row) for row in session.execute(query)]


def rows_naming_contact() -> list[tuple[Table, str]]:
    """(table, column) of every foreign key to a contact, found from the schema so a table added later
    is covered (like privacy's export and erasure)."""
    return [(table, fk.parent.name) for table in Base.metadata.sorted_tables if table.name != "contacts"
            for fk in table.foreign_keys if fk.column.table.name == "contacts" and fk.column.name == "id"]

