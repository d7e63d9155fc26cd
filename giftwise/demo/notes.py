"""Writing a demo contact's notes from the templates in ``giftwise/data/demo/notes.json``.

A person gets a few business notes and, by chance, interests, a habit they dropped (an old
note says golf, a newer one says they quit), dislikes, restrictions, life events, family,
pets, gift saturation and gifts received from others, each dated the way it would happen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from giftwise.demo.data import demo_data

_HISTORY_DAYS = 540
# Interests a restriction rules out, so no demo person both "loves wine" and "never drinks".
_CLASHES = {
    "alcohol": {"wine"}, "recovery": {"wine"}, "halal": {"wine"}, "pregnancy": {"wine", "coffee"},
}
_QUIT_CLASHES = {"drinking": {"wine"}, "coffee": {"coffee"}, "golf": {"golf"}, "running": {"running"}}


@dataclass(frozen=True)
class DemoNote:
    """A dated note, as an account manager would write it."""

    on: date
    channel: str
    kind: str
    text: str


@dataclass
class Person:
    """What the note writer knows about someone while writing about them."""

    name: str
    latin: str
    first: str
    last: str
    ref: str
    female: bool
    language: str
    senior: bool = False
    org: str = ""
    kind: str = "consumer"
    city: str = ""
    product_zh: str = ""
    product_en: str = ""


class NoteWriter:
    """Turns a person into dated notes, drawing every choice from one seeded random source."""

    def __init__(self, rng: random.Random, today: date, templates: dict[str, Any]) -> None:
        self.rng, self.today, self.templates = rng, today, templates

    def notes_for(self, person: Person) -> tuple[DemoNote, ...]:
        """The person's notes, oldest first."""
        plan = self._plan(person)
        slots = self._slots(person)
        used: set[str] = set()
        written = [self._write(person, slots, used, theme, concept, days_ago) for theme, concept, days_ago in plan]
        notes = [note for note in written if note is not None]
        return tuple(sorted(notes, key=lambda note: (note.on, note.text)))

    def _plan(self, person: Person) -> list[tuple[str, str, int]]:
        rng, t = self.rng, self.templates
        plan: list[tuple[str, str, int]] = []
        kind = person.kind if person.kind in t["business"] else "consumer"
        for _ in range(1 + (rng.random() < 0.6)):
            plan.append(("business", kind, rng.randint(3, _HISTORY_DAYS)))
        excluded: set[str] = set()
        if rng.random() < 0.25:
            restriction = self._restriction(person)
            excluded |= _CLASHES.get(restriction, set())
            plan.append(("restriction", restriction, rng.randint(20, 480)))
        if rng.random() < 0.14:
            plan.extend(self._quit(excluded))
        interests = [c for c in t["interest"] if c not in excluded]
        for concept in rng.sample(interests, k=rng.choice([0, 1, 1, 1, 2, 2])):
            plan.append(("interest", concept, rng.randint(10, _HISTORY_DAYS)))
        for theme, chance in self._chances(person).items():
            if rng.random() < chance:
                concept = rng.choice(sorted(t[theme]))
                plan.append((theme, concept, self._days_ago(theme)))
        return plan

    def _chances(self, person: Person) -> dict[str, float]:
        exposed = person.senior or person.kind in ("soe", "public")
        return {
            "dislike": 0.15,
            "life_event": 0.4,
            "family": 0.3,
            "pet": 0.2,
            "saturation": 0.4 if exposed else 0.06,
            "gift_received": 0.22,
            "official_rule": 0.6 if person.kind == "public" else 0.0,
        }

    def _restriction(self, person: Person) -> str:
        options = [
            key for key, entry in self.templates["restriction"].items()
            if entry.get("gender") != "f" or person.female
        ]
        return self.rng.choice(sorted(options))

    def _quit(self, excluded: set[str]) -> list[tuple[str, str, int]]:
        rng = self.rng
        concept = rng.choice(sorted(self.templates["quit"]))
        excluded |= _QUIT_CLASHES.get(concept, set())
        quit_days = rng.randint(15, 250)
        plan = [("quit", concept, quit_days)]
        if concept in self.templates["interest"]:
            plan.append(("interest", concept, rng.randint(quit_days + 60, quit_days + 300)))
        then = self.templates["quit"][concept].get("then")
        if then and then not in excluded:
            excluded.add(then)
            plan.append(("interest", then, rng.randint(1, quit_days)))
        return plan

    def _days_ago(self, theme: str) -> int:
        rng = self.rng
        if theme == "life_event":
            # Most life events are fresh news; some are old and should have faded.
            return rng.randint(1, 40) if rng.random() < 0.7 else rng.randint(90, 400)
        return rng.randint(5, _HISTORY_DAYS)

    def _slots(self, person: Person) -> dict[str, Any]:
        rng = self.rng
        daughter, cat = rng.random() < 0.5, rng.random() < 0.45
        pets = ("pets_en" if person.language == "en" else "pets_zh")
        return {
            "ref": person.ref, "name": person.name, "ta": "她" if person.female else "他",
            "He": "She" if person.female else "He", "he": "she" if person.female else "he",
            "his": "her" if person.female else "his", "him": "her" if person.female else "him",
            "kid_zh": "女儿" if daughter else "儿子", "kid_en": "daughter" if daughter else "son",
            "age": rng.randint(3, 16), "pet": rng.choice(demo_data("names")[pets]),
            "pet_zh": "猫" if cat else "狗", "pet_en": "cat" if cat else "dog",
            "city": person.city, "org": person.org, "product_zh": person.product_zh, "product_en": person.product_en,
        }

    def _write(
        self, person: Person, slots: dict[str, Any], used: set[str], theme: str, concept: str, days_ago: int
    ) -> DemoNote | None:
        """One note on ``concept``, or None when every wording of it was already used for this person."""
        rng = self.rng
        entry = self.templates[theme][concept]
        style = "en" if person.language == "en" else ("mix" if rng.random() < 0.3 else "zh")
        wordings = ([t for t in entry.get(key, []) if t not in used] for key in (style, "zh", "mix", "en"))
        fresh = next((unused for unused in wordings if unused), None)
        if fresh is None:
            return None
        template = rng.choice(fresh)
        used.add(template)
        values = {
            **slots,
            "qty": f"{rng.choice([500, 1000, 2000, 3000, 5000, 8000, 12000]):,}",
            "pct": rng.choice([3, 5, 8, 10, 12, 15, 20]),
            "n": rng.randint(1, 4),
        }
        text = template.format_map(values)
        return DemoNote(
            on=self.today - timedelta(days=days_ago),
            channel=self._channel(person, theme, template),
            kind="event" if theme == "life_event" else "note",
            text=text,
        )

    def _channel(self, person: Person, theme: str, template: str) -> str:
        rng = self.rng
        hints = self.templates["channel_hints"]
        for word, channel in hints["start"].items():
            if template.startswith(word):
                return str(channel)
        for word, channel in hints["anywhere"].items():
            if word in template:
                return str(channel)
        if theme == "official_rule":
            return "meeting"
        if theme == "life_event" and rng.random() < 0.35:
            return "social"  # 朋友圈 / LinkedIn is where such news shows up first
        if person.language == "en":
            return rng.choices(["email", "call", "meeting", "chat"], weights=[40, 25, 25, 10])[0]
        return rng.choices(["chat", "call", "meeting", "social"], weights=[35, 30, 25, 10])[0]
