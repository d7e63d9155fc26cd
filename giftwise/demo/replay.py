"""Replaying the demo book's scripted year through the domains' services, the clock set to each step's day.

Gifts are planned with the recommender's choice for the contact (restrictions and compliance
respected) and moved through their life with ``giftwise.gifts.service.transition``, which
schedules the follow-up touches; those touches are done with results and minutes, outcomes are
recorded in the ledger. Nothing here writes a table itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from giftwise.contacts.schemas import ContactUpdate
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import GiftwiseError
from giftwise.demo.book import DemoBook
from giftwise.demo.data import demo_data
from giftwise.demo.history import NO_CONTACT, DemoHistory, Step
from giftwise.followups.cadence_service import refresh_cadence
from giftwise.followups.repository import touches_of_gift
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import complete_touch, create_touch, list_touches
from giftwise.gifts.schemas import GiftCreate
from giftwise.gifts.service import get_gift
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.ledger.service import record_outcome
from giftwise.models.gifts import Gift, GiftStatus
from giftwise.recommend.service import recommend_all, recommend_for_contact
from giftwise.workflows import contact_steps
from giftwise.workflows.gift_steps import move, plan

Handler = Callable[[Step], None]


@dataclass(frozen=True)
class Pick:
    """An item the recommender ranked for a contact."""

    item_id: str
    price: float
    reasons: tuple[str, ...] = ()
    needs_approval: bool = False


class Replay:
    """Carries out a ``DemoHistory`` for the contacts this load created (``contact_ids``: book number -> id)."""

    def __init__(
        self, session: Session, admin: Actor, *, book: DemoBook, today: date, contact_ids: dict[int, int],
        owners: dict[str, Actor], approver: Actor,
    ) -> None:
        self.session, self.admin, self.book, self.today = session, admin, book, today
        self.contact_ids, self.owners, self.approver = contact_ids, owners, approver
        self.cfg = demo_data("history")
        self.gifts: dict[str, int] = {}
        self.touches: dict[str, int] = {}
        self.given: dict[int, set[str]] = {}
        self.recommended: dict[tuple[int, str], list[Pick]] = {}
        self.festival_picks: dict[int, list[Pick]] | None = None
        self.counts: Counter[str] = Counter()
        self.handlers: dict[str, Handler] = {
            "plan": self._plan, "move": self._move, "gift_touch_done": self._gift_touch_done,
            "outcome": self._outcome, "cadence": self._cadence, "cadence_done": self._cadence_done,
            "touch_new": self._touch_new, "touch_done": self._touch_done,
        }

    def run(self, history: DemoHistory, tick: Callable[[str], None], stories: dict[str, Handler]) -> None:
        """Carry out every step, in order, each on its own day; steps about contacts not created now are skipped."""
        handlers = {**self.handlers, **stories}
        for step in history.steps:
            if step.contact == NO_CONTACT or step.contact in self.contact_ids:
                with clock.frozen_at(step.day):
                    handlers[step.action](step)
            tick(f"{step.day} {step.action}")

    # -- helpers shared with the stories -------------------------------------------------------

    def actor_for(self, index: int) -> Actor:
        """The owner of the book's contact ``index`` (the loading user for their own contacts)."""
        owner = self.book.contacts[index].owner
        return self.owners.get(owner, self.admin) if owner else self.admin

    def owner_of(self, contact_id: int) -> Actor:
        """The actor owning the stored contact ``contact_id``."""
        index = next(i for i, cid in self.contact_ids.items() if cid == contact_id)
        return self.actor_for(index)

    def language(self, index: int) -> str:
        """The contact's language, as the texts are keyed."""
        return "en" if self.book.contacts[index].fields["language"] == "en" else "zh"

    def advance(self, gift_id: int, to: str, actor: Actor, reason: str | None = None) -> None:
        """Move a gift to ``to`` today; a gift that needs approval is approved first by the manager."""
        # The manager approves the team's gifts; the loading admin approves their own.
        approver = self.admin if actor.user_id == self.admin.user_id else self.approver
        gift = get_gift(self.session, actor, gift_id=gift_id)
        if gift.status == GiftStatus.PLANNED and to != "approved" and gift.needs_approval:
            move(self.session, approver, gift_id=gift_id, to_status="approved")
        who = approver if to == "approved" else actor
        move(self.session, who, gift_id=gift_id, to_status=to, reason=reason)
        self.counts[f"gift_{to}"] += 1

    def finish_gift_touch(self, gift_id: int, purpose: str, actor: Actor, *, result: str, minutes: int) -> int | None:
        """Complete the gift's open touch for ``purpose`` today; its id, or None when there is none open."""
        touch_id = self.gift_touch(gift_id, purpose, "open")
        if touch_id is None:
            return None
        complete_touch(self.session, actor, touch_id=touch_id, result=result, minutes_spent=minutes)
        self.counts["touches_done"] += 1
        return touch_id

    def gift_touch(self, gift_id: int, purpose: str, status: str) -> int | None:
        """The id of the gift's touch for ``purpose`` in ``status`` (a read: one query, the gift is ours)."""
        found = [t.id for t in touches_of_gift(self.session, gift_id) if t.purpose == purpose and t.status == status]
        return found[0] if found else None

    def record(self, contact_id: int, actor: Actor, *, kind: str, note: str, value: Decimal = Decimal(0),
               gift_id: int | None = None, touch_id: int | None = None, campaign_id: int | None = None) -> None:
        """Record an outcome today through the ledger."""
        record_outcome(self.session, actor, data=OutcomeCreate.model_validate({
            "contact_id": contact_id, "kind": kind, "value": value, "note": note, "gift_id": gift_id,
            "touch_id": touch_id, "campaign_id": campaign_id,
        }))
        self.counts["outcomes"] += 1

    # -- steps ---------------------------------------------------------------------------------

    def _plan(self, step: Step) -> None:
        """Plan the recommender's best fitting item the contact has not had; free text if nothing fits."""
        contact_id, actor = self.contact_ids[step.contact], self.actor_for(step.contact)
        occasion, given = step.args["occasion"], self.given.setdefault(contact_id, set())
        budget = step.args["budget"]
        picks = [r for r in self._recommendations(contact_id, actor, occasion)
                 if r.item_id not in given and self.cfg["min_price"] <= (r.price or 0) <= budget
                 and (step.args["approval"] or not r.needs_approval)]
        if picks:
            turn = step.args["pick"] % len(picks)
            picks = picks[turn:] + picks[:turn]
        attempts = [GiftCreate(contact_id=contact_id, sku=r.item_id, occasion=occasion, reason="; ".join(r.reasons[:2]))
                    for r in picks[:4]]
        fallback = self.cfg["fallback"]
        attempts.append(GiftCreate(contact_id=contact_id, description=fallback[self.language(step.contact)],
                                   item_kind=fallback["item_kind"], cost=Decimal(fallback["cost"]),
                                   occasion=occasion))
        for data in attempts:
            gift = self._try_plan(actor, data)
            if gift is not None:
                self.gifts[step.ref] = gift.id
                given.add(data.sku or "")
                self.counts["gifts"] += 1
                return
        self.counts["gifts_refused"] += 1

    def _try_plan(self, actor: Actor, data: Any) -> Gift | None:
        try:
            with self.session.begin_nested():
                return plan(self.session, actor, data=data)
        except GiftwiseError:
            # The policy or the contact's situation rules it out: try the next candidate.
            return None

    def _recommendations(self, contact_id: int, actor: Actor, occasion: str) -> list[Pick]:
        """The recommender's ranking for the contact, asked once per kind of occasion (the widest budget of it).

        Festival tokens are what everyone gets, so they come from one batch ranking of the whole book
        (much faster than asking contact by contact); care gifts are chosen for the person.
        """
        mapping = self.cfg["recommend_occasion"]
        wanted = mapping.get(occasion, "care")
        budget = max(v for k, v in self.cfg["budgets"].items() if mapping.get(k, "care") == wanted)
        if wanted == "festival":
            if self.festival_picks is None:
                self.festival_picks = {}
                for row in recommend_all(self.session, self.admin, occasion=wanted, budget_max=Decimal(budget),
                                         top=12):
                    picks = self.festival_picks.setdefault(int(str(row["contact_id"])), [])
                    picks.append(Pick(item_id=str(row["item_id"]), price=float(str(row["price"]))))
            return self.festival_picks.get(contact_id, [])
        key = (contact_id, wanted)
        if key not in self.recommended:
            result = recommend_for_contact(self.session, actor, contact_id=contact_id, occasion=wanted,
                                           budget_max=Decimal(budget), top=12)
            self.recommended[key] = [Pick(item_id=r.item_id, price=r.price or 0.0, reasons=tuple(r.reasons),
                                          needs_approval=r.needs_approval) for r in result.recommendations]
        return self.recommended[key]

    def _move(self, step: Step) -> None:
        if step.ref in self.gifts:
            self.advance(self.gifts[step.ref], step.args["to"], self.actor_for(step.contact), step.args.get("reason"))

    def _gift_touch_done(self, step: Step) -> None:
        if step.ref in self.gifts:
            self.finish_gift_touch(self.gifts[step.ref], step.args["purpose"], self.actor_for(step.contact),
                                   result=step.args["result"], minutes=step.args["minutes"])

    def _outcome(self, step: Step) -> None:
        contact_id, actor = self.contact_ids[step.contact], self.actor_for(step.contact)
        gift_id = touch_id = None
        if step.args["links"] == "gift":
            gift_id = self.gifts.get(step.ref)
            if gift_id is None:
                return  # the gift was never planned, so nothing came back from it
            purpose = step.args["touch_purpose"]
            touch_id = self.gift_touch(gift_id, purpose, "done") if purpose else None
        elif step.args["links"] == "touch":
            touch_id = self.touches.get(step.ref)
        self.record(contact_id, actor, kind=step.args["kind"], note=step.args["note"],
                    value=Decimal(step.args["value"]), gift_id=gift_id, touch_id=touch_id)

    def _cadence(self, step: Step) -> None:
        contact_steps.update(self.session, self.actor_for(step.contact), contact_id=self.contact_ids[step.contact],
                             data=ContactUpdate(touch_cadence_days=step.args["days"]))
        self.counts["cadences"] += 1

    def _cadence_done(self, step: Step) -> None:
        contact_id, actor = self.contact_ids[step.contact], self.actor_for(step.contact)
        refresh_cadence(self.session, actor, contact_id=contact_id)
        found = list_touches(self.session, actor, contact_id=contact_id, purpose="keep-in-touch", status="open",
                             source="cadence", limit=1).items
        if found:
            complete_touch(self.session, actor, touch_id=found[0].id, result=step.args["result"],
                           minutes_spent=step.args["minutes"])
            self.counts["touches_done"] += 1

    def _touch_new(self, step: Step) -> None:
        touch = create_touch(self.session, self.actor_for(step.contact), data=TouchCreate(
            contact_id=self.contact_ids[step.contact], purpose=step.args["purpose"], channel=step.args["channel"],
            due_on=step.args["due"], script=step.args["script"],
        ))
        self.touches[step.ref] = touch.id
        self.counts["touches_created"] += 1

    def _touch_done(self, step: Step) -> None:
        if step.ref in self.touches:
            complete_touch(self.session, self.actor_for(step.contact), touch_id=self.touches[step.ref],
                           result=step.args["result"], minutes_spent=step.args["minutes"])
            self.counts["touches_done"] += 1
