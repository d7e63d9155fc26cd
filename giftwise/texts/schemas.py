"""Shapes crossing the boundary for the editable texts."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from giftwise.core.schemas import Schema


class TemplateRead(Schema):
    """One message template: which it is, the text in force, and whether the installation changed it."""

    domain: str
    language: str
    name: str
    text: str
    edited: bool
    shipped: str


class TemplateEdit(Schema):
    """A template's new text (no text: go back to the shipped one)."""

    text: Annotated[str, StringConstraints(max_length=20_000)] | None = None
