"""The control group draw and the gifted-vs-held-back interval."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from giftwise.campaigns.experiment import control_size, draw_control, late_arm, newcombe_difference, wilson


class TestDrawControl:
    def test_same_seed_same_draw_whatever_the_order(self) -> None:
        ids = list(range(1, 41))
        assert draw_control(ids, share=0.1, seed=7) == draw_control(list(reversed(ids)), share=0.1, seed=7)

    def test_other_seed_other_draw(self) -> None:
        ids = list(range(1, 101))
        assert draw_control(ids, share=0.1, seed=1) != draw_control(ids, share=0.1, seed=2)

    @given(st.lists(st.integers(1, 10_000), unique=True, max_size=200), st.floats(0, 0.5))
    def test_holds_back_the_share_rounded(self, ids: list[int], share: float) -> None:
        control = draw_control(ids, share=share, seed=3)
        assert control <= set(ids)
        assert len(control) == control_size(len(ids), share)

    def test_ten_percent_of_eight_is_one(self) -> None:
        assert control_size(8, 0.1) == 1
        assert control_size(4, 0.1) == 0


class TestLateArm:
    def test_is_reproducible_and_near_the_share(self) -> None:
        arms = [late_arm(c, share=0.2, seed=5) for c in range(2000)]
        assert arms == [late_arm(c, share=0.2, seed=5) for c in range(2000)]
        assert 0.17 < arms.count("control") / 2000 < 0.23


class TestIntervals:
    def test_wilson_matches_newcombe_1998_table(self) -> None:
        # Newcombe (1998), Statistics in Medicine 17:857, example 81/263.
        interval = wilson(81, 263)
        assert interval.low == pytest.approx(0.2553, abs=5e-4)
        assert interval.high == pytest.approx(0.3662, abs=5e-4)

    def test_newcombe_difference_matches_published_example(self) -> None:
        # Newcombe (1998b), Statistics in Medicine 17:873, example (a): 56/70 vs 48/80 -> 0.0524 to 0.3339.
        interval = newcombe_difference(56, 70, 48, 80)
        assert interval.estimate == pytest.approx(0.2)
        assert interval.low == pytest.approx(0.0524, abs=5e-4)
        assert interval.high == pytest.approx(0.3339, abs=5e-4)

    @given(st.integers(1, 60), st.integers(1, 60), st.data())
    def test_difference_interval_contains_the_estimate(self, n_a: int, n_b: int, data: st.DataObject) -> None:
        a, b = data.draw(st.integers(0, n_a)), data.draw(st.integers(0, n_b))
        interval = newcombe_difference(a, n_a, b, n_b)
        assert -1 <= interval.low <= interval.estimate <= interval.high <= 1
