"""The ledger page keeps its period as its pages turn."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from tests.factories import make_contact


class TestLedgerPager:
    def test_the_next_page_keeps_the_period(
        self, session: Session, actor: Actor, api: TestClient, frozen_clock: object
    ) -> None:
        for n in range(27):
            make_contact(session, actor, f"Client {n:02d}", language="en")
        session.commit()
        page = api.get("/app/ledger?since=2026-01-01&lang=en")
        assert page.status_code == 200
        assert 'href="?since=2026-01-01&amp;page=2"' in page.text
        assert api.get("/app/ledger?since=2026-01-01&page=2").status_code == 200
