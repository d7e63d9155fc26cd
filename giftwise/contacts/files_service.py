"""Contact files in the database: import (CSV, XLSX or vCard, in one transaction) and export.

An import is idempotent: each row is matched to a stored contact by its natural key (email,
else phone, else name within the organization); a matched contact gets the row's non-empty
cells, an unmatched row becomes a new contact, and a row equal to what is stored changes
nothing. It is all-or-nothing: if any row is rejected nothing is written (unless the caller
asks to skip invalid rows), and any other failure rolls the whole file back. Reading a row
into contact fields is ``contacts.imports``; an exported row's columns are ``contacts.exports``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert
from sqlalchemy.orm import Session

from giftwise.accounts import repository as accounts_repository
from giftwise.accounts.service import (
    assignable_owner,
    contact_scope,
    record_audit,
    same_book_owner_ids,
    visible_owner_ids,
)
from giftwise.contacts import repository
from giftwise.contacts.exports import ExportedFile, contact_row, exported_file
from giftwise.contacts.imports import RowRejected, read_source, row_values
from giftwise.contacts.keys import phone_key, search_text, told_apart
from giftwise.contacts.schemas import (
    ContactCreate,
    ContactFilter,
    ImportReport,
    RejectedRow,
)
from giftwise.contacts.service import AUDITED_FIELDS, contact_snapshot, organization_named, refresh_keys
from giftwise.core.actor import Actor
from giftwise.core.errors import GiftwiseError
from giftwise.core.i18n import Message, msg
from giftwise.core.validation import validation_sentence
from giftwise.models.contacts import Contact

Progress = Callable[[int, int], None]

CHUNK_ROWS = 2000


class _Abort(Exception):
    """Rejected rows without --skip-invalid: undo everything the import wrote."""


def import_contacts(
    session: Session,
    actor: Actor,
    *,
    content: bytes,
    filename: str,
    file_format: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Create or update contacts from a file; with rejected rows nothing is written unless ``skip_invalid``."""
    fmt, source = read_source(filename, content, file_format)
    report = ImportReport(format=fmt)
    importer = _Importer(session, actor, report)
    try:
        with session.begin_nested():
            for chunk in _chunks(source.rows, CHUNK_ROWS):
                importer.process(chunk)
                if progress is not None:
                    progress(report.rows, max(source.estimated_rows, report.rows))
            report.rejected.sort(key=lambda row: row.line)
            if report.rejected and not skip_invalid:
                raise _Abort
    except _Abort:
        report = report.model_copy(update={"created": 0, "updated": 0, "unchanged": 0, "organizations_created": 0})
        return report
    report.applied = True
    summary = report.model_dump(include={"format", "rows", "created", "updated", "unchanged", "organizations_created"})
    summary["rejected"] = len(report.rejected)
    record_audit(session, actor, action="import", entity="contact", entity_id=None, after={"file": filename, **summary})
    session.flush()
    return report


def _chunks(rows: Iterator[tuple[int, dict[str, str]]], size: int) -> Iterator[list[tuple[int, dict[str, str]]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


class _Importer:
    """Matches, validates and writes one chunk of rows at a time, keeping the natural keys in memory."""

    def __init__(self, session: Session, actor: Actor, report: ImportReport) -> None:
        self.session, self.actor, self.report = session, actor, report
        self.visible = visible_owner_ids(session, actor)
        self.organizations = repository.organization_ids_by_lower_name(session)
        self.owners: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        self.names: dict[tuple[str, int | None], list[int]] = {}
        self.keys_of: dict[int, tuple[str | None, str | None]] = {}
        self.owner_of: dict[int, int] = {}
        self.seen: dict[int, int] = {}  # contact id (negative: created by this file) -> line
        book = same_book_owner_ids(session, actor.user_id)
        for cid, email, phone, name, organization_id, owner_id in repository.contact_keys(session, book):
            self._remember(cid, email, phone, name, organization_id)
            self.owner_of[cid] = owner_id

    # ---- keys (the same rule as the service's duplicate check, kept in memory for speed) ----

    def _remember(self, cid: int, email: str | None, phone: str | None, name: str, org: int | None) -> None:
        if email:
            self.emails[email] = cid
        if phone:
            self.phones[phone] = cid
        self.names.setdefault((name, org), []).append(cid)
        self.keys_of[cid] = (email, phone)

    def _forget(self, contact: Contact) -> None:
        if contact.email and self.emails.get(contact.email) == contact.id:
            del self.emails[contact.email]
        if contact.phone_key and self.phones.get(contact.phone_key) == contact.id:
            del self.phones[contact.phone_key]
        namesakes = self.names.get((contact.name, contact.organization_id), [])
        if contact.id in namesakes:
            namesakes.remove(contact.id)

    def _namesake(
        self, cid: int | None, email: str | None, phone: str | None, name: str, org: int | None
    ) -> int | None:
        # org 0 stands for an organization this file names but the book does not have yet.
        for other in self.names.get((name, org), []) if org != 0 else []:
            if other != cid and not told_apart(email, phone, *self.keys_of[other]):
                return other
        return None

    def _match(self, email: str | None, phone: str | None, name: str | None, org: int | None) -> int | None:
        if email and email in self.emails:
            return self.emails[email]
        if phone and phone in self.phones:
            return self.phones[phone]
        return self._namesake(None, email, phone, name, org) if name else None

    def _clash(self, cid: int, email: str | None, phone: str | None, name: str, org: int | None) -> str | None:
        for what, other in (
            ("contacts.same_email", self.emails.get(email) if email else None),
            ("contacts.same_phone", self.phones.get(phone) if phone else None),
            ("contacts.same_name_org", self._namesake(cid, email, phone, name, org)),
        ):
            if other is not None and other != cid:
                stored = Message.of("contacts.same_as_stored")
                where = Message.of("contacts.same_as_line", line=self.seen[other]) if other in self.seen else stored
                return msg(what, where=where)
        return None

    # ---- rows ----

    def process(self, chunk: list[tuple[int, dict[str, str]]]) -> None:
        """Import one chunk of rows: reject what is wrong, update matches, insert the rest."""
        prepared: list[tuple[int, dict[str, Any]]] = []
        for line, row in chunk:
            self.report.rows += 1
            try:
                prepared.append((line, row_values(row)))
            except RowRejected as rejected:
                self._reject(line, str(rejected))
        loaded = self._load_matches(prepared)
        inserts: list[dict[str, Any]] = []
        for line, values in prepared:
            try:
                self._apply(line, values, loaded, inserts)
            except RowRejected as rejected:
                self._reject(line, str(rejected))
        if inserts:
            self.session.execute(insert(Contact), inserts)
        self.session.flush()
        for contact in loaded.values():
            self.session.expunge(contact)

    def _reject(self, line: int, reason: str) -> None:
        self.report.rejected.append(RejectedRow(line=line, reason=reason[:1].upper() + reason[1:].rstrip(".") + "."))

    def _load_matches(self, prepared: list[tuple[int, dict[str, Any]]]) -> dict[int, Contact]:
        ids = set()
        for _, values in prepared:
            org = self._organization_key(values.get("organization"))
            email = values.get("email", "").lower() or None
            cid = self._match(email, phone_key(values.get("phone")), values.get("name"), org)
            if cid is not None and cid > 0:
                ids.add(cid)
        return {c.id: c for c in repository.contacts_by_ids(self.session, sorted(ids))}

    def _organization_key(self, name: str | None) -> int | None:
        """The organization's id, None without one, 0 for one the book does not have yet."""
        return self.organizations.get(name.lower(), 0) if name else None

    def _organization_id(self, name: str | None, create: bool) -> int | None:
        if not name:
            return None
        found = self.organizations.get(name.lower())
        if found is None and create:
            organization, created = organization_named(self.session, self.actor, name=name)
            found = self.organizations[name.lower()] = organization.id
            self.report.organizations_created += created
        return found

    def _owner_id(self, username: str | None) -> int | None:
        if not username:
            return None
        if username not in self.owners:
            user = accounts_repository.user_by_username(self.session, username)
            if user is None:
                raise RowRejected(msg("contacts.owner_giftwise_user", username=username))
            try:
                self.owners[username] = assignable_owner(self.session, self.actor, user.id)
            except GiftwiseError as error:
                raise RowRejected(error.detail) from None
        return self.owners[username]

    def _apply(
        self, line: int, values: dict[str, Any], loaded: dict[int, Contact], inserts: list[dict[str, Any]]
    ) -> None:
        org_name, owner_name = values.pop("organization", None), values.pop("owner", None)
        email = values["email"].lower() if values.get("email") else None
        org = self._organization_key(org_name)
        cid = self._match(email, phone_key(values.get("phone")), values.get("name"), org)
        if cid is not None and cid in self.seen:
            raise RowRejected(msg("contacts.same_person_line_keep", seen=self.seen[cid]))
        if cid is not None and cid > 0 and self.visible is not None and self.owner_of.get(cid) not in self.visible:
            raise RowRejected(msg("contacts.matches_contact_colleague_s"))
        owner_id = self._owner_id(owner_name)
        if cid is None:
            self._create(line, values, org_name, owner_id, inserts)
            return
        contact = loaded.get(cid) or self.session.get(Contact, cid)
        assert contact is not None
        self._update(line, contact, values, org_name, owner_id)

    def _validated(self, values: dict[str, Any]) -> ContactCreate:
        try:
            return ContactCreate.model_validate(values)
        except ValidationError as error:
            raise RowRejected(validation_sentence(error)) from None

    def _create(
        self,
        line: int,
        values: dict[str, Any],
        org_name: str | None,
        owner_id: int | None,
        inserts: list[dict[str, Any]],
    ) -> None:
        if not values.get("name"):
            raise RowRejected(msg("contacts.name_empty_every_new"))
        data = self._validated(values)
        cid = -line  # _match found no stored or earlier row with any of its keys, so it is new
        organization_id = self._organization_id(org_name, True)
        row = data.model_dump()
        row.update(
            organization_id=organization_id,
            owner_id=owner_id or self.actor.user_id,
            phone_key=phone_key(data.phone),
            search_text=search_text(data.name, data.name_latin, data.email, data.wechat, data.phone),
            archived=False,
        )
        inserts.append(row)
        self._remember(cid, data.email, row["phone_key"], data.name, organization_id)
        self.seen[cid] = line
        self.report.created += 1

    def _update(
        self, line: int, contact: Contact, values: dict[str, Any], org_name: str | None, owner_id: int | None
    ) -> None:
        current = {name: getattr(contact, name) for name in AUDITED_FIELDS if name != "archived"}
        merged = {k: v for k, v in current.items() if v is not None} | values
        data = self._validated(merged)
        organization_id = self._organization_key(org_name) if org_name else contact.organization_id
        clash = self._clash(contact.id, data.email, phone_key(data.phone), data.name, organization_id)
        if clash:
            raise RowRejected(clash)
        if organization_id == 0:
            organization_id = self._organization_id(org_name, True)
        target = data.model_dump(exclude={"owner_id"})
        target.update(organization_id=organization_id, owner_id=owner_id or contact.owner_id)
        changed = {k: v for k, v in target.items() if getattr(contact, k) != v}
        self.seen[contact.id] = line
        if not changed:
            self.report.unchanged += 1
            return
        before = contact_snapshot(contact)
        self._forget(contact)
        for name, value in changed.items():
            setattr(contact, name, value)
        refresh_keys(contact)
        self._remember(contact.id, contact.email, contact.phone_key, contact.name, contact.organization_id)
        after = contact_snapshot(contact)
        record_audit(
            self.session, self.actor, action="update", entity="contact", entity_id=contact.id,
            before={n: before[n] for n in changed}, after={n: after[n] for n in changed},
        )  # fmt: skip
        self.report.updated += 1


def export_rows(session: Session, actor: Actor, *, filters: ContactFilter) -> Iterator[dict[str, str]]:
    """Every visible contact matching ``filters`` as a row of giftwise's export columns."""
    conditions = repository.contact_conditions(contact_scope(session, actor), filters)
    for contact, organization, owner in repository.iter_contacts(session, conditions):
        yield contact_row(contact, organization, owner)


def export_contacts(
    session: Session, actor: Actor, *, file_format: str, filters: ContactFilter, vcard_version: str = "4.0"
) -> ExportedFile:
    """The visible contacts matching ``filters`` as a CSV, XLSX or vCard file."""
    return exported_file(export_rows(session, actor, filters=filters), file_format=file_format,
                         vcard_version=vcard_version)
