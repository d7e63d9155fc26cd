"""Which contacts a campaign should aim at (read only): the most potential by the ledger and the best fit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from giftwise.accounts.service import contact_scope
from giftwise.campaigns import repository
from giftwise.campaigns.options import best_fits
from giftwise.campaigns.schemas import Suggestion
from giftwise.campaigns.service import get_campaign
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid
from giftwise.core.i18n import t
from giftwise.ledger import repository as ledger_repository
from giftwise.ledger.potential import contact_potential
from giftwise.ledger.service import load_history

# Fit is costly (the recommender scores a whole catalog per person), so only the contacts with the
# most ledger potential are scored: this many times the number asked for.
SHORTLIST_FACTOR = 3


def suggest_targets(session: Session, actor: Actor, *, campaign_id: int, limit: int = 8) -> list[Suggestion]:
    """The visible contacts with the most potential who are not targets yet (orders, replies, then fit)."""
    if not 1 <= limit <= 50:
        raise Invalid("campaigns.limit_between_good_campaign", field="limit")
    campaign = get_campaign(session, actor, campaign_id=campaign_id)
    present = {t.contact_id for t in repository.targets_of(session, campaign.id)}
    contacts = [c for c in ledger_repository.contacts_in(session, contact_scope(session, actor)) if c.id not in present]
    loaded = load_history(session, actor, contact_ids=[c.id for c in contacts])
    potentials = {
        c.id: contact_potential(loaded.for_contact(c.id), contact_id=c.id, name=c.name, today=clock.today(),
                                language=actor.language, currency=campaign.currency)
        for c in contacts
    }
    shortlist = sorted(contacts, key=lambda c: (-potentials[c.id].value, c.name))[: limit * SHORTLIST_FACTOR]
    fits = best_fits(session, actor, contacts=shortlist, history=loaded, currency=campaign.currency,
                     cap=campaign.per_contact_cap)
    ranked = []
    for contact in shortlist:
        potential = potentials[contact.id]
        item_name, fit = fits.get(contact.id, ("", 0.0))
        reasons = list(potential.reasons)
        if item_name:
            reasons.append(t("ledger.potential.fit", actor.language, item=item_name, score=f"{fit:.2f}"))
        ranked.append(Suggestion(
            contact_id=contact.id, name=contact.name, score=round(potential.value * (0.5 + fit), 4),
            potential=potential.value, fit=round(fit, 4), reasons=reasons,
        ))
    ranked.sort(key=lambda s: (-s.score, s.name))
    return ranked[:limit]
