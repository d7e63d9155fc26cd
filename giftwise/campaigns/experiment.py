"""Measure lift, not activity: a seeded control group and the gifted-vs-held-back difference with its interval.

As in field experiments on gifts and reciprocity, a random share of the targets gets no gift;
the difference of outcome rates, with a Newcombe (hybrid Wilson score) interval, says how much
the gifts themselves changed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from giftwise.core.i18n import msg


def control_size(n: int, share: float) -> int:
    """How many of ``n`` targets to hold back: ``share`` of them, rounded half up."""
    return min(n, math.floor(n * share + 0.5)) if share > 0 else 0


def draw_control(contact_ids: Sequence[int], *, share: float, seed: int) -> set[int]:
    """The contacts held back: a seeded random ``share`` of ``contact_ids`` (same seed, same draw)."""
    ordered = np.array(sorted(set(contact_ids)), dtype=np.int64)
    k = control_size(len(ordered), share)
    if k == 0:
        return set()
    permuted = np.random.default_rng(seed).permutation(ordered)
    return {int(c) for c in permuted[:k]}


def late_arm(contact_id: int, *, share: float, seed: int) -> str:
    """The arm of a target added after the draw: control with probability ``share``, reproducibly."""
    return "control" if random.Random(f"{seed}:{contact_id}").random() < share else "gifted"


@dataclass(frozen=True, slots=True)
class Interval:
    """A proportion or difference with its confidence interval."""

    estimate: float
    low: float
    high: float


def wilson(successes: int, n: int, *, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a proportion (well behaved at 0 and n, unlike the normal one)."""
    if n <= 0:
        raise ValueError(msg("campaigns.proportion_needs_least_one"))
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + confidence / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def newcombe_difference(
    successes_a: int, n_a: int, successes_b: int, n_b: int, *, confidence: float = 0.95
) -> Interval:
    """Difference of proportions a − b with Newcombe's hybrid score interval (his method 10)."""
    a = wilson(successes_a, n_a, confidence=confidence)
    b = wilson(successes_b, n_b, confidence=confidence)
    d = a.estimate - b.estimate
    low = d - math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2)
    high = d + math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2)
    return Interval(d, max(-1.0, low), min(1.0, high))
