"""The demo book as plain data, generated reproducibly from a seed and the editable data files.

``build_demo_book(seed, today)`` is pure: the same seed and day give the same book, value for
value. Loading it into a database is the service's job (through the domains' services).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from giftwise.core.i18n import msg
from giftwise.demo.data import demo_data
from giftwise.demo.notes import DemoNote, NoteWriter, Person

DEMO_SEED = 2026
_BIRTHDAY_SHARE, _LUNAR_SHARE, _NO_YEAR_SHARE, _MONTH_ONLY_SHARE = 0.75, 0.25, 0.25, 0.05


@dataclass(frozen=True)
class DemoUser:
    """A colleague who owns part of the demo book."""

    username: str
    display_name: str
    role: str
    language: str


@dataclass(frozen=True)
class DemoOrganization:
    """An organization of the demo book."""

    name: str
    industry: str
    country: str
    public_sector: bool
    state_owned: bool


@dataclass(frozen=True)
class DemoContact:
    """A person of the demo book: ``fields`` fit ContactCreate; ``owner`` None means the loading user."""

    organization: str | None
    owner: str | None
    fields: dict[str, Any]
    notes: tuple[DemoNote, ...] = field(default=())


@dataclass(frozen=True)
class DemoBook:
    """Everything the demo loads besides the catalog."""

    team: str
    users: tuple[DemoUser, ...]
    # Who the reps sign for, and the name the loading user signs with when they have none yet.
    company: str
    organizations: tuple[DemoOrganization, ...]
    contacts: tuple[DemoContact, ...]
    local_name: str = ""

    @property
    def note_count(self) -> int:
        """How many notes the book holds."""
        return sum(len(contact.notes) for contact in self.contacts)


def build_demo_book(seed: int, today: date) -> DemoBook:
    """The demo book for ``seed`` with notes dated up to ``today`` (same inputs, same book)."""
    rng = random.Random(seed)
    names, orgs = demo_data("names"), demo_data("organizations")
    users = tuple(DemoUser(u["username"], u["display_name"], u["role"], u["language"]) for u in names["users"])
    maker = _PeopleMaker(rng, today, names, orgs, NoteWriter(rng, today, demo_data("notes")))
    organizations: list[DemoOrganization] = []
    contacts: list[DemoContact] = []
    owners = _account_owners(orgs["organizations"], names["users"])
    for org, owner in zip(orgs["organizations"], owners, strict=True):
        organizations.append(
            DemoOrganization(
                name=org["name"], industry=org["industry"], country=org["country"],
                public_sector=org.get("public_sector", False), state_owned=org.get("state_owned", False),
            )
        )
        contacts.extend(maker.staff(org, owner) for _ in range(org["contacts"]))
    consumers = orgs["consumers"]
    contacts.extend(maker.consumer(consumers) for _ in range(consumers["count"]))
    return DemoBook(team=names["team"], users=users, company=names["company"], organizations=tuple(organizations),
                    contacts=tuple(contacts), local_name=names["local_user"])


def _account_owners(orgs: list[dict[str, Any]], users: list[dict[str, Any]]) -> list[str | None]:
    """Who owns each account: one person per organization, as in real sales teams, with each
    colleague's book close to their ``share`` (the loading user takes the rest).

    The English-speaking rep takes the overseas accounts; public and state-owned accounts go to
    the manager or the loading user, never to a junior rep.
    """
    shares: dict[str | None, float] = {u["username"]: u["share"] for u in users}
    shares[None] = max(0.0, 1.0 - sum(shares.values()))
    english_rep = next(u["username"] for u in users if u["role"] == "rep" and u["language"] == "en")
    senior = [u["username"] for u in users if u["role"] != "rep"] + [None]
    total = sum(org["contacts"] for org in orgs)
    booked: dict[str | None, int] = dict.fromkeys(shares, 0)
    owners: list[str | None] = []
    for org in orgs:
        if org.get("en_share", 0) >= 0.5:
            candidates: list[str | None] = [english_rep]
        elif org["kind"] in ("public", "soe"):
            candidates = senior
        else:
            candidates = list(shares)
        owner = max(candidates, key=lambda name: shares[name] * total - booked[name])
        booked[owner] += org["contacts"]
        owners.append(owner)
    return owners


class _PeopleMaker:
    """Makes unique, plausible people for the demo book."""

    def __init__(
        self, rng: random.Random, today: date, names: dict[str, Any], orgs: dict[str, Any], writer: NoteWriter
    ) -> None:
        self.rng, self.today, self.names, self.orgs, self.writer = rng, today, names, orgs, writer
        self.taken_names: set[tuple[str | None, str]] = set()
        self.taken_refs: set[tuple[str | None, str]] = set()
        self.reps: list[str | None] = [u["username"] for u in names["users"] if u["role"] == "rep"]
        self.taken_phones: set[str] = set()
        self.taken_emails: set[str] = set()

    def staff(self, org: dict[str, Any], owner: str | None) -> DemoContact:
        """Someone working at ``org``."""
        rng = self.rng
        language = "en" if rng.random() < org.get("en_share", 0.0) else "zh"
        roles = self.orgs["roles"][org["kind"]]
        staff_so_far = sum(1 for taken_org, _ in self.taken_names if taken_org == org["name"])
        role = roles[0] if staff_so_far == 0 else rng.choice(roles[1:])
        person = self._person(language, org["name"], role, org["country"])
        person.org, person.kind, person.city = org.get("short", org["name"]), org["kind"], org["city"]
        person.product_zh, person.product_en = org["product_zh"], org["product_en"]
        fields = self._fields(person, org["country"], org["domain"], org["city"])
        fields.update(role=role["zh"] if language == "zh" else role["en"], relationship=org["relationship"],
                      public_official=org.get("public_sector", False))
        if org.get("public_sector") and rng.random() < 0.6:
            fields["email"] = None  # officials rarely give a private address
        return DemoContact(org["name"], owner, fields, self.writer.notes_for(person))

    def consumer(self, spec: dict[str, Any]) -> DemoContact:
        """A private customer of the online shop, without an organization."""
        rng = self.rng
        language = "en" if rng.random() < spec["en_share"] else "zh"
        city = rng.choice(spec["cities_en"] if language == "en" else spec["cities_zh"])
        person = self._person(language, None, None, "CN" if language == "zh" else "GB")
        person.kind, person.city = "consumer", city
        fields = self._fields(person, "CN" if language == "zh" else "GB", "example.com", city)
        fields.update(relationship="customer", public_official=False, role=None)
        owner = rng.choice([*self.reps, None])
        return DemoContact(None, owner, fields, self.writer.notes_for(person))

    def _person(self, language: str, org: str | None, role: dict[str, Any] | None, country: str) -> Person:
        rng = self.rng
        for _ in range(200):
            female = rng.random() < 0.45
            if language == "zh":
                surname, surname_latin = rng.choice(self.names["zh_surnames"])
                given, given_latin = rng.choice(self.names["zh_given_female" if female else "zh_given_male"])
                name, latin = surname + given, f"{surname_latin} {given_latin}"
                first = given_latin
                if country != "CN" or rng.random() < 0.12:
                    nickname = rng.choice(self.names["en_nicknames_for_zh"][10:] if female
                                          else self.names["en_nicknames_for_zh"][:10])
                    latin, first = f"{nickname} {surname_latin}", nickname
                ref = _chinese_ref(surname, role, female, rng)
            else:
                first = rng.choice(self.names["en_first_female" if female else "en_first_male"])
                last = rng.choice(self.names["en_last"])
                name = latin = f"{first} {last}"
                surname_latin, ref = last, first
            # Two people at one client are never both "王总" in the notes.
            if (org, name) not in self.taken_names and (org, ref) not in self.taken_refs:
                self.taken_names.add((org, name))
                self.taken_refs.add((org, ref))
                senior = bool(role and role.get("senior"))
                return Person(name=name, latin=latin, first=first, last=surname_latin, ref=ref, female=female,
                              language=language, senior=senior)
        raise RuntimeError(msg("demo.demo_name_pools_too"))

    def _fields(self, person: Person, country: str, domain: str, city: str) -> dict[str, Any]:
        rng = self.rng
        fields: dict[str, Any] = {
            "name": person.name, "name_latin": person.latin if person.latin != person.name else None,
            "language": person.language, "phone": self._phone(country),
            "email": self._email(person, domain) if person.language == "en" or rng.random() < 0.8 else None,
            "wechat": f"{person.first.lower()}_{rng.randint(100, 9999)}"
            if person.language == "zh" and rng.random() < 0.6 else None,
            "address": self._address(person.language, city) if rng.random() < 0.4 else None,
            "relationship_since": self.today - timedelta(days=rng.randint(600, 3000)),
        }
        fields.update(self._birthday(person.language))
        return fields

    def _phone(self, country: str) -> str:
        rng = self.rng
        while True:
            if country == "CN":
                prefix = f"1{rng.choice('3578')}{rng.randint(0, 9)}"
                phone = f"+86 {prefix} {rng.randint(0, 9999):04d} {rng.randint(0, 9999):04d}"
            elif country == "US":
                phone = f"+1 ({rng.choice(['213', '312', '646'])}) 555-01{rng.randint(0, 99):02d}"
            elif country == "DE":
                phone = f"+49 211 {rng.randint(1000000, 9999999)}"
            elif country == "SG":
                phone = f"+65 {rng.randint(6000, 6999)} {rng.randint(1000, 9999)}"
            else:
                phone = f"+44 20 7946 0{rng.randint(100, 999)}"
            if phone not in self.taken_phones:
                self.taken_phones.add(phone)
                return phone

    def _email(self, person: Person, domain: str) -> str:
        local = ".".join("".join(ch for ch in part.lower() if ch.isalnum()) for part in (person.first, person.last))
        email, n = f"{local}@{domain}", 2
        while email in self.taken_emails:
            email, n = f"{local}{n}@{domain}", n + 1
        self.taken_emails.add(email)
        return email

    def _address(self, language: str, city: str) -> str:
        rng = self.rng
        if language == "zh":
            return f"{city}市{rng.choice(self.orgs['streets_zh'])}{rng.randint(1, 300)}号"
        return f"{rng.randint(10, 9999)} {rng.choice(self.orgs['streets_en'])}, {city}"

    def _birthday(self, language: str) -> dict[str, Any]:
        rng = self.rng
        if rng.random() > _BIRTHDAY_SHARE:
            return {}
        lunar = language == "zh" and rng.random() < _LUNAR_SHARE
        month = rng.randint(1, 12)
        birthday: dict[str, Any] = {
            "birthday_calendar": "lunar" if lunar else "solar",
            "birthday_year": None if rng.random() < _NO_YEAR_SHARE else rng.randint(1962, 1998),
            "birthday_month": month,
            # Day 28 at most (29 for lunar months) exists in every year of both calendars.
            "birthday_day": None if rng.random() < _MONTH_ONLY_SHARE else rng.randint(1, 29 if lunar else 28),
        }
        return birthday


def _chinese_ref(surname: str, role: dict[str, Any] | None, female: bool, rng: random.Random) -> str:
    """How an account manager calls the person in notes: 王总, 李科长, 小陈, 赵姐."""
    title = (role or {}).get("title", "")
    if title:
        return surname + title
    return rng.choice([f"小{surname}", f"{surname}姐" if female else f"老{surname}"])
