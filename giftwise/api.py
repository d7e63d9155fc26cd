"""The REST API: one FastAPI app that includes every domain's router."""

from __future__ import annotations

from importlib import import_module

from fastapi import FastAPI

from giftwise.accounts.service import actor_for_request
from giftwise.core.api_support import install_actor_source, install_error_handlers
from giftwise.web import errors as page_errors
from giftwise.web.routes import router as web_router
from giftwise.web.routes import static_files

ROUTED_DOMAINS = (
    "accounts", "privacy", "contacts", "catalog", "understanding", "recommend", "compliance", "gifts", "gestures",
    "followups", "digest", "campaigns", "ledger", "analytics", "calibration", "orders", "shipments", "disputes",
    "money",
)


def create_app() -> FastAPI:
    """Build the giftwise API (OpenAPI at /docs) with problem-details error handling."""
    app = FastAPI(
        title="giftwise",
        version="0.1.0",
        description="Gifts as relationship investments: contacts, recommendations, follow-ups, ledger.",
    )
    install_error_handlers(app)
    install_actor_source(actor_for_request)
    for domain in ROUTED_DOMAINS:
        app.include_router(import_module(f"giftwise.{domain}.routes").router)

    app.include_router(web_router)
    page_errors.install(app)
    app.mount("/static", static_files(), name="static")

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness check."""
        return {"status": "ok"}

    return app
