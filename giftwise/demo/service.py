"""Loading the demo book through the domains' services, so it obeys every rule real data does.

Loading is idempotent: the catalog import is keyed by sku, colleagues by username,
organizations by name, and a contact that already exists (the contacts domain's duplicate
rule) is left alone together with its notes and its history. The history (a year of gifts,
touches, outcomes, a campaign and a dispute) is replayed only for the contacts this load created.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import resources

from sqlalchemy.orm import Session

from giftwise.accounts.schemas import ProfileUpdate, UserCreate
from giftwise.accounts.service import actor_for_cli, actor_of, create_user, find_user, update_profile
from giftwise.catalog.service import import_catalog_file
from giftwise.contacts.schemas import ContactCreate, ContactFilter, NoteCreate, OrganizationCreate
from giftwise.contacts.service import create_contact, create_organization, find_organization, list_contacts
from giftwise.core import clock
from giftwise.core.actor import Actor, Role
from giftwise.core.db import unit_of_work
from giftwise.core.errors import Conflict, Forbidden, NotFound
from giftwise.demo.book import DEMO_SEED, DemoBook, DemoContact, build_demo_book
from giftwise.demo.history import DemoHistory, plan_history
from giftwise.demo.replay import Replay
from giftwise.demo.schemas import DemoColleague, DemoSummary
from giftwise.demo.stories import Stories
from giftwise.models.accounts import User
from giftwise.workflows import note_steps

DemoProgress = Callable[[int, int, str], None]

# The customer catalog shipped as public demo material, then the demo's own additions.
CATALOG_FILES = (("catalog", "catalog.json"), ("demo", "catalog_extra.json"))


def load_demo(
    session: Session, actor: Actor, *, seed: int = DEMO_SEED, progress: DemoProgress | None = None
) -> DemoSummary:
    """Load the demo book for ``seed``: catalog, colleagues, organizations, contacts, notes, a year of history."""
    if not actor.is_admin:
        raise Forbidden("demo.only_admin_load_demo")
    today = clock.today()
    book = build_demo_book(seed, today)
    history = plan_history(book, seed, today)
    steps = len(CATALOG_FILES) + len(book.users) + len(book.organizations) + len(book.contacts) + len(history.steps)
    tick = _counter(steps, progress)
    catalog_total = catalog_created = 0
    for folder, name in CATALOG_FILES:
        content = (resources.files("giftwise") / "data" / folder / name).read_bytes()
        report = import_catalog_file(session, actor, filename=name, content=content)
        catalog_total, catalog_created = catalog_total + report.total, catalog_created + len(report.created)
        tick(f"catalog {name}")
    _sign_as_demo_user(session, actor, book)
    owners, colleagues = _ensure_colleagues(session, actor, book, tick)
    organization_ids, organizations_created = _ensure_organizations(session, actor, book, tick)
    created: dict[int, int] = {}
    already = notes = 0
    for number, contact in enumerate(book.contacts):
        owner = owners.get(contact.owner, actor) if contact.owner else actor
        added = _add_contact(session, owner, contact, organization_ids)
        if added is None:
            already += 1
        else:
            created[number], notes = added[0], notes + added[1]
        tick(f"contact {contact.fields['name']}")
    counts = replay_history(session, actor, book=book, history=history, today=today, contact_ids=created,
                            owners=owners, tick=tick)
    return DemoSummary(
        seed=seed, catalog_items=catalog_total, catalog_created=catalog_created, colleagues_created=colleagues,
        organizations_created=organizations_created, contacts_created=len(created), contacts_already_there=already,
        notes_created=notes, history=counts,
    )


def load_demo_if_empty(*, seed: int = DEMO_SEED, progress: DemoProgress | None = None) -> bool:
    """In its own unit of work, load the demo book if the database holds no contacts; True if it did."""
    with unit_of_work() as session:
        actor = actor_for_cli(session)
        if list_contacts(session, actor, filters=ContactFilter(archived=None), limit=1).total > 0:
            return False
        load_demo(session, actor, seed=seed, progress=progress)
        return True


def _counter(total: int, progress: DemoProgress | None) -> Callable[[str], None]:
    done = 0

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, what)

    return tick


def _sign_as_demo_user(session: Session, actor: Actor, book: DemoBook) -> None:
    # The demo's cards and replies are signed; a user who has not named themselves signs as the demo's rep.
    user = session.get_one(User, actor.user_id)
    changes: dict[str, str] = {}
    if user.display_name in ("", user.username):
        changes["display_name"] = book.local_name
    if not user.company:
        changes["company"] = book.company
    if changes:
        update_profile(session, actor, data=ProfileUpdate.model_validate(changes))


def _ensure_colleagues(
    session: Session, actor: Actor, book: DemoBook, tick: Callable[[str], None]
) -> tuple[dict[str, Actor], list[DemoColleague]]:
    owners: dict[str, Actor] = {}
    created: list[DemoColleague] = []
    for colleague in book.users:
        try:
            user = find_user(session, actor, ref=colleague.username)
        except NotFound:
            data = UserCreate.model_validate(
                {"username": colleague.username, "display_name": colleague.display_name, "role": colleague.role,
                 "team": book.team, "language": colleague.language, "company": book.company}
            )
            new = create_user(session, actor, data=data)
            created.append(DemoColleague(username=new.username, role=new.role, api_token=new.api_token))
            user = find_user(session, actor, ref=colleague.username)
        owners[colleague.username] = actor_of(user)
        tick(f"colleague {colleague.username}")
    return owners, created


def _ensure_organizations(
    session: Session, actor: Actor, book: DemoBook, tick: Callable[[str], None]
) -> tuple[dict[str, int], int]:
    ids: dict[str, int] = {}
    created = 0
    for organization in book.organizations:
        try:
            ids[organization.name] = find_organization(session, actor, ref=organization.name).id
        except NotFound:
            data = OrganizationCreate(
                name=organization.name, industry=organization.industry, country=organization.country,
                public_sector=organization.public_sector, state_owned=organization.state_owned,
            )
            ids[organization.name] = create_organization(session, actor, data=data).id
            created += 1
        tick(f"organization {organization.name}")
    return ids, created


def _add_contact(
    session: Session, owner: Actor, contact: DemoContact, organization_ids: dict[str, int]
) -> tuple[int, int] | None:
    """Create the contact and its notes as its owner: (its id, notes added); None when it already exists."""
    organization_id = organization_ids[contact.organization] if contact.organization else None
    data = ContactCreate.model_validate({**contact.fields, "organization_id": organization_id})
    try:
        stored = create_contact(session, owner, data=data)
    except Conflict:
        return None
    notes = [NoteCreate.model_validate({"text": note.text, "on": note.on, "channel": note.channel, "kind": note.kind})
             for note in contact.notes]
    note_steps.add_many(session, owner, contact_id=stored.id, notes=notes)
    return stored.id, len(contact.notes)


def replay_history(
    session: Session, admin: Actor, *, book: DemoBook, history: DemoHistory, today: date,
    contact_ids: dict[int, int], owners: dict[str, Actor], tick: Callable[[str], None],
) -> dict[str, int]:
    """Replay the scripted year for the contacts this load created; how many of each thing it added."""
    managers = [owner for owner in owners.values() if owner.role is Role.MANAGER]
    replay = Replay(session, admin, book=book, today=today, contact_ids=contact_ids, owners=owners,
                    approver=managers[0] if managers else admin)
    replay.run(history, tick, Stories(replay).handlers())
    return dict(sorted(replay.counts.items()))
