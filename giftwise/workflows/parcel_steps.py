"""A parcel's steps that reach into gifts and follow-ups.

A resend settling a dispute may carry the dispute's surprise gift: when the parcel leaves, the gift
leaves with it. The gift takes its steps through :func:`giftwise.workflows.gift_steps.move`, so each
status brings its touches in line exactly as a gift moved by hand does: the pre-send story when it
is ordered, then the delivery check once it is on its way.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict
from giftwise.models.disputes import Dispute
from giftwise.models.gifts import Gift, GiftStatus
from giftwise.models.shipments import Shipment
from giftwise.shipments import service as shipments
from giftwise.shipments.schemas import ShipIn
from giftwise.workflows import gift_steps


def ship(session: Session, actor: Actor, *, shipment_id: int, data: ShipIn) -> Shipment:
    """Hand a packed parcel to the carrier (``shipments.service.ship_shipment``); a dispute's surprise gift in it
    is ordered (if not yet) and shipped with its touches, refused while it still waits for a manager."""
    parcel = shipments.ship_shipment(session, actor, shipment_id=shipment_id, data=data)
    if parcel.dispute_id is not None:
        _ship_surprise_gift(session, actor, parcel.dispute_id)
    return parcel


def _ship_surprise_gift(session: Session, actor: Actor, dispute_id: int) -> None:
    dispute = session.get(Dispute, dispute_id)
    gift = session.get(Gift, dispute.gift_id) if dispute and dispute.gift_id else None
    if gift is None or gift.status == GiftStatus.SHIPPED:
        return
    if gift.status in (GiftStatus.PLANNED, GiftStatus.APPROVED):
        if gift.needs_approval and gift.status == GiftStatus.PLANNED:
            raise Conflict("shipments.surprise_gift_needs_manager", id=gift.id)
        gift_steps.move(session, actor, gift_id=gift.id, to_status=GiftStatus.ORDERED)
    gift_steps.move(session, actor, gift_id=gift.id, to_status=GiftStatus.SHIPPED)
