"""``giftwise calibrate``: learn the recommender's weights from what came back after each gift.

The recommender (``giftwise.recommend``) scores a pair as ``sum(weight[f] * factor[f])`` over
``giftwise.recommend.weights.FACTORS`` and reads calibrated weights from
``<GIFTWISE_DATA_DIR>/recommend_weights.json`` over its defaults. Calibration regresses "a positive
outcome within N days of the gift" on each sent gift's factor vector, rescales the coefficients to
the total weight in force (so scores keep their range) and, on ``--apply``, writes that file.

Factor vectors are the snapshots frozen at planning time with
``giftwise.ledger.service.record_gift_factors`` (campaign allocations record them; any other
planner may) and, for every other gift of a catalog item, the recommender's
``giftwise.recommend.service.factor_vectors`` as of the gift's planned date. Factors that never
vary in the data keep their current weight; a factor whose fit comes out negative (it hurt where
it should help) is kept at 0 and named.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit
from giftwise.calibration.fit import MIN_GIFTS, WeightFit, as_weights, enough_data, fit_logistic, needed_events
from giftwise.calibration.schemas import CalibrationResult, WeightRow
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import t
from giftwise.core.settings import get_settings
from giftwise.ledger import history as ledger_history
from giftwise.ledger.history import given_on
from giftwise.ledger.schemas import POSITIVE_KINDS
from giftwise.ledger.service import load_history
from giftwise.models.campaigns import GiftFactorSnapshot
from giftwise.models.gifts import GIFT_SENT, Gift
from giftwise.recommend.service import factor_vectors
from giftwise.recommend.weights import FACTORS, WEIGHTS_FILE, load_weights


def calibrate(
    session: Session, actor: Actor, *, days: int = 30, apply: bool = False, l2: float = 1.0
) -> CalibrationResult:
    """Fit weights on sent gifts whose ``days`` have passed; apply them only when asked and the data suffice."""
    if not 7 <= days <= 365:
        raise Invalid("calibration.days_between", field="days")
    today = clock.today()
    loaded = load_history(session, actor)
    matured = [g for g in loaded.gifts if g.status in GIFT_SENT and given_on(g) + timedelta(days=days) <= today]
    vectors, source = _factor_vectors(session, actor, [g.id for g in matured])
    gifts = [g for g in matured if g.id in vectors]
    known = _factor_names({name for g in gifts for name in vectors[g.id]})
    x = np.array([[vectors[g.id].get(name, 0.0) for name in known] for g in gifts], dtype=float)
    x = x.reshape(len(gifts), len(known))
    y = _successes(loaded, gifts, days)
    varying = [k for k in range(len(known)) if len(gifts) and float(np.ptp(x[:, k])) > 1e-9]
    old = _current_weights()
    n, positives = len(gifts), int(y.sum())
    # Fit only as many factors as the data can support (ten of the rarer outcome each), the ones that
    # move scores most first; the others keep their weight until more outcomes come in.
    supported = min(positives, n - positives) // needed_events(1)
    moving = [known[k] for k in varying]
    varying = sorted(varying, key=lambda k: -abs(old.get(known[k], 1.0)) * float(np.std(x[:, k])))[:supported]
    varying.sort()
    names = [known[k] for k in varying]
    if not names or not enough_data(n, positives, len(names)):
        message = _missing_message(len(matured), n, positives, days, actor.language)
        if apply:
            raise Invalid("calibration.nothing_applied", reason=message)
        return CalibrationResult(days=days, gifts=n, positives=positives, enough_data=False, source=source,
                                 weights=[], intercept=None, applied=False, message=message)
    fit = fit_logistic(x[:, varying], y, names=names, l2=l2)
    rows = _weight_rows(fit, old)
    kept = [name for name in known if name not in moving]
    waiting = [name for name in moving if name not in names]
    new_weights = {**old, **{r.factor: r.new for r in rows}}
    if apply:
        _save_weights(session, actor, new_weights)
        record_audit(session, actor, action="recommend.calibrate", entity="weights", entity_id=None,
                     before=old or None, after=new_weights)
    return CalibrationResult(
        days=days, gifts=n, positives=positives, enough_data=True, source=source, weights=rows,
        intercept=round(fit.intercept, 4), applied=apply,
        message=_fitted_message(actor.language, n, positives, days, rows, kept, apply, waiting),
    )


def _missing_message(sent: int, n: int, positives: int, days: int, language: str) -> str:
    """In words: what the data holds, and what is missing before even one weight can be fitted."""
    more_gifts = max(MIN_GIFTS - n, 0)
    more_successes = max(needed_events(1) - positives, 0)
    more_failures = max(needed_events(1) - (n - positives), 0)
    wanting = [t(key, language, n=count) for key, count in (
        ("calibration.missing_gifts", more_gifts), ("calibration.missing_successes", more_successes),
        ("calibration.missing_failures", more_failures)) if count]
    return t("calibration.not_enough", language, sent=sent, days=days, n=n, positives=positives,
             missing="; ".join(wanting))


def _successes(loaded: ledger_history.History, gifts: list[Gift], days: int) -> np.ndarray:
    """1 for each gift followed by a reply, meeting, order or referral within ``days``, else 0."""
    positive_days: dict[int, list[date]] = {}
    for outcome in loaded.outcomes:
        if outcome.kind in POSITIVE_KINDS:
            positive_days.setdefault(outcome.contact_id, []).append(outcome.on)
    window = timedelta(days=days)
    return np.array([
        any(given_on(g) <= day <= given_on(g) + window for day in positive_days.get(g.contact_id, [])) for g in gifts
    ], dtype=float)


def _weight_rows(fit: WeightFit, old: dict[str, float]) -> list[WeightRow]:
    """Old vs new weight per fitted factor, the new one on the old scale, never below zero."""
    scaled = as_weights(fit, old)
    scale = scaled / np.where(fit.coefficients == 0, 1.0, fit.coefficients)
    low, high = fit.interval()
    return [
        WeightRow(factor=name, old=old.get(name), new=round(max(float(scaled[i]), 0.0), 4),
                  coefficient=round(float(fit.coefficients[i]), 4), se=round(float(fit.standard_errors[i]), 4),
                  ci_low=round(float(low[i] * scale[i]), 4), ci_high=round(float(high[i] * scale[i]), 4))
        for i, name in enumerate(fit.names)
    ]


def _fitted_message(
    language: str, n: int, positives: int, days: int, rows: list[WeightRow], kept: list[str], apply: bool,
    waiting: list[str],
) -> str:
    parts = [t("calibration.fitted", language, gifts=n, positives=positives, days=days)]
    if waiting:
        parts.append(t("calibration.waiting", language, count=len(rows), factors=", ".join(waiting)))
    negative = [r.factor for r in rows if r.coefficient < 0]
    if negative:
        parts.append(t("calibration.negative_kept_zero", language, factors=", ".join(negative)))
    if kept:
        parts.append(t("calibration.no_variation", language, factors=", ".join(kept)))
    parts.append(t("calibration.applied" if apply else "calibration.apply_hint", language))
    return "".join(parts)  # each later sentence carries its own leading space where the language wants one


def weights_file() -> Path:
    """The file the recommender reads its calibrated weights from."""
    return get_settings().data_dir / WEIGHTS_FILE


def _factor_names(seen: set[str]) -> list[str]:
    """The recommender's factors in its order (those seen in the data), then any other names seen, sorted."""
    return [f for f in FACTORS if f in seen] + sorted(seen - set(FACTORS))


def _factor_vectors(session: Session, actor: Actor, gift_ids: list[int]) -> tuple[dict[int, dict[str, float]], str]:
    """Each gift's factor vector: its planning-time snapshot when one was frozen (exactly what was scored),
    else the recommender's reconstruction as of the planned date; and which of the two were used."""
    if not gift_ids:
        return {}, "none"
    snapshots = session.scalars(select(GiftFactorSnapshot).where(GiftFactorSnapshot.gift_id.in_(gift_ids)))
    frozen = {s.gift_id: {str(n): float(v) for n, v in s.factors.items()} for s in snapshots}
    missing = [i for i in gift_ids if i not in frozen]
    rebuilt = factor_vectors(session, actor, gift_ids=missing) if missing else {}
    sources = [name for name, found in (("snapshots", frozen), ("recommender", rebuilt)) if found]
    return {**rebuilt, **frozen}, "+".join(sources) or "none"


def _current_weights() -> dict[str, float]:
    return load_weights(weights_file()).as_dict()


def _save_weights(session: Session, actor: Actor, weights: dict[str, float]) -> None:
    _ = (session, actor)  # the weights live in a data file, not in the database; the caller audits the change
    path = weights_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, indent=2, sort_keys=True) + "\n", "utf-8")
