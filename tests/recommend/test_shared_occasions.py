"""One list of occasions: every occasion a gift can be planned for (and the ledger groups by) is one the
recommender ranks for, birthday and get-well included."""

from __future__ import annotations

import pytest

from giftwise.core import occasions as shared
from giftwise.core.errors import Invalid
from giftwise.gifts.drafts import occasions as gift_occasions
from giftwise.recommend.rules import occasion_rule
from giftwise.recommend.rules import occasions as ranked_occasions


def test_every_gift_occasion_is_one_the_recommender_ranks_for() -> None:
    assert set(gift_occasions()) == set(shared.names())
    for name in gift_occasions():
        assert occasion_rule(name).name in ranked_occasions(), name
    assert occasion_rule("birthday").name == "congratulations"
    assert occasion_rule("get-well").name == "care"


def test_an_unknown_occasion_names_the_shared_list() -> None:
    with pytest.raises(Invalid) as caught:
        occasion_rule("unicorn-day")
    sentence = caught.value.sentence("en")
    assert "birthday" in sentence and "get-well" in sentence
