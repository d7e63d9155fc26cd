"""Reading disputes (the list, one dispute, its advice and reply draft, over REST and on the web) writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.disputes import service as disputes
from giftwise.models.disputes import Dispute
from tests.factories import World, at, claim_short, order_bags, past_orders, shipped_parcel
from tests.snapshots import database_rows


def open_claim(session: Session, actor: Actor, world: World, folder: Path) -> Dispute:
    past_orders(session, actor, world.contact, (date(2026, 2, 10), "1800"))
    parcel = shipped_parcel(session, actor, order_bags(session, actor, world), folder)
    at(date(2026, 11, 16))
    dispute = claim_short(session, actor, parcel)
    session.commit()
    return dispute


class TestReadingWritesNothing:
    def test_every_dispute_page_and_endpoint_leaves_the_database_as_it_was(
        self, api: TestClient, engine: Engine, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        did = open_claim(session, actor, world, tmp_path).id
        before = database_rows(engine)
        for path in ("/disputes", f"/disputes/{did}", f"/disputes/{did}/advice", f"/disputes/{did}/draft",
                     "/app/disputes", f"/app/disputes/{did}"):
            assert api.get(path).status_code == 200, path
        assert database_rows(engine) == before

    def test_the_list_shows_the_advice_before_anyone_opens_the_dispute(
        self, session: Session, actor: Actor, world: World, tmp_path: Path
    ) -> None:
        dispute = open_claim(session, actor, world, tmp_path)
        listed = disputes.list_disputes(session, actor).items[0]
        assert listed.recommended == disputes.advise(session, actor, dispute_id=dispute.id).recommended
