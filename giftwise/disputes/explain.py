"""The advice in words a salesperson understands, in zh and en (wording: ``disputes.advice.*`` messages)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from giftwise.core.amounts import money
from giftwise.core.i18n import bilingual, normalize_language, t
from giftwise.disputes.advice import AdviceInputs, Decision, Figures, rules


def text(key: str, language: str, **values: Any) -> str:
    """The advice phrase ``key`` in ``language`` with ``values`` filled in."""
    return t(f"disputes.advice.{key}", language, **values)


def resolution_label(resolution: str, language: str) -> str:
    """The name of a resolution (resend, partial credit...) in ``language``."""
    return text(f"resolution.{resolution}", language)


def claim_label(kind: str, quantity: int, language: str) -> str:
    """The claim in words ("short by 2", "少了2件")."""
    return text(f"claim.{kind}", language, qty=quantity)


def explain(inputs: AdviceInputs, figures: Figures, decision: Decision, language: str) -> list[str]:
    """Every line of the advice, figures first and the recommendation last, in ``language``."""
    lang = normalize_language(language)
    claim = inputs.claim
    item = bilingual(lang, claim.item_name_zh, claim.item_name_en)
    values = _values(inputs, figures, lang)
    lines = [
        text("line.claim", lang, claim=claim_label(claim.kind, claim.quantity, lang), item=item, **values),
        text("line.resend", lang, item=item, route=inputs.route.name(lang), **values),
        text("line.surprise", lang, **values),
        text("line.credit", lang, **values),
        text("line.profit", lang, **values),
        _lifetime_line(figures, lang, values),
        text("line.arguing", lang, **values),
        text("line.break_even_zero", lang) if figures.break_even == 0 else text("line.break_even", lang, **values),
        text("line.evidence", lang, **values),
        _decision_line(decision, lang, values),
    ]
    return lines


def _values(inputs: AdviceInputs, figures: Figures, lang: str) -> dict[str, Any]:
    cfg = rules()
    lifetime = figures.lifetime
    held = [k for k in ("photo", "weight", "packed_count") if k in inputs.evidence]
    gesture = figures.resend + figures.surprise
    multiple = Decimal(cfg["surprise"]["min_lifetime_multiple"])
    label = bilingual(lang, inputs.surprise_label_zh, inputs.surprise_label_en)
    profit_pct = (figures.resend / inputs.order_profit * 100) if inputs.order_profit > 0 else Decimal("100")
    cur = inputs.currency

    def amount(value: Decimal) -> str:
        return money(value, cur)

    return {
        "qty": inputs.claim.quantity, "cur": cur,
        "claim_value": amount(figures.claim_value), "share": int(figures.claim_share),
        "goods": amount(figures.goods), "shipping": amount(figures.shipping), "weight": f"{figures.weight_kg:.2f}",
        "resend": amount(figures.resend), "surprise": amount(figures.surprise),
        "surprise_label": label or text("surprise_default", lang),
        "credit": amount(figures.credit), "profit": amount(inputs.order_profit), "value": amount(inputs.order_value),
        "pct": int(profit_pct.quantize(Decimal("1"))),
        "n": lifetime.orders, "avg": amount(lifetime.average_order),
        "margin": int((lifetime.margin * 100).quantize(Decimal("1"))),
        "expected": lifetime.expected_orders, "horizon": lifetime.horizon_years.normalize(),
        "ltv": amount(lifetime.value),
        "hours": inputs.hours_spent.normalize(), "spent": amount(figures.spent), "further": figures.further_hours,
        "argue": amount(figures.argue), "risk": int(figures.loss_risk * 100),
        "at_risk": amount(figures.hold_firm - figures.argue), "hold": amount(figures.hold_firm),
        "break_even": amount(figures.break_even),
        "held": _evidence_words(held, lang), "missing": _evidence_words(list(figures.evidence_missing), lang),
        "ratio": Decimal(cfg["partial_credit"]["shipping_over_goods"]).normalize(),
        "multiple": multiple.normalize(), "gesture": amount(gesture), "needed": amount(multiple * gesture),
    }


def _evidence_words(kinds: Sequence[str], lang: str) -> str:
    if not kinds:
        return text("evidence.none", lang)
    return text("list_separator", lang).join(text(f"evidence.{k}", lang) for k in kinds)


def _lifetime_line(figures: Figures, lang: str, values: dict[str, Any]) -> str:
    basis = figures.lifetime.basis
    key = {"entered": "line.ltv_entered", "history": "line.ltv_history"}.get(basis, "line.ltv_one_off")
    return text(key, lang, **values)


def _decision_line(decision: Decision, lang: str, values: dict[str, Any]) -> str:
    main, *extra = decision.reasons
    if main != "why.resend":
        return text(main, lang, **values)
    not_hold = [text(key, lang, **values) for key in extra if key.startswith("not_hold.")]
    line = text(main, lang, not_hold=not_hold[0] if not_hold else "", **values)
    if "not_surprise" in extra:
        line = text("with_not_surprise", lang, line=line, not_surprise=text("not_surprise", lang, **values))
    return line
