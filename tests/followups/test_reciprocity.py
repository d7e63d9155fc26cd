"""Gratitude fades with a half-life; the opportunity to reciprocate comes 1-5 days after delivery."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giftwise.followups import cadence, reciprocity

# These sentences are worded outside a request, in the installation's language: English here.
pytestmark = pytest.mark.usefixtures("english")

DELIVERED = date(2026, 11, 20)


class TestGratitudeLeft:
    def test_full_on_the_day_and_half_after_one_half_life(self) -> None:
        assert reciprocity.gratitude_left(DELIVERED, DELIVERED, 7) == 1.0
        assert reciprocity.gratitude_left(DELIVERED, DELIVERED + timedelta(days=7), 7) == 0.5
        assert reciprocity.gratitude_left(DELIVERED, DELIVERED + timedelta(days=14), 7) == 0.25

    @given(st.integers(0, 60), st.integers(0, 60), st.floats(0.5, 60))
    def test_never_grows_with_time(self, first: int, later: int, half_life: float) -> None:
        a, b = sorted((first, later))
        early = reciprocity.gratitude_left(DELIVERED, DELIVERED + timedelta(days=a), half_life)
        late = reciprocity.gratitude_left(DELIVERED, DELIVERED + timedelta(days=b), half_life)
        assert 0 < late <= early <= 1

    def test_a_zero_half_life_is_refused(self) -> None:
        with pytest.raises(ValueError, match="positive"):
            reciprocity.gratitude_left(DELIVERED, DELIVERED, 0)


class TestWindowState:
    def test_open_on_days_one_to_four_closing_on_the_fifth_then_closed(self) -> None:
        first, last = reciprocity.prompt_window(DELIVERED)
        states = [reciprocity.window_state(first, last, DELIVERED + timedelta(days=d)) for d in range(8)]
        assert states == ["not_yet", "open", "open", "open", "open", "closing", "closed", "closed"]

    @given(st.integers(0, 400))
    def test_closed_stays_closed(self, day: int) -> None:
        first, last = reciprocity.prompt_window(DELIVERED)
        state = reciprocity.window_state(first, last, DELIVERED + timedelta(days=day))
        assert (state == "closed") == (day > 5)


class TestPromptWindow:
    def test_never_the_delivery_day(self) -> None:
        assert reciprocity.prompt_window(DELIVERED) == (date(2026, 11, 21), date(2026, 11, 25))
        with pytest.raises(ValueError, match="never fall on the day the gift lands"):
            reciprocity.prompt_window(DELIVERED, first_day=0)


class TestCadence:
    @staticmethod
    def weight(channel: str) -> int:
        return {"meeting": 3, "call": 2, "message": 1}[channel]

    @pytest.mark.parametrize(("channel", "due_after"), [("meeting", 45), ("call", 30), ("message", 15)])
    def test_a_meeting_keeps_warm_longer_than_a_call_than_a_message(self, channel: str, due_after: int) -> None:
        due = cadence.touch_due([(DELIVERED, channel)], 30, since=date(2020, 1, 1), weight=self.weight)
        assert due == DELIVERED + timedelta(days=due_after)

    def test_without_contact_it_is_due_a_cadence_after_the_relationship_began(self) -> None:
        assert cadence.touch_due([], 30, since=DELIVERED, weight=self.weight) == DELIVERED + timedelta(days=30)

    def test_visits_count_meetings_only(self) -> None:
        seen = [(DELIVERED, "call"), (DELIVERED - timedelta(days=10), "meeting")]
        assert cadence.visit_due(seen, 90, since=date(2020, 1, 1)) == DELIVERED + timedelta(days=80)
