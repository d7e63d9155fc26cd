"""The rules of a gift's life as pure functions: which step may follow which, and when."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from giftwise.core.errors import Conflict, Invalid
from giftwise.gifts import lifecycle
from giftwise.gifts.schemas import TransitionIn
from giftwise.models.gifts import GiftStatus

# These sentences are worded outside a request, in the installation's language: English here.
pytestmark = pytest.mark.usefixtures("english")


class TestCheckStep:
    @pytest.mark.parametrize(
        ("current", "target"),
        [
            ("planned", "approved"),
            ("approved", "ordered"),
            ("ordered", "shipped"),
            ("shipped", "delivered"),
            ("delivered", "acknowledged"),
            ("shipped", "lost"),
            ("delivered", "returned"),
            ("shipped", "refused"),
            ("planned", "ordered"),
            ("planned", "cancelled"),
            ("acknowledged", "returned"),
        ],
    )
    def test_allowed_steps_pass(self, current: str, target: str) -> None:
        lifecycle.check_step(current, target, needs_approval=False)

    def test_delivery_before_shipping_names_both_statuses(self) -> None:
        with pytest.raises(Conflict) as error:
            lifecycle.check_step("ordered", "delivered", needs_approval=False)
        assert error.value.detail == "A gift must be shipped before it is delivered; this one is 'ordered'."

    def test_going_back_is_refused(self) -> None:
        with pytest.raises(Conflict, match="already 'delivered'; it cannot go back to 'shipped'"):
            lifecycle.check_step("delivered", "shipped", needs_approval=False)

    def test_a_closed_gift_cannot_change(self) -> None:
        with pytest.raises(Conflict, match="already 'returned' and closed"):
            lifecycle.check_step("returned", "delivered", needs_approval=False)

    def test_a_gift_needing_approval_cannot_skip_it(self) -> None:
        with pytest.raises(Conflict, match="needs a manager's approval before it is ordered"):
            lifecycle.check_step("planned", "ordered", needs_approval=True)

    def test_a_delivered_gift_cannot_be_lost(self) -> None:
        with pytest.raises(Conflict, match="'delivered' cannot be lost"):
            lifecycle.check_step("delivered", "lost", needs_approval=False)

    def test_unknown_status_is_invalid(self) -> None:
        with pytest.raises(Invalid, match="'teleported' is not a gift status"):
            lifecycle.check_step("planned", "teleported", needs_approval=False)

    @given(st.lists(st.sampled_from(lifecycle.STATUSES), max_size=12))
    def test_any_walk_only_ever_follows_the_graph(self, targets: list[str]) -> None:
        current = "planned"
        for target in targets:
            try:
                lifecycle.check_step(current, target, needs_approval=False)
            except (Conflict, Invalid):
                continue
            assert target in lifecycle.NEXT[current]
            current = target
        assert current in lifecycle.STATUSES


class TestCheckDate:
    def test_future_date_is_refused(self) -> None:
        with pytest.raises(Invalid, match="in the future"):
            lifecycle.check_date(
                "delivered", date(2026, 11, 21), latest_step=date(2026, 11, 1), today=date(2026, 11, 20)
            )

    def test_date_before_previous_step_is_refused(self) -> None:
        with pytest.raises(Invalid, match=r"before this gift's previous step \(2026-11-10\)"):
            lifecycle.check_date(
                "delivered", date(2026, 11, 9), latest_step=date(2026, 11, 10), today=date(2026, 11, 20)
            )


class TestParseReason:
    def test_category_and_details_are_split(self) -> None:
        assert lifecycle.parse_reason("returned", "misread need: he does not drink tea") == (
            "misread_need",
            "he does not drink tea",
        )

    def test_a_bare_category_is_enough(self) -> None:
        assert lifecycle.parse_reason("refused", "compliance") == ("compliance", None)

    @pytest.mark.parametrize("reason", [None, "", "he did not like it"])
    def test_return_without_category_asks_for_one(self, reason: str | None) -> None:
        with pytest.raises(Invalid, match="budget, timing, compliance, misread_need, unknown"):
            lifecycle.parse_reason("returned", reason)

    def test_other_steps_keep_free_text(self) -> None:
        assert lifecycle.parse_reason("delivered", "left with the doorman") == (None, "left with the doorman")


class TestTransitionTargets:
    @pytest.mark.parametrize("status", [s for s in GiftStatus if s is not GiftStatus.CANCELLED])
    def test_every_status_but_cancelled_can_be_asked_for(self, status: GiftStatus) -> None:
        assert TransitionIn(to_status=status.value).to_status == status

    def test_cancelling_goes_through_its_own_command(self) -> None:
        with pytest.raises(ValidationError):
            TransitionIn(to_status="cancelled")  # type: ignore[arg-type]
