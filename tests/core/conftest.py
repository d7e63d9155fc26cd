"""Fixtures of the core tests that speak to the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from giftwise.core.settings import reset_settings


@pytest.fixture
def speaking(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the installation's language (GIFTWISE_LANGUAGE) for the test, as a fresh process would read it."""

    def use(language: str) -> None:
        monkeypatch.setenv("GIFTWISE_LANGUAGE", language)
        reset_settings()

    yield use
    reset_settings()
