"""Shapes crossing the boundary for the understanding domain: facts and a contact's profile."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from giftwise.catalog.schemas import ImportReport
from giftwise.core.schemas import Schema

ConceptStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
KindStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]


class FactRead(Schema):
    """A fact as stored, with the words and note it came from."""

    id: int
    contact_id: int
    kind: str
    concept: str
    label: str = ""
    source_note_id: int | None
    source_text: str
    observed_on: date
    confidence: float
    fades_after: date | None
    origin: str
    status: str


class FactCreate(Schema):
    """A fact a user states (origin "manual"): kind and concept, optionally the words and the date."""

    kind: KindStr
    concept: ConceptStr
    source_text: Annotated[str, StringConstraints(max_length=2000)] = ""
    observed_on: date | None = None


class FactUpdate(Schema):
    """Confirm a fact, or correct its kind and/or concept (a correction always wins over extraction)."""

    confirm: bool = False
    kind: KindStr | None = None
    concept: ConceptStr | None = None


class SignalRead(Schema):
    """One understood concept and how strongly it holds today."""

    concept: str
    label: str
    strength: float
    because: str = ""


class ProfileRead(Schema):
    """What giftwise understands about a contact on ``as_of``, and every fact with its source, labelled in
    ``language``. ``family`` holds the family members and pets a gift may also please (not tastes)."""

    contact_id: int
    as_of: date
    lexicon_version: str
    language: str = "zh"
    interests: list[SignalRead] = Field(default_factory=list)
    family: list[SignalRead] = Field(default_factory=list)
    dislikes: list[SignalRead] = Field(default_factory=list)
    needs: list[SignalRead] = Field(default_factory=list)
    wishes: list[SignalRead] = Field(default_factory=list)
    saturation: list[SignalRead] = Field(default_factory=list)
    restrictions: list[SignalRead] = Field(default_factory=list)
    status: list[SignalRead] = Field(default_factory=list)
    facts: list[FactRead] = Field(default_factory=list)


class AttributeRead(Schema):
    """One understood attribute of an item: the answer, the words it came from, how sure, who said so."""

    name: str
    answer: str
    words: list[str]
    confidence: float
    source: str


class UseRead(Schema):
    """One use or context an item serves (travel, office, a newborn...): the concept, its words, how sure."""

    concept: str
    label: dict[str, str]
    confidence: float


class ItemAttributesRead(Schema):
    """What giftwise understood about a catalog item; "unknown" lists what it could not tell."""

    sku: str
    edible: AttributeRead
    cash_equivalent: AttributeRead
    contents: list[AttributeRead]
    accessory_of: list[AttributeRead]
    meanings: dict[str, list[str]]
    kinds: list[str]
    unknown: list[str]
    corrections: dict[str, str]
    uses: list[UseRead] = Field(default_factory=list)


class AttributeCorrections(Schema):
    """Corrections of an item's attributes: {"nuts": "no", "meaning:clock": "clear"}, and why (kept in the audit)."""

    corrections: dict[str, str]
    reason: Annotated[str, StringConstraints(max_length=500)] | None = None


class AttributeCorrection(Schema):
    """One correction as a person sends it from a form: the attribute, the answer, and why (required)."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    answer: Literal["yes", "no", "unknown", "clear"]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=500)]


class CatalogImported(Schema):
    """A catalog import's report, and for each imported item what giftwise could not tell about it."""

    report: ImportReport
    unknown: dict[str, list[str]]
