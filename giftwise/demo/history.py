"""The demo book's past year as a dated script of steps, drawn from a seed and ``giftwise/data/demo/history.json``.

``plan_history(book, seed, today)`` is pure: the same book, seed and day give the same steps.
Replaying them through the services (``giftwise.demo.replay``) with the clock set to each
step's day leaves gifts, touches and outcomes exactly as a year of real work would.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from giftwise.core.i18n import msg, normalize_language
from giftwise.dates.rules import dates_config
from giftwise.dates.yearly import occurrences
from giftwise.demo.book import DemoBook
from giftwise.demo.data import demo_data

NO_CONTACT = -1


@dataclass(frozen=True)
class Step:
    """One thing that happened on ``day``: ``action`` about the book's contact number ``contact``.

    ``ref`` names the gift, touch or story the step continues; ``seq`` keeps same-day steps in order.
    """

    day: date
    seq: int
    action: str
    contact: int
    ref: str = ""
    args: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class DemoHistory:
    """The scripted year, with the contacts each told pattern is about (book contact numbers)."""

    steps: tuple[Step, ...]
    drains: tuple[int, ...]
    healthy: tuple[int, ...]
    campaign_targets: tuple[int, ...]
    dispute_contact: int
    promise_contact: int

    @property
    def gift_count(self) -> int:
        """How many gifts the script plans."""
        return sum(1 for step in self.steps if step.action == "plan")


def plan_history(book: DemoBook, seed: int, today: date) -> DemoHistory:
    """The demo book's year of gifts, touches and outcomes up to ``today`` (same inputs, same script)."""
    return _Planner(book, random.Random(f"{seed}:history"), today).plan()


class _Planner:
    def __init__(self, book: DemoBook, rng: random.Random, today: date) -> None:
        self.book, self.rng, self.today = book, rng, today
        self.cfg, self.stories = demo_data("history"), demo_data("stories")
        self.steps: list[Step] = []
        self.gifts = 0
        self.in_flight = 0

    def plan(self) -> DemoHistory:
        contacts = self.book.contacts
        eligible = [i for i, c in enumerate(contacts) if not c.fields["public_official"]]
        dispute = self._first_of(self.stories["dispute"]["organization"], self.stories["dispute"]["role"])
        promise = self._first_of(self.stories["open_promise"]["organization"], None)
        taken = {dispute, promise}
        pool = [i for i in eligible if contacts[i].owner is None and contacts[i].fields["relationship"] != "customer"]
        targets = sorted(self.rng.sample(pool, k=min(self.stories["campaign"]["targets"], len(pool))))
        taken |= set(targets)
        drains = self._pick_drains([i for i in eligible if i not in taken])
        taken |= set(drains)
        for index in drains:
            self._drain(index)
        healthy: list[int] = []
        for index in eligible:
            if index in drains:
                continue
            profile = self._profile() if index not in (dispute, promise) else "one_off"
            if profile == "warm":
                healthy.append(index)
            if profile != "none":
                getattr(self, f"_{profile}")(index)
            if index not in drains and self.rng.random() < self.cfg["cadence"]["share"]:
                self._cadence(index)
        self._manual_touches(eligible, taken)
        self._stories(targets, dispute, promise)
        self.steps.sort(key=lambda s: (s.day, s.seq))
        return DemoHistory(
            steps=tuple(self.steps), drains=tuple(drains), healthy=tuple(healthy), campaign_targets=tuple(targets),
            dispute_contact=dispute, promise_contact=promise,
        )

    # -- who -----------------------------------------------------------------------------------

    def _first_of(self, organization: str, role: str | None) -> int:
        staff = [i for i, c in enumerate(self.book.contacts) if c.organization == organization]
        if not staff:
            raise RuntimeError(msg("demo.demo_book_one_fix", organization=organization))
        matching = [i for i in staff if role is None or self.book.contacts[i].fields["role"] == role]
        return (matching or staff)[0]

    def _pick_drains(self, candidates: list[int]) -> list[int]:
        """One draining client per owner in turn (the loading user first), so every book shows one."""
        clients = [i for i in candidates if self.book.contacts[i].fields["relationship"] == "client"]
        owners = list(dict.fromkeys([None, *(u.username for u in self.book.users if u.role == "rep")]))
        chosen: list[int] = []
        while len(chosen) < self.cfg["drains"] and clients:
            owner = owners[len(chosen) % len(owners)]
            mine = [i for i in clients if self.book.contacts[i].owner == owner] or clients
            pick = self.rng.choice(mine)
            chosen.append(pick)
            clients.remove(pick)
        return sorted(chosen)

    def _profile(self) -> str:
        roll = self.rng.random()
        for name, share in self.cfg["profiles"].items():
            if name.startswith("_"):
                continue
            if roll < share:
                return str(name)
            roll -= share
        return "none"

    # -- stories -------------------------------------------------------------------------------

    def _warm(self, index: int) -> None:
        """Festival tokens and a care gift, all welcomed; clients order afterwards."""
        for festival in self._festivals(index, self.rng.choice([1, 1, 2])):
            self._gift_to_the_end(index, festival - timedelta(days=18), "festival")
        planned = self._day(-330, -25)
        ack = self._gift_to_the_end(index, planned, self._care_occasion())
        if self.book.contacts[index].fields["relationship"] in ("client", "customer"):
            self._outcome(index, ack + timedelta(days=self.rng.randint(6, 20)), "order", value=self._order_value(index))

    def _one_off(self, index: int) -> None:
        """One gift, delivered and thanked for."""
        if self.rng.random() < 0.5:
            festivals = self._festivals(index, 1)
            if festivals:
                self._gift_to_the_end(index, festivals[0] - timedelta(days=18), "festival")
                return
        self._gift_to_the_end(index, self._day(-300, -20), self._care_occasion())

    def _came_back(self, index: int) -> None:
        """A welcomed gift, then one that came back with its reason, and the contact explaining."""
        self._gift_to_the_end(index, self._day(-330, -200), self._care_occasion())
        reason = self.rng.choice(self.cfg["came_back_reasons"])
        back = self._gift_back(index, self._day(-180, -40), self._care_occasion(), "returned", reason)
        self._outcome(index, back + timedelta(days=2), "reply", note=self._reason_text(index, reason))

    def _in_flight(self, index: int) -> None:
        """An earlier welcomed gift and one on its way right now, so its touches sit on today's agenda."""
        festivals = self._festivals(index, 1)
        if festivals:
            self._gift_to_the_end(index, festivals[0] - timedelta(days=18), "festival")
        # Each variant in turn, so every stage of a gift's life (cancelled, windows open and closed) shows.
        variant = self.cfg["in_flight"][self.in_flight % len(self.cfg["in_flight"])]
        self.in_flight += 1
        ref = self._plan(index, self._at(variant["planned"]), self._care_occasion())
        for status in ("approved", "ordered", "story_told", "shipped", "delivered", "checked", "acknowledged",
                       "cancelled"):
            if status not in variant:
                continue
            day = self._at(variant[status])
            if status == "story_told":
                self._touch_done(index, day, ref, "pre-send")
            elif status == "checked":
                self._touch_done(index, day, ref, "delivery-check")
            else:
                self._add(day, "move", index, ref, to=status)

    def _drain(self, index: int) -> None:
        """Gifts keep going out, some come back, calls go unanswered, nothing positive since long ago."""
        story = self.cfg["drain_story"]
        self._outcome(index, self._at(story["last_reply"]), "reply")
        for gift in story["gifts"]:
            planned = self._at(gift["planned"] + self.rng.randint(-4, 4))
            if gift["end"] == "delivered":
                self._gift_to_the_end(index, planned, gift["occasion"], answered=False)
            else:
                self._gift_back(index, planned, gift["occasion"], gift["end"], gift["reason"])
        self._add(self._at(story["calls"][0] - 30), "cadence", index, days=30)
        for offset in story["calls"]:
            self._add(self._at(offset), "cadence_done", index, result=self._text(index, "results", "silent"),
                      minutes=self.rng.choice([5, 10]))
            self._outcome(index, self._at(offset), "silence")

    def _cadence(self, index: int) -> None:
        cfg = self.cfg["cadence"]
        days = self.rng.choice(cfg["days"])
        last_call = self._at(self.rng.choice(cfg["due_offsets"]) - days)
        self._add(last_call - timedelta(days=self.rng.randint(5, 40)), "cadence", index, days=days)
        self._add(last_call, "cadence_done", index, result=self._text(index, "results", "keep-in-touch"),
                  minutes=self._minutes("keep-in-touch"))
        self._outcome(index, last_call, "reply")

    def _manual_touches(self, eligible: list[int], taken: set[int]) -> None:
        """Follow-ups typed by hand: each one for the loading user's book and for a colleague's."""
        mine = [i for i in eligible if self.book.contacts[i].owner is None and i not in taken]
        theirs = [i for i in eligible if self.book.contacts[i].owner is not None and i not in taken]
        for number, template in enumerate(self.cfg["manual_touches"]):
            for pool in (mine, theirs):
                if not pool:
                    continue
                index = pool[(number * 7 + self.rng.randrange(len(pool))) % len(pool)]
                ref = f"t{index}-{number}"
                self._add(self._at(template["created"]), "touch_new", index, ref, purpose=template["purpose"],
                          channel=template["channel"], due=self._at(template["due"]),
                          script=self._pick(index, template))
                if not template["open"]:
                    due = self._at(template["due"])
                    self._add(due, "touch_done", index, ref, result=self._text(index, "outcomes", "meeting"),
                              minutes=template["minutes"])
                    self._outcome(index, due, "meeting", touch=ref)

    def _stories(self, targets: list[int], dispute: int, promise: int) -> None:
        """The campaign half-way through, the cosmetic-bag parcel and its claim, an open promise."""
        campaign = self.stories["campaign"]
        self._add(self._at(campaign["starts"]), "campaign_create", NO_CONTACT, "campaign", targets=targets)
        allocate = self._at(campaign["allocate"])
        delivered = self._at(campaign["delivered"])
        self._add(allocate, "campaign_allocate", NO_CONTACT, "campaign")
        for day, status in ((allocate + timedelta(days=1), "ordered"), (allocate + timedelta(days=2), "shipped"),
                            (delivered, "delivered"), (delivered + timedelta(days=1), "acknowledged")):
            self._add(day, "campaign_move", NO_CONTACT, "campaign", to=status)
        for nth, offset in enumerate(campaign["meetings"]):
            self._add(self._at(offset), "campaign_meeting", NO_CONTACT, "campaign", nth=nth)
        self._add(self._at(campaign["checkpoints"][0]["on"]), "campaign_checkpoint", NO_CONTACT, "campaign")
        story = self.stories["dispute"]
        for number, order in enumerate(story["previous_orders"]):
            self._add(self._at(order["ordered"]), "past_order", dispute, f"order{number}", **order)
        for key in ("ordered", "paid", "shipped", "opened"):
            self._add(self._at(story[key]), f"dispute_{key}", dispute, "dispute")
        self._add(self._at(self.stories["open_promise"]["created"]), "open_promise", promise, "promise")

    # -- building blocks -----------------------------------------------------------------------

    def _gift_to_the_end(self, index: int, planned: date, occasion: str, *, answered: bool | None = None) -> date:
        """A gift that goes the whole way; returns the day the contact acknowledged it.

        Some thanked-for gifts still bring nothing back (``unanswered_share``): real books have them, and
        calibration needs both outcomes to learn from.
        """
        if answered is None:
            answered = self.rng.random() >= self.cfg["unanswered_share"]
        ref, after = self._send(index, planned, occasion)
        self._add(after("delivered"), "move", index, ref, to="delivered")
        self._touch_done(index, after("delivery_check"), ref, "delivery-check")
        self._add(after("acknowledged"), "move", index, ref, to="acknowledged")
        reciprocity = after("reciprocity")
        if answered:
            self._touch_done(index, reciprocity, ref, "reciprocity")
            kind = self.rng.choice(["reply", "reply", "meeting"])
            self._outcome(index, reciprocity, kind, gift=ref, touch_purpose="reciprocity")
        else:
            self._touch_done(index, reciprocity, ref, "reciprocity", silent=True)
        return after("acknowledged")

    def _gift_back(self, index: int, planned: date, occasion: str, end: str, reason: str) -> date:
        """A gift that is returned or refused with its reason; returns the day it came back."""
        ref, after = self._send(index, planned, occasion)
        back = after("delivered") + timedelta(days=2 if end == "returned" else 0)
        if end == "returned":
            self._add(after("delivered"), "move", index, ref, to="delivered")
        self._add(back, "move", index, ref, to=end, reason=f"{reason}: {self._reason_text(index, reason)}")
        return back

    def _send(self, index: int, planned: date, occasion: str) -> tuple[str, Callable[[str], date]]:
        """Plan a gift, order it (with its pre-send touch) and ship it; its ref and the day of each lifecycle step."""
        life = self.cfg["lifecycle"]
        ref = self._plan(index, planned, occasion)

        def after(key: str) -> date:
            return planned + timedelta(days=life[key])

        self._add(after("ordered"), "move", index, ref, to="ordered")
        self._touch_done(index, after("ordered"), ref, "pre-send")
        self._add(after("shipped"), "move", index, ref, to="shipped")
        return ref, after

    def _plan(self, index: int, day: date, occasion: str) -> str:
        self.gifts += 1
        ref = f"g{self.gifts}"
        approval = self.rng.random() < self.cfg["approval_share"]
        self._add(day, "plan", index, ref, occasion=occasion, budget=self.cfg["budgets"][occasion],
                  approval=approval, pick=self.rng.randrange(3))
        return ref

    def _touch_done(self, index: int, day: date, ref: str, purpose: str, *, silent: bool = False) -> None:
        result = self._text(index, "results", "silent" if silent else purpose)
        self._add(day, "gift_touch_done", index, ref, purpose=purpose, result=result, minutes=self._minutes(purpose))

    def _outcome(self, index: int, day: date, kind: str, *, value: int = 0, note: str | None = None,
                 gift: str = "", touch: str = "", touch_purpose: str = "") -> None:
        self._add(day, "outcome", index, gift or touch, kind=kind, value=value,
                  note=note if note is not None else self._text(index, "outcomes", kind), touch_purpose=touch_purpose,
                  links="touch" if touch else "gift" if gift else "")

    def _festivals(self, index: int, count: int) -> list[date]:
        language = self.book.contacts[index].fields["language"]
        config = dates_config()
        start, end = self._at(-self.cfg["months"] * 30 + 20), self._at(-12)
        days = sorted(
            day
            for key in config["gesture_festivals"][normalize_language(language)]
            for day in occurrences(config["festivals"][key]["calendar"], config["festivals"][key]["month"],
                                   config["festivals"][key]["day"], start, end)
        )
        return sorted(self.rng.sample(days, k=min(count, len(days))))

    def _care_occasion(self) -> str:
        weights = self.cfg["care_occasions"]
        return str(self.rng.choices(list(weights), weights=list(weights.values()))[0])

    def _order_value(self, index: int) -> int:
        value = int(self.rng.choice(self.cfg["order_values"]))
        return value // 20 if self.book.contacts[index].fields["relationship"] == "customer" else value

    def _reason_text(self, index: int, reason: str) -> str:
        return str(self._pick(index, self.cfg["return_reasons"][reason]))

    def _text(self, index: int, group: str, key: str) -> str:
        options = self._pick(index, self.cfg[group][key])
        return str(self.rng.choice(options))

    def _pick(self, index: int, texts: dict[str, Any]) -> Any:
        return texts[normalize_language(self.book.contacts[index].fields["language"])]

    def _minutes(self, purpose: str) -> int:
        return int(self.rng.choice(self.cfg["minutes"].get(purpose, [10])))

    def _day(self, first: int, last: int) -> date:
        return self._at(self.rng.randint(first, last))

    def _at(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def _add(self, day: date, action: str, contact: int, ref: str = "", **args: Any) -> None:
        self.steps.append(Step(day=day, seq=len(self.steps), action=action, contact=contact, ref=ref, args=args))
