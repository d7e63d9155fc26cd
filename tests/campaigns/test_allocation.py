"""The allocation solver: exact MILP vs greedy, every limit respected, never worse than greedy."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from giftwise.campaigns.allocation import NONE, AllocationProblem, allocate, expected_values, solve_greedy, solve_milp


def _feasible(problem: AllocationProblem, choice: np.ndarray) -> bool:
    costs = problem.cost_matrix()
    given_rows = np.flatnonzero(choice != NONE)
    spent = costs[given_rows, choice[given_rows]].sum() if given_rows.size else 0.0
    if spent > problem.budget + 1e-6:
        return False
    cap = np.broadcast_to(np.asarray(problem.per_contact_cap, dtype=float), choice.shape)
    if any(costs[i, choice[i]] > cap[i] + 1e-9 for i in given_rows):
        return False
    if problem.allowed is not None and any(not problem.allowed[i, choice[i]] for i in given_rows):
        return False
    if problem.stock is not None:
        used = np.bincount(choice[given_rows], minlength=problem.values.shape[1]) if given_rows.size else 0
        limited = np.asarray(problem.stock) >= 0
        if np.any((used > np.asarray(problem.stock)) & limited):
            return False
    return True


def _brute_force(problem: AllocationProblem) -> float:
    n, m = problem.values.shape
    best = 0.0
    for combo in itertools.product(range(-1, m), repeat=n):
        choice = np.array(combo)
        if _feasible(problem, choice):
            given_rows = np.flatnonzero(choice != NONE)
            best = max(best, float(problem.values[given_rows, choice[given_rows]].sum()))
    return best


@st.composite
def problems(draw: st.DrawFn, max_n: int = 4, max_m: int = 3) -> AllocationProblem:
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(1, max_m))
    values = np.array(draw(st.lists(st.floats(0, 10), min_size=n * m, max_size=n * m))).reshape(n, m)
    costs = np.array(draw(st.lists(st.sampled_from([50.0, 100.0, 200.0, 350.0]), min_size=m, max_size=m)))
    stock = np.array(draw(st.lists(st.integers(-1, 2), min_size=m, max_size=m)))
    allowed = np.array(draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m))).reshape(n, m)
    return AllocationProblem(
        values=values, costs=costs, budget=draw(st.sampled_from([0.0, 120.0, 300.0, 600.0])),
        per_contact_cap=draw(st.sampled_from([100.0, 250.0, 1000.0])), stock=stock, allowed=allowed,
    )


class TestSolveMilp:
    @settings(max_examples=60, deadline=None)
    @given(problems())
    def test_matches_brute_force_on_small_problems(self, problem: AllocationProblem) -> None:
        answer = solve_milp(problem)
        solution = answer.solution
        assert answer.status == "optimal" and solution is not None
        assert _feasible(problem, solution.choice)
        assert abs(solution.objective - _brute_force(problem)) < 1e-6

    def test_reports_its_dual_bound(self) -> None:
        problem = AllocationProblem(values=np.array([[3.0, 5.0], [4.0, 1.0]]), costs=np.array([100.0, 300.0]),
                                    budget=400.0)
        answer = solve_milp(problem)
        assert answer.solution is not None and answer.status == "optimal"
        assert answer.solution.objective == 9.0
        assert answer.bound is not None and abs(answer.bound - 9.0) < 1e-6
        assert answer.gap is not None and answer.gap < 1e-6


class TestSolveGreedy:
    @settings(max_examples=60, deadline=None)
    @given(problems(max_n=6, max_m=4))
    def test_is_always_feasible(self, problem: AllocationProblem) -> None:
        assert _feasible(problem, solve_greedy(problem).choice)

    def test_ratio_trap_shows_why_the_milp_is_worth_it(self) -> None:
        # A cheap good-ratio item eats the budget that one big win needed.
        problem = AllocationProblem(values=np.array([[1.0, 9.0], [1.0, 0.0]]), costs=np.array([10.0, 100.0]),
                                    budget=100.0)
        assert solve_greedy(problem).objective == 2.0
        assert allocate(problem).objective == 9.0


class TestAllocate:
    @settings(max_examples=40, deadline=None)
    @given(problems(max_n=6, max_m=4))
    def test_never_worse_than_greedy_and_feasible(self, problem: AllocationProblem) -> None:
        result = allocate(problem)
        assert result.objective >= result.greedy_objective - 1e-9
        assert _feasible(problem, result.choice)
        if result.milp_objective:
            assert result.greedy_gap is not None and result.greedy_gap >= -1e-9

    def test_zero_time_limit_falls_back_to_greedy(self) -> None:
        rng = np.random.default_rng(3)
        n, m = 400, 20
        problem = AllocationProblem(
            values=expected_values(rng.random((n, m)), rng.lognormal(size=n)),
            costs=rng.choice([50.0, 120.0, 300.0], size=m), budget=n * 90.0, per_contact_cap=300.0,
        )
        result = allocate(problem, time_limit=1e-6)
        assert result.method == "greedy" or result.milp_status != "optimal"
        assert result.objective >= result.greedy_objective
        assert _feasible(problem, result.choice)

    def test_stock_limits_how_many_get_the_favourite(self) -> None:
        problem = AllocationProblem(values=np.full((5, 1), 2.0), costs=np.array([10.0]), budget=1000.0,
                                    stock=np.array([2]))
        result = allocate(problem)
        assert int((result.choice == 0).sum()) == 2


class TestExpectedValues:
    def test_score_times_potential_clipped_to_unit_scores(self) -> None:
        values = expected_values(np.array([[0.5, 1.5]]), np.array([2.0]))
        assert values.tolist() == [[1.0, 2.0]]
