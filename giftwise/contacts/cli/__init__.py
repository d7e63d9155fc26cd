"""Terminal commands for organizations, contacts and notes (services are imported inside commands).

giftwise orgs add|edit|list|show|archive
giftwise contacts add|edit|list|show|archive|import|export
giftwise notes add|list
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from giftwise.contacts.cli import files as cli_files
from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit, emit_listed, fail
from giftwise.core.i18n import msg

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from giftwise.core.actor import Actor

orgs_app = typer.Typer(
    help="Organizations: the companies and institutions your contacts work for.", no_args_is_help=True
)
contacts_app = typer.Typer(help="Contacts: the people a gift is for.", no_args_is_help=True)
notes_app = typer.Typer(help="Notes: dated, verbatim knowledge about a contact.", no_args_is_help=True)

ORG_COLUMNS = ["id", "name", "industry", "country", "public_sector", "state_owned", "tender_open", "archived"]
CONTACT_COLUMNS = ["id", "name", "name_latin", "organization", "role", "relationship", "public_official", "owner"]
NOTE_COLUMNS = ["id", "on", "channel", "kind", "text"]


def register(root: typer.Typer) -> None:
    """Add the ``orgs``, ``contacts`` and ``notes`` command groups to the root ``giftwise`` app."""
    root.add_typer(orgs_app, name="orgs")
    root.add_typer(contacts_app, name="contacts")
    root.add_typer(notes_app, name="notes")
    cli_files.register(contacts_app)


def named_contact_id(session: Session, actor: Actor, ref: str | None) -> int | None:
    """The id of the contact named on the command line (id, e-mail or name); None when none was named."""
    from giftwise.contacts.service import resolve_contact  # loaded when used, so the CLI starts fast

    return resolve_contact(session, actor, ref=ref).id if ref else None


def emit_listed_for_contact(
    fmt: OutputFormat, columns: list[str], lister: Callable[..., Any], contact: str | None, **filters: Any
) -> None:
    """Print the page ``lister`` returns for ``filters``, only the named contact's when ``contact`` names one."""

    def listed(session: Session, actor: Actor, **given: Any) -> Any:
        return lister(session, actor, contact_id=named_contact_id(session, actor, contact), **given)

    emit_listed(fmt, columns, listed, **filters)


def _say(key: str, **values: Any) -> None:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    console.print(t(key, get_settings().language, **values), highlight=False, soft_wrap=True)


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _page_footer(page: Any, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.table and page.total > len(page.items):
        _say("contacts.page", shown=len(page.items), total=page.total, offset=page.offset)


# ---- orgs ------------------------------------------------------------------------------


@orgs_app.command("add")
def org_add(
    name: str = typer.Argument(..., help="The organization's name, e.g. 华为技术有限公司."),
    industry: str = typer.Option(None, help="Industry, e.g. telecom."),
    country: str = typer.Option(None, help="Country, e.g. China."),
    public_sector: bool = typer.Option(False, "--public-sector", help="A government body or public institution."),
    state_owned: bool = typer.Option(False, "--state-owned", help="A state-owned enterprise."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add an organization."""
    from giftwise.contacts.schemas import OrganizationCreate, OrganizationRead
    from giftwise.contacts.service import create_organization
    from giftwise.core.schemas import parse_input

    with cli_unit() as (session, actor):
        values = _given(name=name, industry=industry, country=country)
        data = parse_input(OrganizationCreate, {**values, "public_sector": public_sector, "state_owned": state_owned})
        organization = OrganizationRead.model_validate(create_organization(session, actor, data=data))
    if fmt is OutputFormat.json:
        emit(organization, fmt)
    else:
        _say("contacts.org_added", id=organization.id, name=organization.name)


@orgs_app.command("edit")
def org_edit(
    org: str = typer.Argument(..., help="Id or exact name of the organization."),
    name: str = typer.Option(None, help="New name."),
    industry: str = typer.Option(None, help="Industry ('' clears it)."),
    country: str = typer.Option(None, help="Country ('' clears it)."),
    public_sector: bool = typer.Option(None, "--public-sector/--not-public-sector", help="Public body or not."),
    state_owned: bool = typer.Option(None, "--state-owned/--not-state-owned", help="State-owned or not."),
    tender_open: bool = typer.Option(None, "--tender-open/--tender-closed", help="A tender is open (no gifts)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Change some fields of an organization."""
    from giftwise.contacts.schemas import OrganizationRead, OrganizationUpdate
    from giftwise.contacts.service import find_organization, update_organization
    from giftwise.core.schemas import parse_input

    values = _given(
        name=name, industry=industry, country=country, public_sector=public_sector, state_owned=state_owned,
        tender_open=tender_open,
    )  # fmt: skip
    if not values:
        raise fail(msg("contacts.nothing_change_give_least"), 2)
    with cli_unit() as (session, actor):
        organization_id = find_organization(session, actor, ref=org).id
        data = parse_input(OrganizationUpdate, values)
        updated = update_organization(session, actor, organization_id=organization_id, data=data)
        organization = OrganizationRead.model_validate(updated)
    emit(organization, fmt)


@orgs_app.command("list")
def org_list(
    search: str = typer.Option(None, "--search", "-s", help="Part of the name."),
    country: str = typer.Option(None, help="Only this country."),
    public_sector: bool = typer.Option(None, "--public-sector/--not-public-sector", help="Only public or private."),
    archived: bool = typer.Option(False, "--archived", help="Only archived organizations."),
    show_all: bool = typer.Option(False, "--all", help="Active and archived organizations."),
    limit: int = typer.Option(50, min=1, max=500, help="How many to show."),
    offset: int = typer.Option(0, min=0, help="How many to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List organizations by name."""
    from giftwise.contacts.schemas import OrganizationFilter
    from giftwise.contacts.service import list_organizations

    filters = OrganizationFilter(
        q=search, country=country, public_sector=public_sector, archived=None if show_all else archived
    )
    with cli_unit() as (session, actor):
        page = list_organizations(session, actor, filters=filters, limit=limit, offset=offset)
    emit(page, fmt, ORG_COLUMNS)
    _page_footer(page, fmt)


@orgs_app.command("show")
def org_show(
    org: str = typer.Argument(..., help="Id or exact name of the organization."), fmt: OutputFormat = FormatOption
) -> None:
    """Show one organization."""
    from giftwise.contacts.schemas import OrganizationRead
    from giftwise.contacts.service import find_organization

    with cli_unit() as (session, actor):
        organization = OrganizationRead.model_validate(find_organization(session, actor, ref=org))
    emit(organization, fmt)


@orgs_app.command("archive")
def org_archive(
    org: str = typer.Argument(..., help="Id or exact name of the organization."),
    restore: bool = typer.Option(False, "--restore", help="Bring an archived organization back."),
) -> None:
    """Archive an organization (hidden from lists; its contacts stay), or restore it."""
    from giftwise.contacts.service import archive_organization, find_organization

    with cli_unit() as (session, actor):
        organization = find_organization(session, actor, ref=org)
        archive_organization(session, actor, organization_id=organization.id, archived=not restore)
        name, oid = organization.name, organization.id
    _say("contacts.org_restored" if restore else "contacts.org_archived", id=oid, name=name)


# ---- contacts --------------------------------------------------------------------------


def _contact_values(session: Any, actor: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Contact fields from CLI options: organization and owner by name, birthday as text."""
    from giftwise.accounts.service import find_user
    from giftwise.contacts.birthdays import parse_birthday
    from giftwise.contacts.service import find_organization

    values = _given(**options)
    org = values.pop("org", None)
    if org is not None:
        values["organization_id"] = find_organization(session, actor, ref=org).id if org else None
    owner = values.pop("owner", None)
    if owner is not None:
        values["owner_id"] = find_user(session, actor, ref=owner).id
    birthday = values.pop("birthday", None)
    if birthday is not None:
        parsed = parse_birthday(birthday)
        values.update(
            birthday_calendar=parsed.calendar,
            birthday_year=parsed.year,
            birthday_month=parsed.month,
            birthday_day=parsed.day,
        )
    return values


_ORG = typer.Option(None, "--org", "-o", help="Organization id or exact name.")
_BIRTHDAY = typer.Option(None, help="1975-03-08, --03-08 (year unknown) or lunar:08-15.")


@contacts_app.command("add")
def contact_add(
    name: str = typer.Argument(..., help="Full name as you write it, e.g. 王建国 or John Smith."),
    latin: str = typer.Option(None, "--latin", help="Latin spelling (pinyin or English name), e.g. Wang Jianguo."),
    org: str = _ORG,
    role: str = typer.Option(None, help="Job title, e.g. 采购总监."),
    language: str = typer.Option(None, help="zh or en (default zh)."),
    relationship: str = typer.Option(None, help="client, prospect, partner or customer (default client)."),
    public_official: bool = typer.Option(False, "--public-official", help="A public official (stricter rules)."),
    owner: str = typer.Option(None, help="Username of the owner (default: you)."),
    phone: str = typer.Option(None, help="Phone number."),
    email: str = typer.Option(None, help="Email address."),
    wechat: str = typer.Option(None, help="WeChat id."),
    address: str = typer.Option(None, help="Shipping address."),
    birthday: str = _BIRTHDAY,
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add a contact to your book."""
    from giftwise.contacts.schemas import ContactCreate
    from giftwise.contacts.service import contact_read
    from giftwise.core.schemas import parse_input
    from giftwise.workflows import contact_steps

    options = {
        "name": name, "name_latin": latin, "org": org, "role": role, "language": language,
        "relationship": relationship, "owner": owner, "phone": phone, "email": email, "wechat": wechat,
        "address": address, "birthday": birthday,
    }  # fmt: skip
    with cli_unit() as (session, actor):
        values = _contact_values(session, actor, options)
        data = parse_input(ContactCreate, {**values, "public_official": public_official})
        contact = contact_read(session, contact_steps.create(session, actor, data=data))
    if fmt is OutputFormat.json:
        emit(contact, fmt)
    else:
        _say("contacts.added", id=contact.id, name=contact.name)


@contacts_app.command("edit")
def contact_edit(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    name: str = typer.Option(None, help="New name."),
    latin: str = typer.Option(None, "--latin", help="Latin spelling ('' clears it)."),
    org: str = typer.Option(None, "--org", "-o", help="Organization id or exact name ('' clears it)."),
    role: str = typer.Option(None, help="Job title ('' clears it)."),
    language: str = typer.Option(None, help="zh or en."),
    relationship: str = typer.Option(None, help="client, prospect, partner or customer."),
    public_official: bool = typer.Option(None, "--public-official/--not-public-official", help="Public official?"),
    owner: str = typer.Option(None, help="Username of the new owner."),
    phone: str = typer.Option(None, help="Phone number ('' clears it)."),
    email: str = typer.Option(None, help="Email address ('' clears it)."),
    wechat: str = typer.Option(None, help="WeChat id ('' clears it)."),
    address: str = typer.Option(None, help="Shipping address ('' clears it)."),
    birthday: str = typer.Option(None, help="1975-03-08, --03-08, lunar:08-15 ('' clears it)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Change some fields of a contact."""
    from giftwise.contacts.schemas import ContactUpdate
    from giftwise.contacts.service import contact_read, resolve_contact
    from giftwise.core.schemas import parse_input
    from giftwise.workflows import contact_steps

    options = {
        "name": name, "name_latin": latin, "org": org, "role": role, "language": language,
        "relationship": relationship, "owner": owner, "phone": phone, "email": email, "wechat": wechat,
        "address": address, "public_official": public_official,
    }  # fmt: skip
    if not any(v is not None for v in options.values()) and birthday is None:
        raise fail(msg("contacts.nothing_change_give_least_2"), 2)
    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        values = _contact_values(session, actor, {**options, "birthday": birthday or None})
        if birthday == "":
            values.update(birthday_calendar="solar", birthday_year=None, birthday_month=None, birthday_day=None)
        data = parse_input(ContactUpdate, values)
        updated = contact_read(session, contact_steps.update(session, actor, contact_id=target.id, data=data))
    emit(updated, fmt)


@contacts_app.command("list")
def contact_list(
    search: str = typer.Option(
        None, "--search", "-s", help="Part of the name (中文 or Latin), email, WeChat or phone."
    ),
    org: str = _ORG,
    relationship: str = typer.Option(None, help="client, prospect, partner or customer."),
    owner: str = typer.Option(None, help="Only this owner's contacts (username)."),
    public_official: bool = typer.Option(
        None, "--public-official/--not-public-official", help="Only officials or not."
    ),
    archived: bool = typer.Option(False, "--archived", help="Only archived contacts."),
    show_all: bool = typer.Option(False, "--all", help="Active and archived contacts."),
    limit: int = typer.Option(50, min=1, max=500, help="How many to show."),
    offset: int = typer.Option(0, min=0, help="How many to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List the contacts you may see, by name."""
    from giftwise.contacts.schemas import ContactFilter
    from giftwise.contacts.service import list_contacts
    from giftwise.core.schemas import parse_input

    with cli_unit() as (session, actor):
        values = _contact_values(session, actor, {"org": org, "owner": owner})
        wanted = _given(q=search, relationship=relationship, public_official=public_official, **values)
        filters = parse_input(ContactFilter, {**wanted, "archived": None if show_all else archived})
        page = list_contacts(session, actor, filters=filters, limit=limit, offset=offset)
    emit(page, fmt, CONTACT_COLUMNS)
    _page_footer(page, fmt)


@contacts_app.command("show")
def contact_show(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."), fmt: OutputFormat = FormatOption
) -> None:
    """Show one contact."""
    from giftwise.contacts.service import contact_read, resolve_contact

    with cli_unit() as (session, actor):
        shown = contact_read(session, resolve_contact(session, actor, ref=contact))
    emit(shown, fmt)


@contacts_app.command("archive")
def contact_archive(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    restore: bool = typer.Option(False, "--restore", help="Bring an archived contact back."),
) -> None:
    """Archive a contact (hidden from lists and agendas, nothing deleted), or restore it."""
    from giftwise.contacts.service import resolve_contact
    from giftwise.workflows import contact_steps

    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        contact_steps.archive(session, actor, contact_id=target.id, archived=not restore)
        name, cid = target.name, target.id
    _say("contacts.restored" if restore else "contacts.archived", id=cid, name=name)


# ---- notes -----------------------------------------------------------------------------


@notes_app.command("add")
def note_add(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    text: str = typer.Argument(..., help="The note, as you would write it."),
    on: str = typer.Option(None, help="Date of the conversation, YYYY-MM-DD (default today)."),
    channel: str = typer.Option("call", help="call, meeting, chat, email or social."),
    kind: str = typer.Option("note", help="note, or event for a dated happening (wedding, promotion...)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add a dated note to a contact; notes are kept verbatim and never edited."""
    from giftwise.contacts.schemas import NoteCreate, NoteRead
    from giftwise.contacts.service import resolve_contact
    from giftwise.core.schemas import parse_input
    from giftwise.workflows.note_steps import add as add_note

    if on is not None:
        try:
            date.fromisoformat(on)
        except ValueError:
            raise fail(msg("contacts.date_date_write_yyyy", on=on), 2) from None
    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        data = parse_input(NoteCreate, _given(text=text, on=on, channel=channel, kind=kind))
        note = NoteRead.model_validate(add_note(session, actor, contact_id=target.id, data=data))
        name = target.name
    if fmt is OutputFormat.json:
        emit(note, fmt)
    else:
        _say("contacts.note_added", id=note.id, name=name, on=note.on.isoformat())


@notes_app.command("list")
def note_list(
    contact: str = typer.Argument(..., help="Id, email or exact name of the contact."),
    limit: int = typer.Option(50, min=1, max=500, help="How many to show."),
    offset: int = typer.Option(0, min=0, help="How many to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List a contact's notes, newest first."""
    from giftwise.contacts.service import list_notes, resolve_contact

    with cli_unit() as (session, actor):
        target = resolve_contact(session, actor, ref=contact)
        page = list_notes(session, actor, contact_id=target.id, limit=limit, offset=offset)
    emit(page, fmt, NOTE_COLUMNS)
    _page_footer(page, fmt)
