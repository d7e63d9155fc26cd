"""Learning from outcomes: the fit recovers known weights, and is applied only with enough data and consent."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session

from giftwise.calibration.fit import as_weights, enough_data, fit_logistic, synthetic_outcomes
from giftwise.calibration.service import calibrate, weights_file
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid
from giftwise.ledger.service import record_gift_factors
from tests.factories import make_contact
from tests.ledger.factories import make_gift, make_outcome

pytestmark = pytest.mark.usefixtures("frozen_clock")
TRUE_WEIGHTS = [1.2, 0.8, 0.5, 0.0]
NAMES = ["need", "interest", "novelty", "story"]  # factors of giftwise.recommend.weights


class TestFitLogistic:
    def test_recovers_known_weights_from_synthetic_outcomes(self) -> None:
        x, y = synthetic_outcomes(TRUE_WEIGHTS, intercept=-0.4, n=6000, seed=11)
        fit = fit_logistic(x, y, names=NAMES, l2=1.0)
        assert fit.converged
        assert np.allclose(fit.coefficients, TRUE_WEIGHTS, atol=0.12)
        assert fit.intercept == pytest.approx(-0.4, abs=0.12)
        low, high = fit.interval()
        assert np.all((low <= np.array(TRUE_WEIGHTS)) & (np.array(TRUE_WEIGHTS) <= high))

    def test_confidence_narrows_with_more_data(self) -> None:
        small = fit_logistic(*synthetic_outcomes(TRUE_WEIGHTS, intercept=0.0, n=300, seed=1), names=NAMES)
        large = fit_logistic(*synthetic_outcomes(TRUE_WEIGHTS, intercept=0.0, n=3000, seed=1), names=NAMES)
        assert np.all(large.standard_errors < small.standard_errors)

    def test_strong_regularisation_shrinks_towards_zero(self) -> None:
        x, y = synthetic_outcomes(TRUE_WEIGHTS, intercept=0.0, n=400, seed=2)
        loose, tight = fit_logistic(x, y, names=NAMES, l2=0.1), fit_logistic(x, y, names=NAMES, l2=500.0)
        assert np.sum(np.abs(tight.coefficients)) < np.sum(np.abs(loose.coefficients))


class TestAsWeights:
    def test_rescales_to_the_old_total_keeping_proportions(self) -> None:
        fit = fit_logistic(*synthetic_outcomes([2.0, 1.0], intercept=0.0, n=4000, seed=3), names=["a", "b"])
        scaled = as_weights(fit, {"a": 0.3, "b": 0.3})
        assert float(np.sum(np.abs(scaled))) == pytest.approx(0.6)
        assert scaled[0] / scaled[1] == pytest.approx(fit.coefficients[0] / fit.coefficients[1])


class TestEnoughData:
    def test_needs_ten_of_the_rarer_outcome_per_factor(self) -> None:
        assert enough_data(200, 40, 4)
        assert not enough_data(200, 39, 4)
        assert not enough_data(40, 20, 1)


def _history(
    session: Session, actor: Actor, n: int, seed: int, weights: list[float] = TRUE_WEIGHTS,
    names: list[str] = NAMES, constant: dict[str, float] | None = None,
) -> None:
    """Gifts with factor snapshots whose outcomes follow ``weights`` (plus ``constant`` factors)."""
    x, y = synthetic_outcomes(weights, intercept=-0.2, n=n, seed=seed)
    contact = None
    for i in range(n):
        if i % 4 == 0:
            contact = make_contact(session, actor, f"c{i}")
        assert contact is not None
        on = date(2025, 1, 1) + timedelta(days=100 * (i % 4))
        gift = make_gift(session, actor, contact, on=on)
        factors = dict(zip(names, x[i].tolist(), strict=True)) | (constant or {})
        record_gift_factors(session, actor, gift_id=gift.id, factors=factors)
        if y[i]:
            make_outcome(session, contact, "reply", on + timedelta(days=10))


class TestCalibrate:
    def test_says_so_when_there_is_not_enough_data(self, session: Session, actor: Actor) -> None:
        _history(session, actor, 20, seed=4)
        result = calibrate(session, actor)
        assert not result.enough_data and result.weights == []
        assert "Not enough data" in result.message and "20 of them with recorded scoring factors" in result.message
        with pytest.raises(Invalid, match="Nothing was applied"):
            calibrate(session, actor, apply=True)
        assert not weights_file().exists()

    def test_fits_shows_and_applies_only_when_asked(self, session: Session, actor: Actor, env: Path) -> None:
        _history(session, actor, 400, seed=5)
        preview = calibrate(session, actor)
        assert preview.enough_data and not preview.applied and preview.source == "snapshots"
        by_name = {w.factor: w for w in preview.weights}
        assert [w.factor for w in preview.weights] == NAMES
        assert by_name["need"].coefficient > by_name["novelty"].coefficient > 0.1
        assert (by_name["need"].old, by_name["interest"].old) == (2.4, 1.8)  # the recommender's defaults
        assert all(w.ci_low <= w.new <= w.ci_high for w in preview.weights)
        assert not weights_file().exists()
        applied = calibrate(session, actor, apply=True)
        saved = json.loads(weights_file().read_text())
        assert applied.applied and {w.factor: saved[w.factor] for w in applied.weights} == {
            w.factor: w.new for w in applied.weights}
        assert saved["wish"] == 3.0  # factors not in the data keep their weight

        from giftwise.recommend.weights import load_weights

        assert load_weights().need == by_name["need"].new == applied.weights[0].new
        again = calibrate(session, actor)
        assert {w.factor: w.old for w in again.weights} == {w.factor: w.new for w in applied.weights}

    def test_a_factor_that_hurts_is_kept_at_zero_and_a_constant_one_keeps_its_weight(
        self, session: Session, actor: Actor
    ) -> None:
        _history(session, actor, 400, seed=6, weights=[1.0, -0.9], names=["need", "novelty"],
                 constant={"story": 0.0})
        result = calibrate(session, actor)
        by_name = {w.factor: w for w in result.weights}
        assert by_name["novelty"].coefficient < 0 and by_name["novelty"].new == 0.0
        assert "Came out negative, kept at 0: novelty" in result.message
        assert "No variation in the data, weight kept: story" in result.message


class TestRecordGiftFactors:
    def test_factors_are_frozen_once(self, session: Session, actor: Actor) -> None:
        gift = make_gift(session, actor, make_contact(session, actor), on=date(2026, 11, 1))
        record_gift_factors(session, actor, gift_id=gift.id, factors={"need_match": 1.0})
        with pytest.raises(Conflict, match="frozen"):
            record_gift_factors(session, actor, gift_id=gift.id, factors={"need_match": 0.0})

    def test_empty_factors_are_refused(self, session: Session, actor: Actor) -> None:
        gift = make_gift(session, actor, make_contact(session, actor), on=date(2026, 11, 1))
        with pytest.raises(Invalid, match="non-empty"):
            record_gift_factors(session, actor, gift_id=gift.id, factors={})
