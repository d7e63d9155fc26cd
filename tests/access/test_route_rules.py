"""Every route declares who may use it, and each rule holds for everyone who knocks.

The app's own route table is walked: a route (API or web page) without one of the declared rules fails,
so a new route cannot slip in open. Then every route is called as nobody, rep A, rep B (same team, own
book), A's manager and an admin, on a book owned by rep A, and each answer is checked against the rule.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import update

from giftwise.core.api_support import get_actor as signed_in
from giftwise.core.api_support import public, require_admin, require_manager
from tests.conftest import FIXED_TODAY

# Served by FastAPI itself (the OpenAPI description and its viewers) or static files: public by nature.
FRAMEWORK_PUBLIC = {"/openapi.json", "/docs/oauth2-redirect", "/static", "/docs-assets"}
PERSONAS = ("nobody", "rep_a", "rep_b", "manager_a", "admin")
RULES: dict[Callable[..., Any], str] = {
    public: "public", require_admin: "admin", require_manager: "manager", signed_in: "signed-in",
}


def _app_routes() -> list[Any]:
    from giftwise.api import create_app

    return list(iter_route_contexts(create_app().routes))


def _calls(dependant: Any) -> set[Callable[..., Any]]:
    found: set[Callable[..., Any]] = set()
    for sub in dependant.dependencies:
        found.add(sub.call)
        found |= _calls(sub)
    return found


def rule_of(route: APIRoute) -> str | None:
    """The strictest access rule a route declares through its dependencies, or None."""
    declared = [RULES[call] for call in _calls(route.dependant) if call in RULES]
    for rule in ("admin", "manager", "signed-in", "public"):
        if rule in declared:
            return rule
    return None


def _api_routes() -> list[tuple[str, str, APIRoute]]:
    found = []
    for context in _app_routes():
        route = context.route if isinstance(context.route, APIRoute) else context.original_route
        if isinstance(route, APIRoute):
            found.extend((method, context.path, route) for method in sorted(route.methods))
    return found


class TestEveryRouteDeclaresARule:
    def test_no_route_without_a_rule(self) -> None:
        undeclared = []
        for context in _app_routes():
            route = context.route if isinstance(context.route, APIRoute) else context.original_route
            if isinstance(route, APIRoute):
                if rule_of(route) is None:
                    undeclared.append(f"{sorted(route.methods)} {context.path}")
            elif context.path not in FRAMEWORK_PUBLIC:
                undeclared.append(f"{type(route).__name__} {context.path}")
        assert undeclared == [], "routes that declare no access rule (ActorDep, ManagerDep, AdminDep or PUBLIC)"

    def test_the_walk_sees_api_and_web_routes(self) -> None:
        paths = {path for _, path, _ in _api_routes()}
        assert {"/contacts", "/app/contacts", "/app/sign-in", "/users"} <= paths and len(paths) > 100


# ---- the matrix --------------------------------------------------------------------------------


@dataclass
class Book:
    """The shared app and the ids of rep A's book."""

    client: TestClient
    tokens: dict[str, str]
    ids: dict[str, Any]
    fresh: dict[str, Callable[[], Any]]


def _serve(tmp: Path) -> Iterator[Book]:
    from giftwise.accounts.schemas import UserCreate
    from giftwise.accounts.service import actor_of, create_user, find_user
    from giftwise.accounts.tokens import TokenKind
    from giftwise.accounts.tokens_service import issue_for_user
    from giftwise.api import create_app
    from giftwise.core import clock
    from giftwise.core.db import dispose_engines, get_engine, session_factory
    from giftwise.core.settings import reset_settings
    from giftwise.models import Base
    from tests.conftest import local_admin
    from tests.e2e.world import build_world

    with pytest.MonkeyPatch.context() as patch:
        (tmp / "data").mkdir()
        patch.setenv("GIFTWISE_DATA_DIR", str(tmp / "data"))
        patch.setenv("GIFTWISE_DATABASE_URL", f"sqlite:///{tmp / 'matrix.db'}")
        patch.setenv("GIFTWISE_LANGUAGE", "en")
        patch.setenv("GIFTWISE_ALLOWED_HOSTS", "testserver,localhost")
        reset_settings()
        dispose_engines()
        engine = get_engine()
        Base.metadata.create_all(engine)
        clock.set_now(FIXED_TODAY)
        with session_factory(engine)() as session:
            admin = local_admin(session)
            world = build_world(session, admin, tmp)
            users = {}
            for name, role in (("rep_a", "rep"), ("rep_b", "rep"), ("manager_a", "manager")):
                create_user(session, admin, data=UserCreate(username=name, role=role, team="east"))  # type: ignore[arg-type]
                users[name] = actor_of(find_user(session, admin, ref=name))
            # Everything the admin built becomes rep A's book.
            for table in Base.metadata.sorted_tables:
                if "owner_id" in table.c:
                    session.execute(update(table).where(table.c.owner_id == admin.user_id)
                                    .values(owner_id=users["rep_a"].user_id))
            tokens = {name: issue_for_user(session, actor.user_id, kind=TokenKind.API).token
                      for name, actor in users.items()}
            tokens["admin"] = issue_for_user(session, admin.user_id, kind=TokenKind.API).token
            a_token = issue_for_user(session, users["rep_a"].user_id, kind=TokenKind.API, name="a's")
            session.commit()
            ids = _ids(session, world, a_token.id)
        client = TestClient(create_app())
        book = Book(client, tokens, ids, {})
        book.fresh = _fresh_factories(book)
        try:
            yield book
        finally:
            client.close()
            clock.set_now(None)
            dispose_engines()
            reset_settings()


def _ids(session: Any, world: Any, token_id: int) -> dict[str, Any]:
    from sqlalchemy import select

    from giftwise.models.campaigns import CampaignCorrection as Correction
    from giftwise.models.orders import Order, Promise
    from giftwise.models.shipments import Shipment
    from giftwise.models.understanding import Fact

    def first(column: Any) -> Any:
        return session.scalars(select(column).order_by(column)).first() or 1

    return {
        "contact_id": world.wang, "gift_id": world.pear_gift, "touch_id": world.overdue_call,
        "campaign_id": world.campaign, "dispute_id": world.dispute, "token_id": token_id,
        "fact_id": first(Fact.id), "order_id": first(Order.id), "promise_id": first(Promise.id),
        "shipment_id": first(Shipment.id), "correction_id": first(Correction.id), "sku": "pear-orchard",
        "team": "east", "token": "not-a-feed", "decision": "approve", "custom_date_id": 1, "organization_id": 1,
    }


def _fresh_factories(book: Book) -> dict[str, Callable[[], Any]]:
    """Ids of new rows of rep A's, for calls that delete what they name (each persona needs its own)."""
    a = {"Authorization": f"Bearer {book.tokens['rep_a']}"}

    made = iter(range(1, 10_000))

    def contact() -> Any:
        return book.client.post("/contacts", json={"name": f"要删的人{next(made)}"}, headers=a).json()["id"]

    def custom_date() -> Any:
        made_date = book.client.post("/dates/custom", json={"name": "开业纪念", "month": 3, "day": 8}, headers=a)
        return made_date.json()["id"]

    def token() -> Any:
        return book.client.post("/tokens", json={"name": "spare"}, headers=a).json()["id"]

    return {"contact_id": contact, "custom_date_id": custom_date, "token_id": token}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """One app and one database for the whole matrix (building the book is most of its time)."""
    folder = tmp_path_factory.mktemp("matrix")
    yield from _serve(folder)


def _path_value(route: APIRoute, name: str, book: Book, fresh: bool) -> Any:
    field = next((f for f in route.dependant.path_params if f.name == name), None)
    annotation = field.field_info.annotation if field is not None else None
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if fresh and name in book.fresh:
        return book.fresh[name]()
    return book.ids.get(name, 1)


OWN_OBJECT_PARAMS = {"contact_id", "gift_id", "touch_id", "campaign_id", "dispute_id", "token_id", "fact_id",
                     "order_id", "promise_id", "shipment_id", "custom_date_id", "correction_id"}
MATRIX = [(method, path, persona) for method, path, _ in _api_routes() if path not in FRAMEWORK_PUBLIC
          for persona in PERSONAS]
ROUTES = {(method, path): route for method, path, route in _api_routes()}


# Finer rules a service keeps on top of its route's rule, each with its reason.
SERVICE_RULES = {
    # Erasing a person cannot be undone: their owner or an admin decides, not the owner's manager.
    ("DELETE", "/contacts/{contact_id}", "manager_a"): "403",
}


def expected(rule: str, persona: str, path: str, names_a_row: bool, method: str = "GET") -> str:
    """The answer's class a persona must get from a route with ``rule``."""
    if (method, path, persona) in SERVICE_RULES:
        return SERVICE_RULES[(method, path, persona)]
    if rule == "public":  # (a public form posted without its CSRF token is still refused: 403)
        return "not-401"
    if persona == "nobody":
        return "to-sign-in" if path.startswith("/app") else "401"
    if rule == "admin" and persona != "admin":
        return "403"
    if rule == "manager" and persona not in ("manager_a", "admin"):
        return "403"
    if persona == "rep_b" and names_a_row:
        return "hidden"
    return "allowed"


def _matches(kind: str, status: int, location: str) -> bool:
    if status >= 500:
        return False
    return {
        "not-401": status != 401,
        "401": status == 401,
        "to-sign-in": status == 303 and location.startswith("/app/sign-in"),
        "403": status == 403,
        "hidden": status in (404, 422),
        "allowed": status not in (401, 403),
    }[kind]


@pytest.mark.parametrize(("method", "path", "persona"), MATRIX)
def test_route_answers_each_persona_by_its_rule(book: Book, method: str, path: str, persona: str) -> None:
    route = ROUTES[(method, path)]
    rule = rule_of(route)
    assert rule is not None
    names = [f.name for f in route.dependant.path_params]
    url = path.replace("{sku:path}", "{sku}")
    for name in names:
        # A DELETE gets a new row of A's to delete (the last name in its path), so each persona finds one.
        fresh = method == "DELETE" and name == names[-1]
        url = url.replace("{" + name + "}", str(_path_value(route, name, book, fresh)))
    headers = {} if persona == "nobody" else {"Authorization": f"Bearer {book.tokens[persona]}"}
    body: dict[str, Any] = {} if method in ("GET", "HEAD", "DELETE") else {"json": {}}
    response = book.client.request(method, url, headers=headers, follow_redirects=False, **body)
    kind = expected(rule, persona, path, bool(OWN_OBJECT_PARAMS & set(names)), method)
    location = response.headers.get("location", "")
    assert _matches(kind, response.status_code, location), (
        f"{method} {url} as {persona}: {response.status_code}, expected {kind} ({rule})"
        f"\n{response.text[:300]}"
    )
