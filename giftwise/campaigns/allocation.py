"""Which gift (or none) each target gets: an exact MILP (HiGHS), and a greedy fallback.

Pure numpy/scipy over matrices, no database, so the benchmark and the campaign service share it.

The programme, for contacts i and options j (x_ij = 1 when contact i gets option j)::

    maximise    sum_ij value_ij * x_ij
    subject to  sum_j x_ij <= 1                 each contact gets at most one gift ("none" is x_i. = 0)
                sum_ij cost_ij * x_ij <= budget  the money released for this phase
                sum_i x_ij <= stock_j            for items with limited stock
                x_ij = 0 where the pair is not allowed (compliance, per-contact cap) or worth nothing

The greedy heuristic takes pairs in order of value per unit of cost, upgrading a contact to a
better option when the budget still allows; it is what runs when HiGHS hits its time limit.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

NONE = -1
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class AllocationProblem:
    """The inputs of one allocation: values and costs per (contact, option), budget, caps, stock."""

    values: FloatArray  # (n, m) expected value of giving option j to contact i
    costs: FloatArray  # (n, m) or (m,) money each option costs for each contact
    budget: float
    per_contact_cap: FloatArray | float = np.inf  # scalar or (n,) money left under each contact's cap
    stock: IntArray | None = None  # (m,) units left; negative means unlimited
    allowed: BoolArray | None = None  # (n, m) False where policy forbids the pair

    def cost_matrix(self) -> FloatArray:
        """Costs broadcast to (n, m)."""
        return np.broadcast_to(np.asarray(self.costs, dtype=float), self.values.shape).astype(float)

    def eligible(self) -> BoolArray:
        """Pairs worth considering: allowed, positive value, within the contact's cap and the budget."""
        costs = self.cost_matrix()
        cap = np.asarray(self.per_contact_cap, dtype=float)
        cap = cap[:, None] if cap.ndim == 1 else cap
        mask = (self.values > 0) & (costs <= cap + 1e-9) & (costs <= self.budget + 1e-9) & np.isfinite(self.values)
        if self.allowed is not None:
            mask &= self.allowed
        if self.stock is not None:
            mask &= (np.asarray(self.stock) != 0)[None, :]
        return np.asarray(mask, dtype=bool)

    def undominated(self) -> BoolArray:
        """Eligible pairs minus those another eligible, unlimited-stock option beats on both cost and value.

        Dropping them keeps the optimum exact: a contact given a dominated option can always be
        switched to its dominator without breaking the budget, the cap or any stock limit.
        """
        mask = self.eligible()
        costs = self.cost_matrix()
        unlimited = np.ones(mask.shape[1], dtype=bool) if self.stock is None else np.asarray(self.stock) < 0
        dominated = np.zeros_like(mask)
        for k in np.flatnonzero(unlimited):
            beats = mask[:, k : k + 1] & (costs[:, k : k + 1] <= costs) & (self.values[:, k : k + 1] >= self.values)
            strictly = (costs[:, k : k + 1] < costs) | (self.values[:, k : k + 1] > self.values)
            ties = np.arange(mask.shape[1]) > k  # identical options: keep the first
            dominated |= beats & (strictly | ties[None, :])
        return mask & ~dominated


@dataclass(frozen=True, slots=True)
class Solution:
    """One method's answer: the option chosen per contact (NONE for no gift), its value and cost."""

    choice: IntArray
    objective: float
    cost: float
    seconds: float


@dataclass(frozen=True, slots=True)
class AllocationResult:
    """The chosen allocation and how it compares: MILP vs greedy objectives, gap, solver bound."""

    choice: IntArray
    method: str  # milp | greedy
    objective: float
    cost: float
    milp_objective: float | None
    milp_status: str
    milp_bound: float | None  # HiGHS's dual bound: no allocation can beat it
    milp_gap: float | None  # HiGHS's own relative gap between its solution and bound
    milp_seconds: float
    greedy_objective: float
    greedy_seconds: float

    @property
    def greedy_gap(self) -> float | None:
        """How much value greedy leaves on the table relative to the MILP (0.02 = 2 %)."""
        if self.milp_objective is None or self.milp_objective <= 0:
            return None
        # A MILP stopped by its time limit or tolerance can end below greedy; greedy then left nothing behind.
        return max(0.0, (self.milp_objective - self.greedy_objective) / self.milp_objective)


def expected_values(scores: FloatArray, potential: FloatArray) -> FloatArray:
    """Expected value per (contact, option): the recommender's fit score (0..1) times the contact's potential."""
    scores = np.clip(np.asarray(scores, dtype=float), 0.0, 1.0)
    return scores * np.asarray(potential, dtype=float)[:, None]


@dataclass(frozen=True, slots=True)
class MilpAnswer:
    """What HiGHS returned: a solution (None if none was found in time), status, dual bound, gap, time."""

    solution: Solution | None
    status: str
    bound: float | None
    gap: float | None
    seconds: float


def allocate(problem: AllocationProblem, *, time_limit: float = 10.0) -> AllocationResult:
    """Solve exactly with HiGHS within ``time_limit`` seconds; keep greedy's answer if that is better."""
    greedy = solve_greedy(problem)
    answer = solve_milp(problem, time_limit=time_limit)
    milp = answer.solution
    use_milp = milp is not None and milp.objective >= greedy.objective - 1e-9
    best = milp if use_milp and milp is not None else greedy
    return AllocationResult(
        choice=best.choice,
        method="milp" if use_milp else "greedy",
        objective=best.objective,
        cost=best.cost,
        milp_objective=milp.objective if milp else None,
        milp_status=answer.status,
        milp_bound=answer.bound,
        milp_gap=answer.gap,
        milp_seconds=answer.seconds,
        greedy_objective=greedy.objective,
        greedy_seconds=greedy.seconds,
    )


def solve_milp(problem: AllocationProblem, *, time_limit: float = 10.0) -> MilpAnswer:
    """The HiGHS answer within ``time_limit`` seconds, over the undominated pairs only."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    started = time.perf_counter()
    n, m = problem.values.shape
    rows, cols = np.nonzero(problem.undominated())
    k = rows.size
    if k == 0:
        return MilpAnswer(_solution(problem, np.full(n, NONE), started), "optimal", 0.0, 0.0, 0.0)
    values = problem.values[rows, cols]
    costs = problem.cost_matrix()[rows, cols]
    var = np.arange(k)
    constraints = [
        LinearConstraint(csr_array((np.ones(k), (rows, var)), shape=(n, k)), -np.inf, 1.0),
        LinearConstraint(costs.reshape(1, -1), -np.inf, problem.budget),
    ]
    if problem.stock is not None:
        stock = np.asarray(problem.stock)
        limited = np.flatnonzero(stock >= 0)
        if limited.size:
            position = np.full(m, -1)
            position[limited] = np.arange(limited.size)
            keep = position[cols] >= 0
            matrix = csr_array((np.ones(int(keep.sum())), (position[cols][keep], var[keep])), shape=(limited.size, k))
            constraints.append(LinearConstraint(matrix, -np.inf, stock[limited].astype(float)))
    with _native_stdout_silenced():
        result = milp(
            c=-values, constraints=constraints, integrality=np.ones(k), bounds=Bounds(0, 1),
            options={"time_limit": float(time_limit), "disp": False},
        )
    status = {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "error"}.get(result.status, "error")
    bound = -float(result.mip_dual_bound) if getattr(result, "mip_dual_bound", None) is not None else None
    gap = float(result.mip_gap) if getattr(result, "mip_gap", None) is not None else None
    if result.x is None:
        return MilpAnswer(None, status, bound, gap, time.perf_counter() - started)
    chosen = np.asarray(result.x) > 0.5
    choice = np.full(n, NONE, dtype=np.int64)
    choice[rows[chosen]] = cols[chosen]
    solution = _solution(problem, choice, started)
    return MilpAnswer(solution, status, bound, gap, solution.seconds)


def solve_greedy(problem: AllocationProblem) -> Solution:
    """Pairs by value per unit cost; give, or upgrade a contact's gift, while budget and stock allow."""
    started = time.perf_counter()
    n = problem.values.shape[0]
    rows, cols = np.nonzero(problem.eligible())
    values = problem.values[rows, cols]
    costs = problem.cost_matrix()[rows, cols]
    ratio = values / np.maximum(costs, 1e-6)
    order = np.lexsort((-values, -ratio))
    choice = np.full(n, NONE, dtype=np.int64)
    held_value = np.zeros(n)
    held_cost = np.zeros(n)
    stock = None if problem.stock is None else np.asarray(problem.stock, dtype=np.int64).copy()
    left = float(problem.budget)
    for idx in order:
        i, j, v, c = int(rows[idx]), int(cols[idx]), float(values[idx]), float(costs[idx])
        if v <= held_value[i] or c - held_cost[i] > left + 1e-9:
            continue
        if stock is not None and stock[j] == 0:
            continue
        if choice[i] != NONE and stock is not None and stock[choice[i]] >= 0:
            stock[choice[i]] += 1
        if stock is not None and stock[j] > 0:
            stock[j] -= 1
        left -= c - held_cost[i]
        choice[i], held_value[i], held_cost[i] = j, v, c
    return _solution(problem, choice, started)


@contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """HiGHS (C++) sometimes prints debug lines straight to file descriptor 1 even with disp off; they
    would corrupt ``--format json`` output, so the descriptor points at /dev/null while it solves."""
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (embedded interpreter): nothing to protect
        yield
        return
    sys.stdout.flush()
    with open(os.devnull, "wb") as sink:
        os.dup2(sink.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def _solution(problem: AllocationProblem, choice: IntArray, started: float) -> Solution:
    given = np.flatnonzero(choice != NONE)
    objective = float(problem.values[given, choice[given]].sum()) if given.size else 0.0
    cost = float(problem.cost_matrix()[given, choice[given]].sum()) if given.size else 0.0
    return Solution(choice=choice, objective=objective, cost=cost, seconds=time.perf_counter() - started)
