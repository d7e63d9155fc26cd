"""The naming rule holds: in a domain, only service, repository, cli and routes modules reach the database.

A module named by its idea (``history.py``, ``report.py``) is pure logic: it takes loaded objects and
returns answers. The import graph (function-level and TYPE_CHECKING imports included) is walked, so a
new module that takes a ``Session`` or builds a query fails here until its database side moves into the
domain's ``service.py`` (``<idea>_service.py`` beside it when that grows), or ``repository.py``.
"""

from __future__ import annotations

from functools import cache

import grimp

# Not domains: the foundation (core, models, migrations), the edges (they open the unit of work) and the
# workflows (cross-domain steps, services by nature).
NOT_DOMAINS = {"core", "models", "migrations", "web", "demo", "jobs", "workflows", "cli", "api", "__main__"}
# What talking to the database means: SQLAlchemy itself, or the session helpers of the layers below.
DATABASE = ("sqlalchemy", "giftwise.core.db", "giftwise.core.queries", "giftwise.core.pending_files")
DATABASE_FACING = {"service", "repository", "cli", "routes"}


@cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("giftwise", include_external_packages=True)


def may_reach_the_database(module: str) -> bool:
    """True for the modules the rule lets take a session: a domain's service/repository/cli/routes (a
    ``cli/`` or ``service/`` package too, and ``<idea>_service``), and everything outside the domains."""
    parts = module.split(".")
    if len(parts) < 3 or parts[1] in NOT_DOMAINS:
        return True
    return any(part in DATABASE_FACING or part.endswith("_service") for part in parts[2:])


def offenders() -> dict[str, list[str]]:
    """Each pure domain module that imports the database, with the lines that do."""
    graph = _graph()
    found: dict[str, list[str]] = {}
    for module in sorted(graph.find_descendants("giftwise")):
        if may_reach_the_database(module):
            continue
        for target in sorted(graph.find_modules_directly_imported_by(module)):
            if target.startswith(DATABASE):
                details = graph.get_import_details(importer=module, imported=target)
                found.setdefault(module, []).extend(f"{d['line_number']}: {d['line_contents']}" for d in details)
    return found


class TestOnlyServicesReachTheDatabase:
    def test_no_pure_module_imports_the_database(self) -> None:
        assert offenders() == {}, "move the database side into the domain's service.py or repository.py"

    def test_the_rule_sees_a_pure_module_and_spares_the_services(self) -> None:
        assert not may_reach_the_database("giftwise.ledger.history")
        assert not may_reach_the_database("giftwise.campaigns.report")
        assert may_reach_the_database("giftwise.ledger.service")
        assert may_reach_the_database("giftwise.campaigns.report_service")
        assert may_reach_the_database("giftwise.contacts.cli.files")
        assert may_reach_the_database("giftwise.web.contacts")
        assert may_reach_the_database("giftwise.core.db")

    def test_the_walk_sees_the_database_imports(self) -> None:
        graph = _graph()
        assert "sqlalchemy" in graph.find_modules_directly_imported_by("giftwise.ledger.service")
