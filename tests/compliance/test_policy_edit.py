"""An admin changes the gift policy through the compliance service: checked as a whole, kept where the policy
in force is read from (so the next check follows it), and audited; nobody else may change it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.schemas import UserCreate
from giftwise.accounts.service import create_user
from giftwise.compliance.policy import load_policy, policy_data
from giftwise.compliance.schemas import PolicyUpdate
from giftwise.compliance.service import check_gift, policy_read, update_policy
from giftwise.core.actor import Actor, Role
from giftwise.core.errors import Forbidden, Invalid
from giftwise.models.accounts import AuditEntry
from tests.factories import make_contact


def _changed(session: Session, **everyone: Any) -> PolicyUpdate:
    """The policy in force with the ``everyone`` group's limits replaced."""
    current = policy_read(session)
    groups = {g.group: {"per_gift_cap": g.per_gift_cap, "approval_above": g.approval_above,
                        "rolling_12m_cap": g.rolling_12m_cap, "banned": g.banned} for g in current.groups}
    groups["everyone"] = {**groups["everyone"], **everyone}
    return PolicyUpdate.model_validate({"banned": current.banned, "groups": groups,
                                        "tender_forbids": current.tender_forbids,
                                        "refuses_gifts_max": current.refuses_gifts_max,
                                        "repeat_window_days": current.repeat_window_days})


class TestUpdatePolicy:
    def test_a_lower_approval_threshold_applies_to_the_next_check(
        self, session: Session, actor: Actor, frozen_clock: object
    ) -> None:
        contact = make_contact(session, actor)
        before = check_gift(session, actor, contact_id=contact.id, item_id=None, description="茶具",
                            cost=Decimal("500"), currency="CNY")
        assert before.allowed and not before.needs_approval
        read = update_policy(session, actor, data=_changed(session, approval_above=Decimal("300")))
        assert read.version == 2 and read.groups[0].approval_above == Decimal("300")
        after = check_gift(session, actor, contact_id=contact.id, item_id=None, description="茶具",
                           cost=Decimal("500"), currency="CNY")
        assert after.allowed and after.needs_approval

    def test_the_change_is_audited_with_before_and_after(self, session: Session, actor: Actor) -> None:
        update_policy(session, actor, data=_changed(session, per_gift_cap=Decimal("2500")))
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "compliance.policy")).one()
        assert entry.before is not None and entry.after is not None
        assert entry.before["groups"][0]["per_gift_cap"] == "3000"
        assert entry.after["groups"][0]["per_gift_cap"] == "2500"

    def test_what_the_form_does_not_edit_is_kept(self, session: Session, actor: Actor) -> None:
        update_policy(session, actor, data=_changed(session, rolling_12m_cap=None))
        assert load_policy().currency == "CNY" and "_comment" in policy_data()
        assert load_policy().groups["everyone"].rolling_12m_cap is None

    def test_a_rep_may_not_change_it(self, session: Session, actor: Actor) -> None:
        rep = create_user(session, actor, data=UserCreate(username="rep.one", role="rep"))
        rep_actor = Actor(user_id=rep.id, username="rep.one", role=Role.REP, language="en")
        with pytest.raises(Forbidden):
            update_policy(session, rep_actor, data=_changed(session, per_gift_cap=Decimal("1000")))
        assert load_policy().groups["everyone"].per_gift_cap == Decimal("3000")

    def test_an_unknown_group_is_refused(self, session: Session, actor: Actor) -> None:
        data = _changed(session)
        data.groups["vip"] = data.groups["everyone"]
        with pytest.raises(Invalid) as refused:
            update_policy(session, actor, data=data)
        assert "vip" in refused.value.sentence("en")

    @pytest.mark.parametrize("limits", [
        {"approval_above": Decimal("4000")},                                    # approval above the cap
        {"per_gift_cap": Decimal("7000")},                                      # a gift above the year's cap
        {"per_gift_cap": Decimal("-1")},
    ])
    def test_limits_out_of_order_are_refused(self, session: Session, english: None,
                                             limits: dict[str, Decimal]) -> None:
        with pytest.raises(ValidationError):
            _changed(session, **limits)

    def test_an_unknown_banned_kind_is_refused(self) -> None:
        with pytest.raises(ValidationError):
            PolicyUpdate.model_validate({"banned": ["socks"], "groups": {}, "tender_forbids": True,
                                         "refuses_gifts_max": 0, "repeat_window_days": 365})
