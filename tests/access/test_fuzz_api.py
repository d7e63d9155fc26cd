"""schemathesis over the app's own OpenAPI (bounded examples): signed in as a rep, no server error.

What a caller with no credentials meets is the route matrix's (test_route_rules: every route, an invalid body,
nothing but 401 or the sign-in page); fuzzing it here as well cost CI two minutes and found nothing the matrix
does not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.access.test_route_rules import Book, _serve

# Examples per operation: enough to reach every operation's edges in CI without slowing it down.
MAX_EXAMPLES = 4
FUZZ_SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                         suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzz_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """rep A's book in one app for the whole module."""
    yield from _serve(tmp_path_factory.mktemp("fuzz"))


def _app() -> Any:
    from giftwise.api import create_app
    from giftwise.core.settings import reset_settings

    # schemathesis' in-process client calls itself "testserver".
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIFTWISE_ALLOWED_HOSTS", "testserver,localhost")
        reset_settings()
        app = create_app()
    reset_settings()
    return app


# The app's routes and OpenAPI need no database; each call finds the module's database through the settings.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@FUZZ_SETTINGS
def test_a_signed_in_rep_never_meets_a_server_error(case: Any, fuzz_book: Book) -> None:
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    case.headers = {**headers, "Authorization": f"Bearer {fuzz_book.tokens['rep_a']}"}
    response = case.call()
    # Charts and sheets answer in bytes: show the start of any body without assuming it is text.
    body = bytes(response.content[:300]).decode("utf-8", errors="replace")
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {body}"
