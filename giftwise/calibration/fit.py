"""Learning from outcomes: an L2-regularised logistic regression of "a positive outcome followed the gift"
on the recommender's scoring factors, with standard errors from the penalised Hessian.

Pure numpy/scipy; ``giftwise.calibration.service`` gathers the data and decides whether to apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Z95 = 1.959963984540054
# Events-per-variable rule of thumb for logistic regression (Peduzzi et al. 1996): at least 10 of the
# rarer outcome per factor, and never fewer than MIN_GIFTS gifts overall.
EVENTS_PER_FACTOR = 10
MIN_GIFTS = 50


@dataclass(frozen=True, slots=True)
class WeightFit:
    """Fitted log-odds coefficients per factor, their standard errors, and the intercept."""

    names: tuple[str, ...]
    coefficients: NDArray[np.float64]
    standard_errors: NDArray[np.float64]
    intercept: float
    n: int
    positives: int
    converged: bool

    def interval(self, z: float = Z95) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Wald confidence bounds of the coefficients (95 % by default)."""
        return self.coefficients - z * self.standard_errors, self.coefficients + z * self.standard_errors


def fit_logistic(
    features: NDArray[np.float64], outcomes: NDArray[np.float64], *, names: Sequence[str], l2: float = 1.0
) -> WeightFit:
    """Maximise the L2-penalised log-likelihood (the intercept is not penalised)."""
    from scipy.optimize import minimize

    x = np.column_stack([np.ones(len(features)), np.asarray(features, dtype=float)])
    y = np.asarray(outcomes, dtype=float)
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0

    def loss(beta: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        eta = x @ beta
        value = float(np.sum(np.logaddexp(0.0, eta) - y * eta) + 0.5 * np.sum(penalty * beta * beta))
        gradient = x.T @ (_sigmoid(eta) - y) + penalty * beta
        return value, gradient

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    beta = np.asarray(result.x)
    p = _sigmoid(x @ beta)
    hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
    covariance = np.linalg.pinv(hessian)
    errors = np.sqrt(np.clip(np.diag(covariance), 0.0, None))
    return WeightFit(
        names=tuple(names), coefficients=beta[1:], standard_errors=errors[1:], intercept=float(beta[0]),
        n=len(y), positives=int(y.sum()), converged=bool(result.success),
    )


def enough_data(n: int, positives: int, factors: int) -> bool:
    """True when there are enough gifts, and enough of both outcomes, to fit ``factors`` weights."""
    rarer = min(positives, n - positives)
    return n >= MIN_GIFTS and rarer >= EVENTS_PER_FACTOR * max(factors, 1)


def needed_events(factors: int) -> int:
    """How many of the rarer outcome (successes or failures) a fit of ``factors`` weights needs."""
    return EVENTS_PER_FACTOR * max(factors, 1)


def as_weights(fit: WeightFit, old: dict[str, float] | None) -> NDArray[np.float64]:
    """Coefficients on the scale of the old weights (same total absolute weight), or as they are without old ones."""
    if not old:
        return fit.coefficients
    old_total = sum(abs(old.get(name, 0.0)) for name in fit.names)
    new_total = float(np.sum(np.abs(fit.coefficients)))
    if old_total <= 0 or new_total <= 0:
        return fit.coefficients
    return fit.coefficients * (old_total / new_total)


def synthetic_outcomes(
    weights: Sequence[float], *, intercept: float, n: int, seed: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Factor vectors (standard normal) and 0/1 outcomes drawn from a known logistic model (for tests)."""
    rng = np.random.default_rng(seed)
    features = rng.standard_normal((n, len(weights)))
    probability = _sigmoid(intercept + features @ np.asarray(weights, dtype=float))
    return features, (rng.random(n) < probability).astype(float)


def _sigmoid(eta: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * eta)))
