"""A dispute's resolution carried out, and its close: the steps that reach beyond disputes.

Resolving creates the resend parcel (``shipments.service``), plans the surprise gift and orders it
when it needs no manager (through :mod:`giftwise.workflows.gift_steps`, so it gets its touches like
any gift) and schedules the dispute's follow-up touches; closing completes the offer of a next order
when the client reordered. The advice, the reply and the dispute's own table stay in
:mod:`giftwise.disputes.service`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict
from giftwise.core.i18n import normalize_language, t
from giftwise.core.templating import render
from giftwise.disputes import advice, drafting
from giftwise.disputes import service as disputes
from giftwise.disputes.schemas import CloseIn, ResolutionRead, ResolveIn
from giftwise.followups.schemas import TouchCreate
from giftwise.followups.service import complete_touch, create_touch, list_touches
from giftwise.gifts.schemas import GiftCreate
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute, DisputeStatus
from giftwise.models.followups import Touch, TouchStatus
from giftwise.models.gifts import Gift, GiftStatus
from giftwise.models.orders import Order
from giftwise.models.shipments import Shipment, ShipmentLine
from giftwise.orders.labels import item_label
from giftwise.shipments import service as shipments
from giftwise.workflows import gift_steps


def resolve(session: Session, actor: Actor, *, dispute_id: int, data: ResolveIn) -> ResolutionRead:
    """Carry out the chosen (default: recommended) resolution: resend parcel, surprise gift, credit, touches."""
    dispute = disputes.get_dispute(session, actor, dispute_id=dispute_id)
    if dispute.status != DisputeStatus.OPEN:
        raise disputes.DisputeState("disputes.dispute_already_open_new", id=dispute.id, status=dispute.status)
    disputes.apply_options(session, dispute, data)
    reading = disputes.store_advice(session, actor, dispute)
    resolution = data.resolution or reading.recommended
    figures = reading.figures
    contact = visible_contact(session, actor, dispute.contact_id)
    chosen_route = advice.route(dispute.route)
    if resolution in disputes.RESENDS:
        resend = _resend_parcel(session, dispute, figures["resend_shipping"])
        dispute.resend_shipment_id = resend.id
        dispute.cost_total = figures["resend"]
    if resolution == "resend_surprise":
        dispute.gift_id = _surprise_gift(session, actor, dispute, figures["surprise"]).id
        dispute.cost_total += figures["surprise"]
    if resolution == "partial_credit":
        dispute.credit_amount = data.credit_amount if data.credit_amount is not None else figures["credit"]
        dispute.cost_total = dispute.credit_amount
    dispute.status, dispute.resolution, dispute.resolved_on = DisputeStatus.RESOLVED, resolution, clock.today()
    dispute.resolution_note = data.note
    reply_language = normalize_language(contact.language)
    facts = disputes.reply_facts(session, actor, dispute, contact, resolution, reply_language)
    dispute.reply_draft = drafting.render_reply(facts, reply_language)
    transit_days = chosen_route.days if resolution in disputes.RESENDS else 0
    touches = _follow_up_touches(session, actor, dispute, contact, transit_days)
    record_audit(session, actor, action="dispute.resolve", entity="dispute", entity_id=dispute.id,
                 after={"resolution": resolution, "recommended": reading.recommended,
                        "cost_total": str(dispute.cost_total), "gift_id": dispute.gift_id,
                        "resend_shipment_id": dispute.resend_shipment_id})
    session.flush()
    return ResolutionRead(dispute=disputes.dispute_read(session, dispute),
                          resend_shipment_id=dispute.resend_shipment_id, gift_id=dispute.gift_id,
                          touch_ids=[touch.id for touch in touches])


def close(session: Session, actor: Actor, *, dispute_id: int, data: CloseIn) -> Dispute:
    """Close a resolved dispute with what came of it; a reorder since the resolution makes it ``reordered``."""
    dispute = disputes.get_dispute(session, actor, dispute_id=dispute_id)
    if dispute.status != DisputeStatus.RESOLVED:
        raise disputes.DisputeState("disputes.dispute_resolve_before_closing", id=dispute.id, status=dispute.status)
    read = disputes.dispute_read(session, dispute)
    outcome = data.outcome or ("reordered" if read.reorder_value > 0 else "quiet")
    if outcome == "reordered" and read.reorder_value == 0:
        raise Conflict("disputes.order_from_client_since", id=dispute.id)
    dispute.status, dispute.closed_on, dispute.outcome = DisputeStatus.CLOSED, clock.today(), outcome
    dispute.outcome_value = read.reorder_value if outcome == "reordered" else Decimal("0")
    if data.note:
        dispute.resolution_note = f"{dispute.resolution_note}\n{data.note}".strip()
    _finish_touches(session, actor, dispute, outcome)
    record_audit(session, actor, action="dispute.close", entity="dispute", entity_id=dispute.id,
                 after={"outcome": outcome, "outcome_value": str(dispute.outcome_value)})
    session.flush()
    return dispute



def _resend_parcel(session: Session, dispute: Dispute, shipping: Decimal) -> Shipment:
    claimed = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    if claimed is None:
        raise Conflict("disputes.dispute_s_claimed_line", id=dispute.id)
    return shipments.prepare_resend(
        session, order_id=dispute.order_id, contact_id=dispute.contact_id, owner_id=dispute.owner_id,
        dispute_id=dispute.id, route=dispute.route or advice.route(None).key, shipping_cost=shipping, claimed=claimed,
        quantity=dispute.claim_quantity,
    )


def _surprise_gift(session: Session, actor: Actor, dispute: Dispute, cost: Decimal) -> Gift:
    surprise = disputes.surprise_of(session, dispute)
    parcel = session.get(Shipment, dispute.resend_shipment_id) if dispute.resend_shipment_id else None
    currency = _order_currency(session, dispute)
    gift = gift_steps.plan(session, actor, data=GiftCreate(
        contact_id=dispute.contact_id, item_id=surprise.item.id if surprise.item else None,
        description="" if surprise.item else surprise.label_en, item_kind=None if surprise.item else "goods",
        occasion="apology", cost=cost, currency=currency,
        reason=t("disputes.surprise_reason", actor.language, id=dispute.id),
    ))
    if parcel is not None:
        shipments.add_surprise(session, shipment_id=parcel.id, item_id=gift.item_id, description=surprise.label_en,
                               quantity=surprise.quantity, cost=cost)
    if not gift.needs_approval:
        gift_steps.move(session, actor, gift_id=gift.id, to_status=GiftStatus.ORDERED)
    return gift


def _order_currency(session: Session, dispute: Dispute) -> str:
    order = session.get(Order, dispute.order_id)
    return order.currency if order else "CNY"


def _follow_up_touches(
    session: Session, actor: Actor, dispute: Dispute, contact: Contact, transit_days: int
) -> list[Touch]:
    lang = normalize_language(contact.language)
    arrived = clock.today() + timedelta(days=transit_days + 1)
    surprise = disputes.surprise_of(session, dispute).label(lang) if dispute.gift_id else ""
    parcel = session.get(Shipment, dispute.resend_shipment_id) if dispute.resend_shipment_id else None
    claimed = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    item = session.get(CatalogItem, claimed.item_id) if claimed and claimed.item_id else None
    plan: list[tuple[str, date, int | None]] = []
    if dispute.resolution in disputes.RESENDS:
        plan.append(("confirm-receipt", arrived, None))
    if dispute.resolution == "resend_surprise":
        plan.append(("sample-feedback", arrived + timedelta(days=7), dispute.gift_id))
    if dispute.resolution == "hold_firm":
        plan.append(("claim-check", clock.today() + timedelta(days=3), None))
    plan.append(("offer-next-order", arrived + timedelta(days=14), None))
    values = {"contact_name": contact.name, "quantity": dispute.claim_quantity,
              "item": item_label(item, claimed.description if claimed else "", lang),
              "tracking": parcel.tracking_number if parcel else "", "surprise": surprise,
              "order_ref": t("orders.order_ref", lang, ref=f"#{dispute.order_id}")}
    return [
        create_touch(session, actor, data=TouchCreate(
            contact_id=contact.id, gift_id=gift_id, purpose=purpose, due_on=due_on,
            script=render("disputes", lang, f"touch-{purpose}", **values), source=disputes.DISPUTE_SOURCE,
            source_id=dispute.id,
        ))
        for purpose, due_on, gift_id in plan
    ]


def _finish_touches(session: Session, actor: Actor, dispute: Dispute, outcome: str) -> None:
    page = list_touches(session, actor, source=disputes.DISPUTE_SOURCE, source_id=dispute.id,
                        status=TouchStatus.OPEN, limit=50)
    for touch in page.items:
        if touch.purpose == "offer-next-order" and outcome == "reordered":
            complete_touch(session, actor, touch_id=touch.id, result=f"reordered {dispute.outcome_value}")
