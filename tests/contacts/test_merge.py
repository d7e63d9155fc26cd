"""Likely duplicates are found, and folding one contact into another moves everything about them, once,
audited, by a manager or the owner only."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.contacts import service
from giftwise.contacts.duplicates import Candidate, likely_pairs, name_key
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Invalid, NotFound
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.accounts import AuditEntry
from giftwise.models.contacts import Contact, Note
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.understanding import Fact
from giftwise.workflows import contact_steps, gift_steps
from tests.factories import make_contact, make_item, pear
from tests.gifts.factories import make_user


def _candidate(cid: int, name: str, org: int | None = 1, **keys: str) -> Candidate:
    return Candidate(cid, name, keys.get("latin"), org, keys.get("email"), keys.get("phone"))


class TestLikelyPairs:
    def test_names_written_alike_in_one_organization(self) -> None:
        pairs = likely_pairs([_candidate(1, "Wang Jianguo"), _candidate(2, "wang  jianguo"), _candidate(3, "王 建国"),
                              _candidate(4, "王建国", latin="Wang.Jianguo"), _candidate(5, "王建国", org=2)])
        assert pairs == [(1, 2, ("name",)), (1, 4, ("name",)), (2, 4, ("name",)), (3, 4, ("name",))]

    def test_email_and_phone_across_organizations(self) -> None:
        pairs = likely_pairs([_candidate(1, "A", email="X@y.cn", phone="13800138000"),
                              _candidate(2, "B", org=2, email="x@Y.cn", phone="13800138000"), _candidate(3, "C")])
        assert pairs == [(1, 2, ("email", "phone"))]

    def test_blank_names_are_nobody(self) -> None:
        assert name_key(" · ") == "" and likely_pairs([_candidate(1, " "), _candidate(2, " ")]) == []


class TestMerge:
    def _twins(self, session: Session, actor: Actor, name: str = "王建国") -> tuple[Contact, Contact]:
        n = len(name)
        kept = make_contact(session, actor, name, phone=f"1380000000{n}", organization_id=None)
        folded = make_contact(session, actor, name, phone=f"1390000000{n}", email=f"{n}@x.cn", touch_cadence_days=30,
                              notes=[("2026-10-02", "周末都去钓鱼。")])
        return kept, folded

    def test_everything_about_the_folded_contact_moves_and_it_is_gone(self, session: Session, actor: Actor) -> None:
        kept, folded = self._twins(session, actor)
        make_item(session, **pear())
        planned = GiftCreate(contact_id=folded.id, sku="pear-orchard", occasion="care")
        gift = gift_steps.plan(session, actor, data=planned)
        assert [(p.first.id, p.second.id, p.reasons) for p in service.likely_duplicates(session, actor)] == [
            (kept.id, folded.id, ["name"])]
        report = contact_steps.merge(session, actor, keep_id=kept.id, drop_id=folded.id)
        assert session.get(Contact, folded.id) is None
        assert session.scalars(select(Note.contact_id)).all() == [kept.id]
        assert session.scalars(select(Fact.contact_id).where(Fact.concept == "fishing")).all() == [kept.id]
        assert session.get(Gift, gift.id).contact_id == kept.id  # type: ignore[union-attr]
        touches = session.scalars(select(Touch).where(Touch.contact_id.in_([kept.id, folded.id]))).all()
        assert touches and {t.contact_id for t in touches} == {kept.id}
        # The kept contact keeps its own phone and gains the email and cadence it lacked.
        shown = session.get(Contact, kept.id)
        assert shown is not None and shown.phone == "13800000003" and shown.email == "3@x.cn"
        assert shown.touch_cadence_days == 30 and "email" in report.filled
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert audit.entity_id == kept.id and audit.after["dropped_id"] == folded.id  # type: ignore[index]
        assert service.likely_duplicates(session, actor) == []

    def test_a_rep_merges_only_their_own_book(self, session: Session, actor: Actor) -> None:
        kept, folded = self._twins(session, actor)
        _, rep = make_user(session, username="li", role=Role.REP)
        with pytest.raises(NotFound):
            contact_steps.merge(session, rep, keep_id=kept.id, drop_id=folded.id)
        mine, twin = self._twins(session, rep, "李娜")
        contact_steps.merge(session, rep, keep_id=mine.id, drop_id=twin.id)
        assert session.get(Contact, twin.id) is None and session.get(Contact, kept.id) is not None

    def test_a_contact_is_not_merged_into_itself(self, session: Session, actor: Actor) -> None:
        kept, _ = self._twins(session, actor)
        with pytest.raises(Invalid):
            contact_steps.merge(session, actor, keep_id=kept.id, drop_id=kept.id)
