"""``giftwise calibrate``: learn the recommender's weights from what came back after each gift.

INTERFACE with the recommender (``giftwise.recommend.service``), each function optional:

- ``factor_vectors(session, actor, *, gift_ids: list[int]) -> dict[int, dict[str, float]]``: the
  scoring factors each gift had when it was chosen;
- ``current_weights() -> dict[str, float]``: the weights in force;
- ``save_weights(session, actor, *, weights: dict[str, float]) -> None``: keep new weights.

Until those exist, factor vectors come from snapshots recorded with
``giftwise.ledger.service.record_gift_factors`` when a gift is planned, the current weights from
``<GIFTWISE_DATA_DIR>/calibration/weights.json``, and accepted weights are written there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.settings import get_settings
from giftwise.ledger import history as ledger_history
from giftwise.ledger.calibration import as_weights, enough_data, fit_logistic, needed_events
from giftwise.ledger.history import SENT_STATUSES, given_on
from giftwise.ledger.schemas import POSITIVE_KINDS, CalibrationResult, WeightRow
from giftwise.models.campaigns import GiftFactorSnapshot


def calibrate(
    session: Session, actor: Actor, *, days: int = 30, apply: bool = False, l2: float = 1.0
) -> CalibrationResult:
    """Fit weights on sent gifts whose ``days`` have passed; apply them only when asked and the data suffice."""
    if not 7 <= days <= 365:
        raise Invalid("days must be between 7 and 365.", field="days")
    today = clock.today()
    loaded = ledger_history.load(session, actor)
    matured = [g for g in loaded.gifts if g.status in SENT_STATUSES and given_on(g) + timedelta(days=days) <= today]
    vectors, source = _factor_vectors(session, actor, [g.id for g in matured])
    gifts = [g for g in matured if g.id in vectors]
    names = sorted({name for g in gifts for name in vectors[g.id]})
    positive_days: dict[int, list[date]] = {}
    for outcome in loaded.outcomes:
        if outcome.kind in POSITIVE_KINDS:
            positive_days.setdefault(outcome.contact_id, []).append(outcome.on)
    window = timedelta(days=days)
    y = np.array([
        any(given_on(g) <= day <= given_on(g) + window for day in positive_days.get(g.contact_id, [])) for g in gifts
    ], dtype=float)
    old = _current_weights()
    n, positives = len(gifts), int(y.sum())
    if not names or not enough_data(n, positives, len(names)):
        message = (
            f"Not enough data to calibrate: {len(matured)} gifts were sent at least {days} days ago, {n} of them "
            f"with recorded scoring factors ({positives} followed by a positive outcome). A fit of "
            f"{max(len(names), 1)} factor(s) needs at least 50 such gifts and {needed_events(len(names))} "
            "successes and failures each; keep recording outcomes."
        )
        if apply:
            raise Invalid(message + " Nothing was applied.")
        return CalibrationResult(days=days, gifts=n, positives=positives, enough_data=False, source=source,
                                 weights=[], intercept=None, applied=False, message=message)
    x = np.array([[vectors[g.id].get(name, 0.0) for name in names] for g in gifts], dtype=float)
    fit = fit_logistic(x, y, names=names, l2=l2)
    scaled = as_weights(fit, old)
    scale = scaled / np.where(fit.coefficients == 0, 1.0, fit.coefficients)
    low, high = fit.interval()
    rows = [
        WeightRow(factor=name, old=old.get(name) if old else None, new=round(float(scaled[i]), 4),
                  coefficient=round(float(fit.coefficients[i]), 4), se=round(float(fit.standard_errors[i]), 4),
                  ci_low=round(float(low[i] * scale[i]), 4), ci_high=round(float(high[i] * scale[i]), 4))
        for i, name in enumerate(names)
    ]
    if apply:
        _save_weights(session, actor, {r.factor: r.new for r in rows})
        record_audit(session, actor, action="recommend.calibrate", entity="weights", entity_id=None,
                     before=old or None, after={r.factor: r.new for r in rows})
    message = (
        f"Fitted on {n} gifts ({positives} followed by a positive outcome within {days} days). "
        + ("New weights applied." if apply else "Run 'giftwise calibrate --apply' to keep the new weights.")
    )
    return CalibrationResult(days=days, gifts=n, positives=positives, enough_data=True, source=source, weights=rows,
                             intercept=round(fit.intercept, 4), applied=apply, message=message)


def weights_file() -> Path:
    """Where accepted weights are kept until the recommender stores them itself."""
    return get_settings().data_dir / "calibration" / "weights.json"


def _recommender(name: str) -> Callable[..., Any] | None:
    try:
        module = import_module("giftwise.recommend.service")
    except ImportError:
        return None
    return getattr(module, name, None)


def _factor_vectors(session: Session, actor: Actor, gift_ids: list[int]) -> tuple[dict[int, dict[str, float]], str]:
    from_recommender = _recommender("factor_vectors")
    if from_recommender is not None and gift_ids:
        vectors = from_recommender(session, actor, gift_ids=gift_ids)
        if vectors:
            return {int(k): {str(n): float(v) for n, v in f.items()} for k, f in vectors.items()}, "recommender"
    if not gift_ids:
        return {}, "none"
    snapshots = session.scalars(select(GiftFactorSnapshot).where(GiftFactorSnapshot.gift_id.in_(gift_ids)))
    vectors = {s.gift_id: {str(n): float(v) for n, v in s.factors.items()} for s in snapshots}
    return vectors, "snapshots" if vectors else "none"


def _current_weights() -> dict[str, float]:
    current = _recommender("current_weights")
    if current is not None:
        return {str(k): float(v) for k, v in current().items()}
    path = weights_file()
    if path.exists():
        return {str(k): float(v) for k, v in json.loads(path.read_text("utf-8")).get("weights", {}).items()}
    return {}


def _save_weights(session: Session, actor: Actor, weights: dict[str, float]) -> None:
    save = _recommender("save_weights")
    if save is not None:
        save(session, actor, weights=weights)
        return
    path = weights_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"weights": weights, "fitted_on": clock.today().isoformat()}, indent=2), "utf-8")
