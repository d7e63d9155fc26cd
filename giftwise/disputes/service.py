"""The rules of promises, orders, shipments, evidence and disputes: one import for routes, CLI and other domains.

The rules themselves live in one module per idea (``orders``, ``promises``, ``shipments``,
``evidence``, ``claims``, ``resolution``; the pure advice in ``advice``/``explain``, the reply in
``drafting``); these are the only modules that change this domain's tables.
"""

from __future__ import annotations

from giftwise.disputes.claims import (
    DisputeState,
    advise,
    dispute_read,
    draft_reply,
    get_dispute,
    list_disputes,
    open_dispute,
)
from giftwise.disputes.evidence import (
    PhotoUpload,
    add_evidence,
    add_note,
    add_photo,
    add_photo_file,
    add_weight,
    evidence_read,
    export_shipment,
    list_evidence,
    verify,
)
from giftwise.disputes.orders import create_order, get_order, list_orders, order_read, record_payment
from giftwise.disputes.promises import (
    confirm_condition,
    create_promise,
    get_promise,
    keep_promise,
    list_promises,
    promise_read,
)
from giftwise.disputes.resolution import close_dispute, resolve_dispute
from giftwise.disputes.shipments import (
    PromiseMissing,
    add_line,
    get_shipment,
    list_shipments,
    pack_shipment,
    prepare_shipment,
    ship_shipment,
    shipment_read,
)

__all__ = [
    "DisputeState", "PhotoUpload", "PromiseMissing", "add_evidence", "add_line", "add_note", "add_photo",
    "add_photo_file", "add_weight", "advise", "close_dispute", "confirm_condition", "create_order", "create_promise",
    "dispute_read", "draft_reply", "evidence_read", "export_shipment", "get_dispute", "get_order", "get_promise",
    "get_shipment", "keep_promise", "list_disputes", "list_evidence", "list_orders", "list_promises",
    "list_shipments", "open_dispute", "order_read", "pack_shipment", "prepare_shipment", "promise_read",
    "record_payment", "resolve_dispute", "ship_shipment", "shipment_read", "verify",
]
