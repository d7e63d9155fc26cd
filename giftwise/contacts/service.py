"""The contacts domain's rules: organizations, contacts (no duplicates, valid birthdays), notes.

Duplicate rule: two contacts are the same person when they share an email (ignoring case), a
phone number (digits only, without the 86 prefix), or the same name in the same organization
(or both without one) while no differing email or phone tells them apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from giftwise.accounts.service import (
    assignable_owner,
    contact_scope,
    record_audit,
    same_book_owner_ids,
    visible_contact,
    visible_owner_ids,
)
from giftwise.contacts import repository
from giftwise.contacts.birthdays import birthday_problem
from giftwise.contacts.duplicates import likely_pairs
from giftwise.contacts.keys import phone_key, search_text
from giftwise.contacts.schemas import (
    ContactCreate,
    ContactFilter,
    ContactRead,
    ContactUpdate,
    DuplicatePair,
    MergeReport,
    NoteCreate,
    NoteRead,
    OrganizationCreate,
    OrganizationFilter,
    OrganizationRead,
    OrganizationUpdate,
)
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Forbidden, Invalid, NotFound
from giftwise.core.i18n import Message
from giftwise.core.schemas import Page, page_of
from giftwise.models.contacts import Contact, Note, Organization

# Columns an audit entry records for a contact (personal data; erased with the contact).
AUDITED_FIELDS = (
    "name", "name_latin", "organization_id", "role", "language", "relationship", "public_official",
    "owner_id", "phone", "email", "wechat", "address", "birthday_calendar", "birthday_year",
    "birthday_month", "birthday_day", "relationship_since", "touch_cadence_days", "visit_cadence_days", "archived",
)  # fmt: skip


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def contact_snapshot(contact: Contact) -> dict[str, Any]:
    """The audited fields of ``contact`` as JSON-ready values."""
    return {name: _plain(getattr(contact, name)) for name in AUDITED_FIELDS}


# ---- organizations ---------------------------------------------------------------------


def _check_organization_name(session: Session, name: str, exclude_id: int | None = None) -> None:
    existing = repository.organization_by_name(session, name)
    if existing is not None and existing.id != exclude_id:
        raise Conflict(
            "contacts.organization_named_already_exists", name=existing.name, id=existing.id,
            field="name",
        )


def create_organization(session: Session, actor: Actor, *, data: OrganizationCreate) -> Organization:
    """Add an organization; Conflict if one with the same name (ignoring case) exists."""
    _ = actor  # organizations are shared by everyone; kept for a uniform signature
    _check_organization_name(session, data.name)
    organization = Organization(**data.model_dump())
    session.add(organization)
    session.flush()
    return organization


def organization_named(session: Session, actor: Actor, *, name: str) -> tuple[Organization, bool]:
    """The organization called ``name`` (ignoring case), added when there is none: (it, whether it was added).

    Two imports naming the same new company at once both get the one organization: on PostgreSQL
    the second insert waits for the first transaction and then meets the unique name, so it is tried
    inside a savepoint and, when it loses, the winner's row (committed by then) is used instead.
    """
    existing = repository.organization_by_name(session, name)
    if existing is not None:
        return existing, False
    try:
        with session.begin_nested():
            return create_organization(session, actor, data=OrganizationCreate(name=name)), True
    except (IntegrityError, Conflict):
        winner = repository.organization_by_name(session, name)
        if winner is None:
            raise
        return winner, False


def get_organization(session: Session, actor: Actor, *, organization_id: int) -> Organization:
    """The organization with ``organization_id``; NotFound otherwise."""
    _ = actor
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("contacts.organization_id_list_them", organization_id=organization_id)
    return organization


def find_organization(session: Session, actor: Actor, *, ref: str) -> Organization:
    """The organization named by ``ref``: its id, or its exact name (ignoring case)."""
    text = ref.strip()
    if text.isdigit():
        return get_organization(session, actor, organization_id=int(text))
    organization = repository.organization_by_name(session, text)
    if organization is None:
        raise NotFound("contacts.organization_named_add_giftwise", text=text)
    return organization


def _changeable_organization(session: Session, actor: Actor, organization_id: int) -> Organization:
    """The organization, if ``actor`` may change it: an admin always; anyone else only when every contact
    there is in the book they may see (a rep cannot rename or hide another team's client company)."""
    organization = get_organization(session, actor, organization_id=organization_id)
    owners = visible_owner_ids(session, actor)
    if owners is not None and not repository.organization_owner_ids(session, organization.id) <= set(owners):
        raise Forbidden("contacts.organization_not_yours", name=organization.name)
    return organization


def update_organization(
    session: Session, actor: Actor, *, organization_id: int, data: OrganizationUpdate
) -> Organization:
    """Change the given fields of an organization; Conflict if the new name is taken, Forbidden when
    it holds contacts of a book ``actor`` may not see."""
    organization = _changeable_organization(session, actor, organization_id)
    changes = data.model_dump(exclude_unset=True)
    for name in ("name", "public_sector", "state_owned", "tender_open"):
        if name in changes and changes[name] is None:
            raise Invalid("contacts.cleared_give_value_leave", name=name, field=name)
    if "name" in changes:
        _check_organization_name(session, changes["name"], exclude_id=organization.id)
    for name, value in changes.items():
        setattr(organization, name, value)
    session.flush()
    return organization


def archive_organization(
    session: Session, actor: Actor, *, organization_id: int, archived: bool = True
) -> Organization:
    """Hide an organization from default lists (or bring it back); its contacts are kept. Forbidden when
    it holds contacts of a book ``actor`` may not see."""
    organization = _changeable_organization(session, actor, organization_id)
    organization.archived = archived
    session.flush()
    return organization


def list_organizations(
    session: Session, actor: Actor, *, filters: OrganizationFilter, limit: int = 50, offset: int = 0
) -> Page[OrganizationRead]:
    """One page of organizations matching ``filters``, by name."""
    _ = actor
    items, total = repository.list_organizations(session, filters, limit=limit, offset=offset)
    return page_of(OrganizationRead, items, total=total, limit=limit, offset=offset)


# ---- contacts --------------------------------------------------------------------------


def _check_organization_exists(session: Session, organization_id: int | None) -> None:
    if organization_id is not None and session.get(Organization, organization_id) is None:
        raise Invalid(
            "contacts.organization_id_add_first", organization_id=organization_id,
            field="organization_id",
        )


def _check_duplicate(session: Session, actor: Actor, contact: Contact, exclude_id: int | None = None) -> None:
    found = repository.duplicate_of(
        session,
        email=contact.email,
        phone_key=contact.phone_key,
        name=contact.name,
        organization_id=contact.organization_id,
        owner_ids=same_book_owner_ids(session, contact.owner_id),
        exclude_id=exclude_id,
    )
    if found is None:
        return
    other, reason = found
    owners = visible_owner_ids(session, actor)
    visible = owners is None or other.owner_id in owners
    who = Message.of("contacts.duplicate_who", id=other.id, name=other.name) if visible else Message.of(
        "contacts.duplicate_colleague"
    )
    what = {
        "email": Message.of("contacts.duplicate_email", email=other.email),
        "phone": Message.of("contacts.duplicate_phone", phone=other.phone),
        "name": Message.of("contacts.duplicate_name_org" if other.organization_id else "contacts.duplicate_name"),
    }[reason]
    hint = Message.of("contacts.duplicate_hint_name" if reason == "name" else "contacts.duplicate_hint")
    raise Conflict("contacts.duplicate_already", who=who, what=what, hint=hint, field=reason)


def refresh_keys(contact: Contact) -> None:
    """Recompute the columns derived from a contact's fields (phone key, search text)."""
    contact.phone_key = phone_key(contact.phone)
    contact.search_text = search_text(contact.name, contact.name_latin, contact.email, contact.wechat, contact.phone)


def _check_birthday(contact: Contact) -> None:
    problem = birthday_problem(
        contact.birthday_calendar, contact.birthday_year, contact.birthday_month, contact.birthday_day
    )
    if problem:
        raise Invalid("contacts.birthday_valid_date", problem=problem, field="birthday")


def create_contact(session: Session, actor: Actor, *, data: ContactCreate) -> Contact:
    """Add a contact to the actor's book (or a teammate's); Conflict when it duplicates someone."""
    values = data.model_dump()
    values["owner_id"] = assignable_owner(session, actor, data.owner_id)
    _check_organization_exists(session, data.organization_id)
    contact = Contact(**values, phone_key=phone_key(data.phone), archived=False)
    refresh_keys(contact)
    _check_duplicate(session, actor, contact)
    session.add(contact)
    session.flush()
    snapshot = contact_snapshot(contact)
    record_audit(session, actor, action="create", entity="contact", entity_id=contact.id, after=snapshot)
    return contact


def get_contact(session: Session, actor: Actor, *, contact_id: int) -> Contact:
    """The contact with ``contact_id`` if the actor may see it; NotFound otherwise."""
    return visible_contact(session, actor, contact_id)


def contact_names(session: Session, actor: Actor, *, contact_ids: Iterable[int]) -> dict[int, str]:
    """The names of the contacts among ``contact_ids`` that ``actor`` may see (the others are left out), in one
    read."""
    return repository.contact_names(session, contact_scope(session, actor), contact_ids)


def resolve_contact(session: Session, actor: Actor, *, ref: str) -> Contact:
    """The visible contact named by ``ref``: an id, an email, or a unique name (Chinese or Latin)."""
    text = ref.strip()
    if text.isdigit():
        return visible_contact(session, actor, int(text))
    scope = contact_scope(session, actor)
    if "@" in text:
        found = repository.contact_by_email(session, scope, text)
        if found is None:
            raise NotFound("contacts.contact_email", text=text)
        return found
    matches = repository.contacts_named(session, scope, text)
    if not matches:
        raise NotFound("contacts.contact_named_search_giftwise", text=text)
    if len(matches) > 1:
        ids = ", ".join(f"#{c.id}" for c in matches)
        raise Conflict("contacts.several_contacts_named_give", text=text, ids=ids)
    return matches[0]


def contact_read(session: Session, contact: Contact) -> ContactRead:
    """``contact`` as shown to users, with its organization name and owner username."""
    organization, owner = repository.contact_labels(session, contact)
    return ContactRead.model_validate(contact).model_copy(update={"organization": organization, "owner": owner})


def update_contact(session: Session, actor: Actor, *, contact_id: int, data: ContactUpdate) -> Contact:
    """Change the given fields of a visible contact; the result must stay valid and unique."""
    contact = visible_contact(session, actor, contact_id)
    changes = data.model_dump(exclude_unset=True)
    if "owner_id" in changes:
        changes["owner_id"] = assignable_owner(session, actor, changes["owner_id"])
    if "organization_id" in changes:
        _check_organization_exists(session, changes["organization_id"])
    before = contact_snapshot(contact)
    with session.no_autoflush:
        for name, value in changes.items():
            setattr(contact, name, value)
        refresh_keys(contact)
        _check_birthday(contact)
        _check_duplicate(session, actor, contact, exclude_id=contact.id)
    after = contact_snapshot(contact)
    changed = [name for name in AUDITED_FIELDS if before[name] != after[name]]
    session.flush()
    if changed:
        record_audit(
            session, actor, action="update", entity="contact", entity_id=contact.id,
            before={n: before[n] for n in changed}, after={n: after[n] for n in changed},
        )  # fmt: skip
    return contact


def archive_contact(session: Session, actor: Actor, *, contact_id: int, archived: bool = True) -> Contact:
    """Hide a contact from default lists and agendas (or bring it back); nothing is deleted."""
    contact = visible_contact(session, actor, contact_id)
    if contact.archived != archived:
        contact.archived = archived
        session.flush()
        action = "archive" if archived else "restore"
        record_audit(session, actor, action=action, entity="contact", entity_id=contact.id)
    return contact


def list_contacts(
    session: Session, actor: Actor, *, filters: ContactFilter, limit: int = 50, offset: int = 0
) -> Page[ContactRead]:
    """One page of the contacts the actor may see that match ``filters``, by name."""
    conditions = repository.contact_conditions(contact_scope(session, actor), filters)
    searching = bool(filters.q and filters.q.strip())
    rows, total = repository.list_contacts(session, conditions, limit=limit, offset=offset, searching=searching)
    return page_of(ContactRead, rows, total=total, limit=limit, offset=offset)


# ---- notes -----------------------------------------------------------------------------


def add_note(session: Session, actor: Actor, *, contact_id: int, data: NoteCreate) -> Note:
    """Keep a dated note about a visible contact, verbatim; it is never edited afterwards."""
    visible_contact(session, actor, contact_id)
    on = data.on or clock.today()
    if on > clock.today():
        raise Invalid("contacts.note_dated_which_future", on=on, field="on")
    note = Note(
        contact_id=contact_id, on=on, channel=data.channel, kind=data.kind, text=data.text, author_id=actor.user_id
    )
    session.add(note)
    session.flush()
    return note


def list_notes(session: Session, actor: Actor, *, contact_id: int, limit: int = 50, offset: int = 0) -> Page[NoteRead]:
    """One page of a visible contact's notes, newest first."""
    visible_contact(session, actor, contact_id)
    items, total = repository.list_notes(session, contact_id, limit=limit, offset=offset)
    return page_of(NoteRead, items, total=total, limit=limit, offset=offset)


# ---- duplicates ------------------------------------------------------------------------

# Fields a merge copies from the folded contact when the kept one has none (never overwriting).
FILLED_ON_MERGE = (
    "name_latin", "organization_id", "role", "phone", "email", "wechat", "address", "birthday_year",
    "birthday_month", "birthday_day", "relationship_since", "touch_cadence_days", "visit_cadence_days",
)


def likely_duplicates(session: Session, actor: Actor, *, limit: int = 100) -> list[DuplicatePair]:
    """Pairs of visible contacts that are likely the same person (``contacts.duplicates``), up to ``limit``."""
    pairs = likely_pairs(repository.duplicate_candidates(session, contact_scope(session, actor)))[:limit]
    ids = sorted({cid for a, b, _ in pairs for cid in (a, b)})
    shown = {c.id: contact_read(session, c) for c in repository.contacts_by_ids(session, ids)}
    return [DuplicatePair(first=shown[a], second=shown[b], reasons=list(why)) for a, b, why in pairs]


def mergeable(session: Session, actor: Actor, *, keep_id: int, drop_id: int) -> tuple[Contact, Contact]:
    """The two contacts of a merge (kept, folded), if ``actor`` may merge them: a manager (an admin too) or
    the owner of both; Forbidden otherwise, NotFound for a contact they cannot see, Invalid for one twice."""
    if keep_id == drop_id:
        raise Invalid("contacts.merge_same", field="drop")
    kept = visible_contact(session, actor, keep_id)
    dropped = visible_contact(session, actor, drop_id)
    if actor.role.value not in ("manager", "admin") and {kept.owner_id, dropped.owner_id} != {actor.user_id}:
        raise Forbidden("contacts.merge_owner_or_manager")
    return kept, dropped


def merge_contacts(session: Session, actor: Actor, *, keep_id: int, drop_id: int) -> MergeReport:
    """Fold contact ``drop_id`` into ``keep_id``: its notes, facts, gifts, touches and every other row that
    names it move to the kept contact, its details fill the kept one's blanks, and it is deleted; audited.

    Only a manager (an admin too) or the owner of both contacts may merge them.
    """
    kept, dropped = mergeable(session, actor, keep_id=keep_id, drop_id=drop_id)
    before = {"kept": contact_snapshot(kept), "dropped": {"id": dropped.id, **contact_snapshot(dropped)}}
    session.flush()
    moved = _repoint(session, from_id=dropped.id, to_id=kept.id)
    filled = [name for name in FILLED_ON_MERGE if getattr(kept, name) is None and getattr(dropped, name) is not None]
    values = {name: getattr(dropped, name) for name in filled}
    if "birthday_month" in filled:
        values["birthday_calendar"] = dropped.birthday_calendar
    session.execute(delete(Contact).where(Contact.id == dropped.id), execution_options={"synchronize_session": False})
    session.expunge(dropped)
    session.expire_all()  # rows moved under the ORM's feet
    for name, value in values.items():
        setattr(kept, name, value)
    refresh_keys(kept)
    session.flush()
    record_audit(session, actor, action="merge", entity="contact", entity_id=kept.id, before=before,
                 after={"kept": contact_snapshot(kept), "moved": moved, "dropped_id": drop_id})
    return MergeReport(kept_id=kept.id, dropped_id=drop_id, moved=moved, filled=filled)


def _repoint(session: Session, *, from_id: int, to_id: int) -> dict[str, int]:
    """Make every row that names contact ``from_id`` name ``to_id``; how many moved, by table.

    A row that would repeat one ``to_id`` already has under a unique constraint (the same campaign's
    target twice) is dropped rather than moved: the kept contact's own row stands.
    """
    moved: dict[str, int] = {}
    for table, column in repository.rows_naming_contact():
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint) and column in constraint.columns:
                kept = table.alias("kept")
                same = [kept.c[c.name] == table.c[c.name] for c in constraint.columns if c.name != column]
                clash = select(kept.c[column]).where(kept.c[column] == to_id, *same).exists()
                session.execute(delete(table).where(table.c[column] == from_id, clash))
        result = session.execute(update(table).where(table.c[column] == from_id).values({column: to_id}))
        if count := getattr(result, "rowcount", 0) or 0:
            moved[table.name] = count
    return moved
