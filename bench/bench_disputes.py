"""How fast a dispute is weighed and its evidence kept: advice over a client's history, the reply, photo hashing.

Runs on a throwaway SQLite database in a temporary data folder (the embedded default).
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any


def _timed(action: Callable[[], Any], repeat: int) -> float:
    """Median milliseconds of ``repeat`` runs of ``action``."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _world(session: Any, actor: Any, history: int) -> tuple[int, int]:
    from giftwise.contacts.schemas import ContactCreate
    from giftwise.contacts.service import create_contact
    from giftwise.disputes import service as disputes
    from giftwise.disputes.schemas import DisputeOpen
    from giftwise.ledger.schemas import OutcomeCreate
    from giftwise.ledger.service import record_outcome
    from giftwise.models.catalog import CatalogItem
    from giftwise.orders import service as orders
    from giftwise.orders.schemas import OrderCreate, OrderLineIn
    from giftwise.shipments import service as shipments
    from giftwise.shipments.schemas import PackIn, ShipIn, ShipmentPrepare

    contact = create_contact(session, actor, data=ContactCreate(name=f"Client {history}", language="en"))
    if session.query(CatalogItem).filter_by(sku="bag").first() is None:
        session.add(CatalogItem(sku="bag", name_en="bag", name_zh="包", price=Decimal("40")))
    for i in range(history):
        record_outcome(session, actor, data=OutcomeCreate(contact_id=contact.id, kind="order", value=Decimal("1900"),
                                                          on=date(2026, 11, 1) - timedelta(days=3 * i)))
    order = orders.create_order(session, actor, data=OrderCreate(contact_id=contact.id, lines=[
        OrderLineIn(sku="bag", quantity=20, unit_cost=Decimal("40"), unit_price=Decimal("95"))]))
    parcel = shipments.prepare_shipment(session, actor, data=ShipmentPrepare(order_id=order.id))
    shipments.add_weight(session, actor, shipment_id=parcel.id, weight_kg=Decimal("6.6"))
    shipments.pack_shipment(session, actor, shipment_id=parcel.id, data=PackIn())
    shipments.ship_shipment(session, actor, shipment_id=parcel.id, data=ShipIn(carrier="DHL"))
    dispute = disputes.open_dispute(session, actor, data=DisputeOpen(shipment_id=parcel.id, claim="short", quantity=2))
    session.commit()
    return dispute.id, parcel.id


def run(quick: bool) -> list[dict[str, object]]:
    """Rows: advice and draft time by size of order history; photo keep/verify throughput."""
    from giftwise.accounts.service import actor_for_cli, create_local_owner
    from giftwise.core import clock
    from giftwise.core.db import dispose_engines, get_engine, session_factory
    from giftwise.core.settings import reset_settings
    from giftwise.disputes import service as disputes
    from giftwise.models import Base
    from giftwise.shipments import service as shipments

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        saved = {k: os.environ.get(k) for k in ("GIFTWISE_DATA_DIR", "GIFTWISE_DATABASE_URL",
                                                "GIFTWISE_EVIDENCE_MAX_BYTES")}
        os.environ.update(GIFTWISE_DATA_DIR=folder, GIFTWISE_DATABASE_URL=f"sqlite:///{Path(folder) / 'b.db'}",
                          GIFTWISE_EVIDENCE_MAX_BYTES=str(64 * 1024 * 1024))
        reset_settings()
        dispose_engines()
        clock.set_now(date(2026, 11, 16))
        try:
            Base.metadata.create_all(get_engine())
            with session_factory()() as session:
                create_local_owner(session)  # a fresh benchmark database has no user yet
                actor = actor_for_cli(session)
                repeat = 5 if quick else 30
                for history in (0, 100) if quick else (0, 100, 2000):
                    dispute_id, parcel_id = _world(session, actor, history)
                    rows.append({"benchmark": "disputes", "case": f"advice, {history} past orders",
                                 "median_ms": round(_timed(lambda d=dispute_id: disputes.advise(
                                     session, actor, dispute_id=d), repeat), 2)})
                    rows.append({"benchmark": "disputes", "case": f"reply draft, {history} past orders",
                                 "median_ms": round(_timed(lambda d=dispute_id: disputes.draft_reply(
                                     session, actor, dispute_id=d), repeat), 2)})
                size_mb = 4 if quick else 20
                payload = os.urandom(size_mb * 1024 * 1024)
                keep_ms = _timed(lambda: shipments.add_photo(session, actor, shipment_id=parcel_id,
                                                           stream=io.BytesIO(payload), filename="p.jpg"), 3)
                evidence = shipments.list_evidence(session, actor, shipment_id=parcel_id)
                verify_ms = _timed(lambda: shipments.list_evidence(session, actor, shipment_id=parcel_id), 3)
                session.rollback()
                rows.append({"benchmark": "disputes", "case": f"keep a {size_mb} MB photo (sha256 + write)",
                             "median_ms": round(keep_ms, 1), "MB_per_s": round(size_mb / keep_ms * 1000, 1)})
                rows.append({"benchmark": "disputes", "case": f"verify {len(evidence) - 1} photo(s) of {size_mb} MB",
                             "median_ms": round(verify_ms, 1)})
        finally:
            clock.set_now(None)
            dispose_engines()
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            reset_settings()
    return rows
