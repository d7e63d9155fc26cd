"""A server safe on a network: only its own host names, security headers on every answer, a body size
limit, and API docs that work without the internet."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from giftwise.core.settings import reset_settings


class TestHosts:
    def test_another_host_name_is_refused(self, anonymous_api: TestClient) -> None:
        assert anonymous_api.get("/health", headers={"Host": "evil.example"}).status_code == 400
        assert anonymous_api.get("/health").status_code == 200

    def test_the_serving_address_is_allowed_too(self) -> None:
        from giftwise.api import allowed_hosts

        assert allowed_hosts(["localhost"], "10.0.0.5") == ["localhost", "10.0.0.5"]
        assert allowed_hosts(["localhost"], "0.0.0.0") == ["localhost"]


class TestHeaders:
    @pytest.mark.parametrize("path", ["/health", "/app/sign-in", "/contacts", "/static/app.css"])
    def test_every_answer_carries_them(self, anonymous_api: TestClient, path: str) -> None:
        headers = anonymous_api.get(path, follow_redirects=False).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self';" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


class TestSizeLimit:
    def test_a_body_over_the_limit_is_a_413_problem(self, engine: object, monkeypatch: pytest.MonkeyPatch,
                                                   api: TestClient) -> None:
        monkeypatch.setenv("GIFTWISE_MAX_REQUEST_BYTES", "1000")
        reset_settings()
        from giftwise.api import create_app

        headers = {"Authorization": api.headers["Authorization"], "Accept-Language": "zh"}
        with TestClient(create_app()) as small:
            refused = small.post("/contacts", content=b"x" * 5000, headers=headers)
            assert refused.status_code == 413 and refused.headers["content-type"] == "application/problem+json"
            assert "请求太大" in refused.json()["detail"]

            def chunks() -> object:
                yield b'{"name": "'
                yield b"x" * 5000
                yield b'"}'

            chunked = small.post("/contacts", content=chunks(), headers=headers)  # type: ignore[arg-type]
            assert chunked.status_code == 413
            assert small.post("/contacts", json={"name": "王建国"}, headers=headers).status_code == 201


    @pytest.mark.parametrize(("lang", "said"), [("zh", "请求太大"), ("en", "too large")])
    def test_an_upload_over_the_limit_on_a_page_is_an_html_page_in_its_language(
        self, engine: object, monkeypatch: pytest.MonkeyPatch, api: TestClient, lang: str, said: str
    ) -> None:
        monkeypatch.setenv("GIFTWISE_MAX_REQUEST_BYTES", "1000")
        reset_settings()
        from giftwise.api import create_app

        with TestClient(create_app()) as small:
            small.cookies.set("giftwise_lang", lang)
            refused = small.post("/app/shipments/1/evidence", files={"file": ("big.png", b"x" * 5000, "image/png")},
                                 headers={"Authorization": api.headers["Authorization"], "Accept-Language": "de"})
        assert refused.status_code == 413 and refused.headers["content-type"].startswith("text/html")
        assert said in refused.text.lower() and 'href="/app"' in refused.text  # a way on from the error
        assert f"<html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\">" in refused.text


class TestDocs:
    def test_docs_load_their_assets_from_this_server(self, anonymous_api: TestClient) -> None:
        page = anonymous_api.get("/docs")
        assert page.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in page.text
        assert "cdn" not in page.text.lower()
        script = anonymous_api.get("/docs-assets/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
        assert anonymous_api.get("/openapi.json").json()["info"]["title"] == "giftwise"
