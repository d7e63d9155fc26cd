"""How giftwise recognises the same person twice: email, else phone, else name within an organization."""

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
