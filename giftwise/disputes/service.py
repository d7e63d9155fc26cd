"""Disputes: open a claim on a parcel, weigh it by value (the advice), draft a calm reply, carry out the
resolution's reply and measure what came of it.

The pure advice lives in ``advice``/``explain`` and the reply in ``drafting``. Carrying out a
resolution (the resend parcel, the surprise gift, the touches) and closing a dispute reach into gifts
and follow-ups, so they are :mod:`giftwise.workflows.dispute_steps`, which the edges call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from giftwise.accounts.service import (
    contact_scope,
    record_audit,
    sender_signature,
    visible_contact,
    visible_record,
)
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Conflict, Invalid, NotFound
from giftwise.core.i18n import bilingual, normalize_language, t
from giftwise.core.jsonable import to_jsonable
from giftwise.core.queries import counted_page
from giftwise.core.schemas import Page, page_of, spoken_language
from giftwise.core.settings import get_settings
from giftwise.disputes import advice, drafting, explain, repository
from giftwise.disputes.schemas import (
    AdviceOption,
    AdviceRead,
    DisputeOpen,
    DisputeOptions,
    DisputeRead,
    DraftRead,
)
from giftwise.ledger.schemas import OutcomeCreate
from giftwise.ledger.service import record_outcome
from giftwise.models.catalog import CatalogItem
from giftwise.models.contacts import Contact
from giftwise.models.disputes import Dispute, DisputeStatus
from giftwise.models.orders import Order
from giftwise.models.shipments import Evidence, Shipment, ShipmentLine, ShipmentStatus
from giftwise.money.service import base_currency, convert
from giftwise.orders import repository as order_queries
from giftwise.orders.labels import item_label
from giftwise.orders.service import get_order, order_totals, resolve_item
from giftwise.shipments import repository as shipment_queries
from giftwise.shipments.service import evidence_kinds, get_shipment

DISPUTE_SOURCE = "dispute"
RESENDS = ("resend", "resend_surprise")


class DisputeState(Conflict):
    """The dispute is not in a state that allows this step."""


def open_dispute(session: Session, actor: Actor, *, data: DisputeOpen) -> Dispute:
    """Open a claim on a shipped parcel, in the client's words, and log the complaint in the ledger."""
    shipment = get_shipment(session, actor, shipment_id=data.shipment_id)
    if shipment.status != ShipmentStatus.SHIPPED:
        raise Conflict("disputes.parcel_shipped_claim_concerns", id=shipment.id, status=shipment.status)
    if repository.open_dispute_on(session, shipment.id) is not None:
        raise Conflict("disputes.parcel_already_open_dispute", id=shipment.id)
    line = _claim_line(session, shipment, data.line_id)
    units = sum(ln.quantity for ln in shipment_queries.shipment_lines(session, shipment.id))
    if data.quantity > units:
        raise Invalid("disputes.claim_concerns_units_but", quantity=data.quantity, id=shipment.id, units=units,
                      field="quantity")
    dispute = Dispute(
        shipment_id=shipment.id, order_id=shipment.order_id, contact_id=shipment.contact_id, claim_kind=data.claim,
        claim_quantity=data.quantity, claim_line_id=line.id, claim_text=data.claim_text,
        client_words=data.client_words, hours_spent=data.hours_spent, status=DisputeStatus.OPEN,
        opened_on=clock.today(), owner_id=shipment.owner_id,
    )
    apply_options(session, dispute, data)
    session.add(dispute)
    session.flush()
    claim = explain.claim_label(data.claim, data.quantity, "en")
    complaint = record_outcome(session, actor, data=OutcomeCreate(
        contact_id=dispute.contact_id, kind="complaint", note=f"Dispute {dispute.id} on parcel {shipment.id}: {claim}",
    ))
    dispute.complaint_outcome_id = complaint.id
    record_audit(session, actor, action="dispute.open", entity="dispute", entity_id=dispute.id,
                 after={"shipment_id": shipment.id, "claim": data.claim, "quantity": data.quantity})
    store_advice(session, actor, dispute)
    return dispute


def get_dispute(session: Session, actor: Actor, *, dispute_id: int) -> Dispute:
    """The dispute with ``dispute_id`` if its contact is visible to ``actor``; NotFound otherwise."""
    return visible_record(session, actor, Dispute, dispute_id, label="dispute")


def list_disputes(
    session: Session, actor: Actor, *, contact_id: int | None = None, status: str | None = None,
    limit: int = 50, offset: int = 0,
) -> Page[DisputeRead]:
    """A page of disputes ``actor`` may see, newest first, each with its later outcome."""
    if status is not None and status not in tuple(DisputeStatus):
        raise Invalid("disputes.dispute_status_open_resolved", status=status, field="status")
    query = repository.disputes_query(contact_scope(session, actor), contact_id=contact_id, status=status)
    rows, total = counted_page(session, query, limit=limit, offset=offset)
    return page_of(DisputeRead, rows, total=total, limit=limit, offset=offset,
                   read=lambda d: dispute_read(session, d))


def advise(session: Session, actor: Actor, *, dispute_id: int) -> AdviceRead:
    """Weigh resend, surprise, credit and holding firm by value and explain the recommendation (zh, en).

    Reading the advice changes nothing; it is stored when the dispute is opened, its choices change or
    it is resolved, so every list shows the same recommendation whoever opened which dispute.
    """
    return _advice_read(session, actor, get_dispute(session, actor, dispute_id=dispute_id))


def choose_options(session: Session, actor: Actor, *, dispute_id: int, options: DisputeOptions) -> AdviceRead:
    """Keep new choices (route, surprise, entered lifetime value) on an open dispute; store and return its advice."""
    dispute = get_dispute(session, actor, dispute_id=dispute_id)
    if options.model_fields_set:
        if dispute.status != DisputeStatus.OPEN:
            raise DisputeState("disputes.dispute_choices_longer_change", id=dispute.id, status=dispute.status)
        apply_options(session, dispute, options)
    if dispute.status != DisputeStatus.OPEN:
        return _advice_read(session, actor, dispute)
    return store_advice(session, actor, dispute)


def store_advice(session: Session, actor: Actor, dispute: Dispute) -> AdviceRead:
    """Work out the dispute's advice from stored data and keep it on the dispute, so lists and reads only read."""
    read = _advice_read(session, actor, dispute)
    dispute.recommended = read.recommended
    dispute.advice = to_jsonable(read)
    session.flush()
    return read


def _advice_read(session: Session, actor: Actor, dispute: Dispute) -> AdviceRead:
    inputs = advice_inputs(session, dispute)
    figures = advice.compute(inputs)
    decision = advice.decide(figures)
    contact = session.get(Contact, dispute.contact_id)
    return AdviceRead(
        dispute_id=dispute.id, currency=inputs.currency, recommended=decision.resolution,
        recommended_label={lang: explain.resolution_label(decision.resolution, lang) for lang in ("zh", "en")},
        language=normalize_language(contact.language if contact else actor.language),
        figures=_figure_table(inputs, figures), lifetime_basis=figures.lifetime.basis,
        break_even_lifetime_value=figures.break_even,
        options=[AdviceOption(resolution=key, label_zh=explain.resolution_label(key, "zh"),
                              label_en=explain.resolution_label(key, "en"), cost=cost)
                 for key, cost in figures.options.items()],
        evidence_held=sorted(inputs.evidence), evidence_missing=list(figures.evidence_missing),
        explanation={lang: explain.explain(inputs, figures, decision, lang) for lang in ("zh", "en")},
    )


def draft_reply(
    session: Session, actor: Actor, *, dispute_id: int, resolution: str | None = None, language: str | None = None
) -> DraftRead:
    """A calm reply in the client's language: our checks, no argument about fault, the resolution, the surprise.

    Drafting changes nothing; the reply for the resolution carried out is kept when the dispute is resolved.
    """
    language = spoken_language(language)
    dispute = get_dispute(session, actor, dispute_id=dispute_id)
    if resolution is not None and resolution not in advice.RESOLUTIONS:
        raise Invalid("disputes.resolution_one", resolution=resolution, items=', '.join(advice.RESOLUTIONS),
                      field="resolution")
    chosen = resolution or dispute.resolution or dispute.recommended
    if chosen is None:
        chosen = advise(session, actor, dispute_id=dispute.id).recommended
    contact = visible_contact(session, actor, dispute.contact_id)
    lang = normalize_language(language or contact.language)
    text = drafting.render_reply(reply_facts(session, actor, dispute, contact, chosen, lang), lang)
    flagged = drafting.argue_words(text, lang)
    return DraftRead(dispute_id=dispute.id, language=lang, resolution=chosen, text=text, calm=not flagged,
                     flagged_words=flagged)


def apply_options(session: Session, dispute: Dispute, options: DisputeOptions) -> None:
    """Store the choices that shape the advice (route, surprise, entered lifetime value) on the dispute.

    A choice given as None clears it (the route's own price, the item's own cost, the worked-out lifetime
    value, no catalog item); a choice not given stays as it was. An unknown surprise sku is Invalid.
    """
    given = options.model_fields_set
    if "route" in given and options.route is not None:
        dispute.route = advice.route(options.route).key
    if "shipping_cost" in given:
        dispute.shipping_cost_override = options.shipping_cost
    if options.surprise_item_id is not None or options.surprise_sku is not None:
        dispute.surprise_item_id = _surprise_item(session, options).id
    elif {"surprise_item_id", "surprise_sku"} & given:  # named as nothing: the surprise is no catalog item
        dispute.surprise_item_id = None
    if "surprise_description" in given:
        dispute.surprise_description = options.surprise_description
    if options.surprise_quantity is not None:
        dispute.surprise_quantity = options.surprise_quantity
    if "surprise_unit_cost" in given:
        dispute.surprise_unit_cost = options.surprise_unit_cost
    if "lifetime_value" in given:
        dispute.lifetime_value_override = options.lifetime_value


def _surprise_item(session: Session, options: DisputeOptions) -> CatalogItem:
    # A sku typed into the dispute's choices that the catalog lacks is a mistyped choice (422, beside its
    # field), not a missing dispute.
    try:
        item = resolve_item(session, item_id=options.surprise_item_id, sku=options.surprise_sku)
    except NotFound as missing:
        field = "surprise_sku" if options.surprise_sku is not None else "surprise_item_id"
        raise Invalid(missing.message, field=field, **missing.values) from None
    assert item is not None  # one of the two was given
    return item


def current_options(session: Session, dispute: Dispute) -> DisputeOptions:
    """The choices stored on the dispute as a form shows them (blank where the advice works its own out)."""
    item = session.get(CatalogItem, dispute.surprise_item_id) if dispute.surprise_item_id else None
    return DisputeOptions(
        route=advice.route(dispute.route).key, shipping_cost=dispute.shipping_cost_override,
        surprise_sku=item.sku if item else None, surprise_description=dispute.surprise_description,
        surprise_quantity=dispute.surprise_quantity or None, surprise_unit_cost=dispute.surprise_unit_cost,
        lifetime_value=dispute.lifetime_value_override,
    )


@dataclass(frozen=True)
class Surprise:
    """The goodwill extra: what, how many, the cost of one, and its label in zh and en."""

    item: CatalogItem | None
    quantity: int
    unit_cost: Decimal | None
    label_zh: str
    label_en: str

    def label(self, language: str) -> str:
        """The surprise in words, in ``language``."""
        return bilingual(language, self.label_zh, self.label_en)


def surprise_of(session: Session, dispute: Dispute) -> Surprise:
    """The surprise the dispute would send (default: a few samples of the claimed item's line)."""
    item = session.get(CatalogItem, dispute.surprise_item_id) if dispute.surprise_item_id else None
    qty = dispute.surprise_quantity or int(advice.rules()["surprise"]["default_quantity"])
    unit = dispute.surprise_unit_cost if dispute.surprise_unit_cost is not None else (item.price if item else None)
    name_en = _sample_name(item_label(item, dispute.surprise_description, "en"), "en") or "the new line"
    name_zh = _sample_name(item_label(item, dispute.surprise_description, "zh"), "zh") or "新系列"
    return Surprise(item=item, quantity=qty, unit_cost=unit, label_zh=f"{qty} 件{name_zh}样品",
                    label_en=f"{qty} {'sample' if qty == 1 else 'samples'} of {name_en}")


def _sample_name(name: str, language: str) -> str:
    # The client reads "3 samples of the new line", never "3 samples of Samples of..." nor words in
    # another language: a description written in the other language gives way to the generic words.
    if bool(re.search(r"[\u4e00-\u9fff]", name)) != (language == "zh"):
        return ""
    if language == "zh":
        return re.sub(r"(的)?样品$", "", name.strip())
    return re.sub(r"^\s*(?:a few\s+|some\s+)?samples?\s+of\s+", "", name.strip(), flags=re.IGNORECASE)


def advice_inputs(session: Session, dispute: Dispute) -> advice.AdviceInputs:
    """Everything the advice weighs, gathered from the dispute, its parcel, order, evidence and ledger history."""
    shipment = session.get(Shipment, dispute.shipment_id)
    order = session.get(Order, dispute.order_id)
    line = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    if shipment is None or order is None or line is None:
        raise Conflict("disputes.dispute_s_parcel_claimed", id=dispute.id)
    item = session.get(CatalogItem, line.item_id) if line.item_id else None
    value, profit = order_totals(session, order.id)
    total_value, total_profit = order_queries.contact_margin(session, dispute.contact_id)
    surprise = surprise_of(session, dispute)
    surprise_cost = surprise.unit_cost * surprise.quantity if surprise.unit_cost is not None else None
    evidence = evidence_kinds(session, shipment.id) | ({"packed_count"} if shipment.packed_units else set())
    return advice.AdviceInputs(
        currency=order.currency,
        claim=advice.Claim(dispute.claim_kind, dispute.claim_quantity, item_label(item, line.description, "zh"),
                           item_label(item, line.description, "en"), line.unit_cost, line.unit_price,
                           line.unit_weight_kg or _unit_weight(session, shipment)),
        order_value=value, order_profit=profit, hours_spent=dispute.hours_spent,
        hourly_value=_in_order_currency(session, get_settings().hourly_cost, base_currency(), order.currency),
        route=_priced_route(session, advice.route(dispute.route), order.currency), today=clock.today(),
        shipping_override=dispute.shipping_cost_override, surprise_cost=surprise_cost,
        surprise_label_zh=surprise.label_zh, surprise_label_en=surprise.label_en,
        history=tuple(advice.PastOrder(on, v) for on, v in order_queries.order_history(session, dispute.contact_id)),
        margin=(total_profit / total_value) if total_value > 0 else None,
        lifetime_override=dispute.lifetime_value_override, evidence=frozenset(evidence),
    )


def _in_order_currency(session: Session, amount: Decimal, currency: str, order_currency: str) -> Decimal:
    # The advice weighs everything in the order's currency: an hour of time (base currency) or a
    # route's price converts with today's rate, so nothing adds two currencies.
    return convert(session, amount=amount, currency=currency, to=order_currency).converted


def _priced_route(session: Session, route: advice.Route, order_currency: str) -> advice.Route:
    if route.currency == order_currency:
        return route
    return replace(route, currency=order_currency,
                   base=_in_order_currency(session, route.base, route.currency, order_currency),
                   per_kg=_in_order_currency(session, route.per_kg, route.currency, order_currency))


def reply_facts(
    session: Session, actor: Actor, dispute: Dispute, contact: Contact, resolution: str, lang: str
) -> drafting.ReplyFacts:
    """What the reply states, in ``lang``: packed count, weight, photo, the resolution and the surprise."""
    shipment = get_shipment(session, actor, shipment_id=dispute.shipment_id)
    order = get_order(session, actor, order_id=dispute.order_id)
    lines = shipment_queries.shipment_lines(session, shipment.id)
    claimed = session.get(ShipmentLine, dispute.claim_line_id) if dispute.claim_line_id else None
    item = session.get(CatalogItem, claimed.item_id) if claimed and claimed.item_id else None
    evidence = shipment_queries.evidence_of(session, shipment.id)
    chosen_route = advice.route(dispute.route)
    inputs = advice_inputs(session, dispute)
    figures = advice.compute(inputs)
    ref = order.reference or f"#{order.id}"
    return drafting.ReplyFacts(
        name=contact.name, order_ref=t("orders.order_ref", lang, ref=ref),
        packed_units=shipment.packed_units, ordered_units=sum(ln.quantity for ln in lines if ln.kind == "ordered"),
        promised_units=sum(ln.quantity for ln in lines if ln.kind == "promised"),
        weight_kg=_latest_weight(evidence), photo=any(e.kind == "photo" for e in evidence),
        resolution=resolution, quantity=dispute.claim_quantity,
        item=item_label(item, claimed.description if claimed else "", lang), route=chosen_route.name(lang),
        eta=_eta(clock.today() + timedelta(days=chosen_route.days), lang),
        credit=dispute.credit_amount or figures.credit, currency=order.currency,
        surprise=surprise_of(session, dispute).label(lang) if resolution == "resend_surprise" else "",
        carrier=shipment.carrier or "", sender=sender_signature(session, user_id=contact.owner_id or actor.user_id,
                                                                 language=lang),
    )


def dispute_read(session: Session, dispute: Dispute) -> DisputeRead:
    """A dispute as shown, with the evidence held and any reorder since it was resolved."""
    read = DisputeRead.model_validate(dispute)
    shipment = session.get(Shipment, dispute.shipment_id)
    # Lists show many disputes: a photo counts when its file is there; the advice checks the checksums.
    held = evidence_kinds(session, dispute.shipment_id, checksums=False)
    if shipment is not None and shipment.packed_units:
        held.add("packed_count")
    read.evidence_held = sorted(held)
    order = session.get(Order, dispute.order_id)
    read.currency = order.currency if order else base_currency()
    reorders = repository.orders_since(session, dispute.contact_id, dispute.resolved_on or dispute.opened_on,
                                       exclude_outcome_id=order.outcome_id if order else None)
    read.reorder_value = sum((o.value for o in reorders), Decimal("0"))
    read.reorder_on = reorders[0].on if reorders else None
    return read


def _claim_line(session: Session, shipment: Shipment, line_id: int | None) -> ShipmentLine:
    lines = shipment_queries.shipment_lines(session, shipment.id)
    if line_id is not None:
        for line in lines:
            if line.id == line_id:
                return line
        raise Invalid("disputes.line_parcel_pick_one", line_id=line_id, id=shipment.id, field="line_id")
    if not lines:
        raise Invalid("disputes.parcel_lines_claim_against", id=shipment.id, field="shipment_id")
    return max(lines, key=lambda ln: (ln.quantity, -ln.id))


def _unit_weight(session: Session, shipment: Shipment) -> Decimal | None:
    weight = _latest_weight(shipment_queries.evidence_of(session, shipment.id))
    if weight is None or not shipment.packed_units:
        return None
    return weight / shipment.packed_units


def _latest_weight(evidence: Sequence[Evidence]) -> Decimal | None:
    weights = [e.weight_kg for e in evidence if e.kind == "weight" and e.weight_kg is not None]
    return weights[-1] if weights else None


def _eta(day: date, lang: str) -> str:
    return t("disputes.eta", lang, day=day.day, month=day.month, month_name=f"{day:%B}")


def _figure_table(inputs: advice.AdviceInputs, figures: advice.Figures) -> dict[str, Decimal]:
    return {
        "order_value": inputs.order_value, "order_profit": inputs.order_profit, "claim_value": figures.claim_value,
        "claim_share_percent": figures.claim_share, "resend_goods": figures.goods, "resend_shipping": figures.shipping,
        "resend_weight_kg": figures.weight_kg, "resend": figures.resend, "surprise": figures.surprise,
        "credit": figures.credit, "hours_spent": inputs.hours_spent, "hourly_value": inputs.hourly_value,
        "time_already_spent": figures.spent, "further_hours": figures.further_hours, "arguing": figures.argue,
        "loss_risk": figures.loss_risk, "hold_firm": figures.hold_firm, "lifetime_value": figures.lifetime.value,
        "break_even_lifetime_value": figures.break_even,
    }
