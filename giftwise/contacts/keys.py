"""How giftwise recognises the same person twice: email, else phone, else the same name in the same
organization (or both without one) unless their emails or phones tell them apart."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D+")


def phone_key(phone: str | None) -> str | None:
    """The digits that identify a phone number, without China's 86/0086 prefix (None if too short)."""
    if not phone:
        return None
    digits = _NON_DIGITS.sub("", phone.split("x")[0])
    if digits.startswith("00"):
        digits = digits[2:]
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    return digits if len(digits) >= 5 else None


def email_key(email: str | None) -> str | None:
    """An email compared without case (None when empty)."""
    return email.strip().lower() if email and email.strip() else None


def told_apart(email_a: str | None, phone_a: str | None, email_b: str | None, phone_b: str | None) -> bool:
    """True when two same-named people in one organization are clearly different: their emails
    or their phones differ (a big company has many 王伟)."""
    return bool((email_a and email_b and email_a != email_b) or (phone_a and phone_b and phone_a != phone_b))


def search_text(name: str, name_latin: str | None, email: str | None, wechat: str | None, phone: str | None) -> str:
    """What a contact search looks in: the names, email, WeChat id and phone (as written and as
    digits), lower-cased with Unicode rules so "MÜLLER" finds "Müller" on every database."""
    parts = [name, name_latin, email, wechat, phone, phone_key(phone)]
    return "\x1f".join(p for p in parts if p).lower()
