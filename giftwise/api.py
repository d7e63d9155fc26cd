"""The REST API: one FastAPI app that includes every domain's router."""

from __future__ import annotations

from importlib import import_module

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from giftwise.accounts.service import actor_for_request
from giftwise.core.api_support import PUBLIC, install_actor_source, install_error_handlers
from giftwise.core.http_guard import HttpGuard
from giftwise.core.loading_gate import LoadingGate
from giftwise.core.settings import get_settings
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
        docs_url=None,
        redoc_url=None,
    )
    settings = get_settings()
    app.add_middleware(LoadingGate)
    app.add_middleware(HttpGuard, max_bytes=settings.max_request_bytes, refuse_page=page_errors.too_large_page)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings.allowed_hosts, settings.host))
    install_error_handlers(app)
    install_actor_source(actor_for_request)
    for domain in ROUTED_DOMAINS:
        app.include_router(import_module(f"giftwise.{domain}.routes").router)

    app.include_router(web_router)
    page_errors.install(app)
    app.mount("/static", static_files(), name="static")

    _offline_docs(app)

    @app.get("/health", tags=["meta"], dependencies=[PUBLIC])
    def health() -> dict[str, str]:
        """Liveness check."""
        return {"status": "ok"}

    return app


def allowed_hosts(configured: list[str], serving_host: str) -> list[str]:
    """The Host names answered: GIFTWISE_ALLOWED_HOSTS, plus the address ``serve`` listens on when it names one."""
    hosts = list(configured)
    if serving_host not in ("0.0.0.0", "::", "") and serving_host not in hosts:
        hosts.append(serving_host)
    return hosts


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the copy shipped in the swagger-ui-bundle package, so it works offline."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False, dependencies=[PUBLIC])
    def docs() -> HTMLResponse:
        """The interactive API documentation."""
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="giftwise API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )
