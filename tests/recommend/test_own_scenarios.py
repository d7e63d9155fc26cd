"""The own labelled scenarios (both languages, negations, stale events, conflicting facts) on the
alternative catalog: every one must pass, and nothing restricted may ever be recommended."""

from __future__ import annotations

from typing import Any

import pytest

from tests.recommend.scenarios import judge, own_scenarios, run

SCENARIOS = own_scenarios()


class TestOwnScenarios:
    def test_there_are_at_least_forty_in_both_languages(self) -> None:
        languages = {s["profile"]["language"] for s in SCENARIOS}
        assert len(SCENARIOS) >= 40
        assert languages == {"zh", "en"}

    @pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
    def test_scenario(self, scenario: dict[str, Any]) -> None:
        result = run(scenario)
        ranked = [r.item.id for r in result.recommendations]
        assert judge(scenario["expect"], ranked) == [], scenario["lesson"]
