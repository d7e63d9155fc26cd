"""Carry out a dispute's resolution (resend, surprise gift, credit, touches, ledger) and measure what came of it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict
from giftwise.core.i18n import normalize_language
from giftwise.disputes import advice
from giftwise.disputes.claims import DisputeState, advise, apply_options, dispute_read, get_dispute, surprise_of
from giftwise.disputes.orders import item_label
from giftwise.disputes.schemas import CloseIn, ResolutionRead, ResolveIn
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute
from giftwise.models.followups import Touch
from giftwise.models.gifts import Gift
from giftwise.models.orders import Order, Shipment, ShipmentLine

DISPUTE_SOURCE = "dispute"
RESENDS = ("resend", "resend_surprise")


def resolve_dispute(session: Session, actor: Actor, *, dispute_id: int, data: ResolveIn) -> ResolutionRead:
    """Carry out the chosen (default: recommended) resolution: resend parcel, surprise gift, credit, touches."""
    dispute = get_dispute(session, actor, dispute_id=dispute_id)
    if dispute.status != "open":
        raise DisputeState(f"Dispute {dispute.id} is already {dispute.status}; open a new one for a new claim.")
    apply_options(session, dispute, data)
    reading = advise(session, actor, dispute_id=dispute.id)
    resolution = data.resolution or reading.recommended
    figures = reading.figures
    contact = visible_contact(session, actor, dispute.contact_id)
    chosen_route = advice.route(dispute.route)
    if resolution in RESENDS:
        resend = _resend_parcel(session, dispute, figures["resend_shipping"])
        dispute.resend_shipment_id = resend.id
        dispute.cost_total = figures["resend"]
    if resolution == "resend_surprise":
        dispute.gift_id = _surprise_gift(session, actor, dispute, figures["surprise"]).id
        dispute.cost_total += figures["surprise"]
    if resolution == "partial_credit":
        dispute.credit_amount = data.credit_amount if data.credit_amount is not None else figures["credit"]
        dispute.cost_total = dispute.credit_amount
    dispute.status, dispute.resolution, dispute.resolved_on = "resolved", resolution, clock.today()
    dispute.resolution_note = data.note
    touches = _follow_up_touches(session, actor, dispute, contact, chosen_route.days if resolution in RESENDS else 0)
    record_audit(session, actor, action="dispute.resolve", entity="dispute", entity_id=dispute.id,
                 after={"resolution": resolution, "recommended": reading.recommended,
                        "cost_total": str(dispute.cost_total), "gift_id": dispute.gift_id,
                        "resend_shipment_id": dispute.resend_shipment_id})
    session.flush()
    return ResolutionRead(dispute=dispute_read(session, dispute), resend_shipment_id=dispute.resend_shipment_id,
                          gift_id=dispute.gift_id, touch_ids=[t.id for t in touches])


def close_dispute(session: Session, actor: Actor, *, dispute_id: int, data: CloseIn) -> Dispute:
    """Close a resolved dispute with what came of it; a reorder since the resolution makes it ``reordered``."""
    dispute = get_dispute(session, actor, dispute_id=dispute_id)
    if dispute.status != "resolved":
        raise DisputeState(f"Dispute {dispute.id} is {dispute.status}; resolve it before closing it.")
    read = dispute_read(session, dispute)
    outcome = data.outcome or ("reordered" if read.reorder_value > 0 else "quiet")
    if outcome == "reordered" and read.reorder_value == 0:
        raise Conflict(f"No order from this client since dispute {dispute.id} was resolved; record the reorder "
                       "first ('giftwise orders add') or close with another outcome.")
    dispute.status, dispute.closed_on, dispute.outcome = "closed", clock.today(), outcome
    dispute.outcome_value = read.reorder_value if outcome == "reordered" else Decimal("0")
    if data.note:
        dispute.resolution_note = f"{dispute.resolution_note}\n{data.note}".strip()
    _finish_touches(session, actor, dispute, outcome)
    record_audit(session, actor, action="dispute.close", entity="dispute", entity_id=dispute.id,
                 after={"outcome": outcome, "outcome_value": str(dispute.outcome_value)})
    session.flush()
    return dispute


def ship_surprise(session: Session, actor: Actor, *, dispute_id: int) -> None:
    """Move a dispute's surprise gift to shipped when its resend parcel leaves."""
    from giftwise.gifts.service import transition

    dispute = session.get(Dispute, dispute_id)
    gift = session.get(Gift, dispute.gift_id) if dispute and dispute.gift_id else None
    if gift is None or gift.status == "shipped":
        return
    if gift.status in ("planned", "approved"):
        if gift.needs_approval and gift.status == "planned":
            raise Conflict(f"The surprise gift {gift.id} needs a manager's approval before the resend can ship; "
                           f"approve it first ('giftwise gifts approve {gift.id}').")
        transition(session, actor, gift_id=gift.id, to_status="ordered")
    transition(session, actor, gift_id=gift.id, to_status="shipped")


def _resend_parcel(session: Session, dispute: Dispute, shipping: Decimal) -> Shipment:
    claimed = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    if claimed is None:
        raise Conflict(f"Dispute {dispute.id}'s claimed line is gone; open the claim again.")
    parcel = Shipment(
        order_id=dispute.order_id, contact_id=dispute.contact_id, kind="resend", dispute_id=dispute.id,
        status="preparing", route=dispute.route or advice.route(None).key, shipping_cost=shipping,
        prepared_on=clock.today(), owner_id=dispute.owner_id,
    )
    session.add(parcel)
    session.flush()
    session.add(ShipmentLine(
        shipment_id=parcel.id, item_id=claimed.item_id, description=claimed.description, kind="resend",
        quantity=dispute.claim_quantity, unit_cost=claimed.unit_cost, unit_price=Decimal("0"),
        unit_weight_kg=claimed.unit_weight_kg,
    ))
    return parcel


def _surprise_gift(session: Session, actor: Actor, dispute: Dispute, cost: Decimal) -> Gift:
    from giftwise.gifts.schemas import GiftCreate
    from giftwise.gifts.service import plan_gift, transition

    surprise = surprise_of(session, dispute)
    parcel = session.get(Shipment, dispute.resend_shipment_id) if dispute.resend_shipment_id else None
    currency = _order_currency(session, dispute)
    gift = plan_gift(session, actor, data=GiftCreate(
        contact_id=dispute.contact_id, item_id=surprise.item.id if surprise.item else None,
        description="" if surprise.item else surprise.label_en, occasion="apology", cost=cost, currency=currency,
        reason=f"Dispute {dispute.id}: a preview of the new line with the resend, inviting the next order.",
    ))
    if parcel is not None:
        session.add(ShipmentLine(
            shipment_id=parcel.id, item_id=gift.item_id, description=surprise.label_en, kind="surprise",
            quantity=surprise.quantity, unit_cost=(cost / surprise.quantity) if surprise.quantity else cost,
            unit_price=Decimal("0"),
        ))
    if not gift.needs_approval:
        transition(session, actor, gift_id=gift.id, to_status="ordered")
    return gift


def _order_currency(session: Session, dispute: Dispute) -> str:
    order = session.get(Order, dispute.order_id)
    return order.currency if order else "CNY"


def _follow_up_touches(
    session: Session, actor: Actor, dispute: Dispute, contact: Contact, transit_days: int
) -> list[Touch]:
    from giftwise.followups.schemas import TouchCreate
    from giftwise.followups.service import create_touch
    from giftwise.gifts.templating import render

    lang = normalize_language(contact.language)
    arrived = clock.today() + timedelta(days=transit_days + 1)
    surprise = surprise_of(session, dispute).label(lang) if dispute.gift_id else ""
    parcel = session.get(Shipment, dispute.resend_shipment_id) if dispute.resend_shipment_id else None
    claimed = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    item = session.get(CatalogItem, claimed.item_id) if claimed and claimed.item_id else None
    plan: list[tuple[str, date, int | None]] = []
    if dispute.resolution in RESENDS:
        plan.append(("confirm-receipt", arrived, None))
    if dispute.resolution == "resend_surprise":
        plan.append(("sample-feedback", arrived + timedelta(days=7), dispute.gift_id))
    if dispute.resolution == "hold_firm":
        plan.append(("claim-check", clock.today() + timedelta(days=3), None))
    plan.append(("offer-next-order", arrived + timedelta(days=14), None))
    values = {"contact_name": contact.name, "quantity": dispute.claim_quantity,
              "item": item_label(item, claimed.description if claimed else "", lang),
              "tracking": parcel.tracking_number if parcel else "", "surprise": surprise,
              "order_ref": f"order #{dispute.order_id}" if lang == "en" else f"订单 #{dispute.order_id}"}
    return [
        create_touch(session, actor, data=TouchCreate(
            contact_id=contact.id, gift_id=gift_id, purpose=purpose, due_on=due_on,
            script=render("disputes", lang, f"touch-{purpose}", **values), source=DISPUTE_SOURCE,
            source_id=dispute.id,
        ))
        for purpose, due_on, gift_id in plan
    ]


def _finish_touches(session: Session, actor: Actor, dispute: Dispute, outcome: str) -> None:
    from giftwise.followups.service import complete_touch, list_touches

    page = list_touches(session, actor, source=DISPUTE_SOURCE, source_id=dispute.id, status="open", limit=50)
    for touch in page.items:
        if touch.purpose == "offer-next-order" and outcome == "reordered":
            complete_touch(session, actor, touch_id=touch.id, result=f"reordered {dispute.outcome_value}")
