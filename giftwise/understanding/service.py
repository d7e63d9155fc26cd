"""The Fact service: notes are read into facts, and a user's word always wins over extraction.

Reading is idempotent per lexicon version: a note is read once (``NoteReading``) and read
again only when the lexicon changes, replacing its untouched extracted facts. What a user did
to a note's facts survives re-reading: a confirmed or corrected fact stays, a deleted one stays
deleted (its row is kept as ``rejected`` so extraction does not bring it back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from giftwise.accounts.service import record_audit, visible_contact
from giftwise.core import clock
from giftwise.core.actor import Actor
from giftwise.core.errors import Invalid, NotFound
from giftwise.core.i18n import normalize_language
from giftwise.models.contacts import Contact, Note
from giftwise.models.readings import NoteReading
from giftwise.models.understanding import Fact
from giftwise.understanding import repository
from giftwise.understanding.extractor import WORDS_ONLY, extract
from giftwise.understanding.facts import DEFAULT_HALF_LIFE, FACT_KINDS, TOPIC, FactRecord, half_life_from_fade
from giftwise.understanding.labels import concept_label, words_of
from giftwise.understanding.lexicon import Lexicon, lexicon_fingerprint, load_lexicon
from giftwise.understanding.matching import find, tokens_of
from giftwise.understanding.profile import Signal, Understanding, understand
from giftwise.understanding.schemas import FactRead, ProfileRead, SignalRead

USER_ORIGINS = ("confirmed", "corrected", "manual")
# A taste overruled by a newer note keeps 5% of its weight (profile.OVERRULED) so the engine still knows
# it; below this strength it is no longer something to tell a reader ("quit golf" must not list golf).
SHOWN_FLOOR = 0.1


class FactNotFound(NotFound):
    """No such fact for this contact."""


def lexicon_version(lexicon: Lexicon | None = None) -> str:
    """The lexicon's version plus a digest of its files, so an unversioned edit still triggers re-reading."""
    lexicon = lexicon or load_lexicon()
    return f"{lexicon.version}+{lexicon_fingerprint(lexicon)[:8]}"


def read_notes(session: Session, actor: Actor, *, contact_ids: Sequence[int]) -> int:
    """Read the notes of ``contact_ids`` not yet read with the current lexicon into facts; returns how many."""
    _ = actor  # callers check visibility; reading changes no meaning a user gave
    lexicon = load_lexicon()
    version = lexicon_version(lexicon)
    notes = repository.unread_notes(session, list(contact_ids), version)
    for note in notes:
        _read_note(session, note, version, lexicon)
    session.flush()
    return len(notes)


def _read_note(session: Session, note: Note, version: str, lexicon: Lexicon) -> None:
    repository.drop_extracted(session, note.id)
    session.add_all(_facts_read_from(session, note, lexicon))
    reading = repository.reading_of(session, note.id)
    if reading is None:
        session.add(NoteReading(note_id=note.id, contact_id=note.contact_id, lexicon_version=version))
    else:
        reading.lexicon_version = version
        reading.read_at = clock.now()


def _facts_read_from(session: Session, note: Note, lexicon: Lexicon) -> list[Fact]:
    # A meaning a user corrected, deleted or gave by hand is never read over.
    touched = {(f.kind, f.concept) for f in repository.facts_of_note(session, note.id)
               if f.origin != "extracted" or f.status != "active"}
    facts = []
    for record in extract(note.text, note.on, source=f"{note.kind}:{note.id}", lexicon=lexicon):
        concept = stored_concept(record)
        if (record.kind, concept) in touched:
            continue
        facts.append(Fact(
            contact_id=note.contact_id, kind=record.kind, concept=concept, source_note_id=note.id,
            source_text=record.source_text, observed_on=record.observed_on, confidence=record.confidence,
            fades_after=record.fades_after, origin="extracted", status="active",
        ))
    return facts


def stored_concept(record: FactRecord) -> str:
    """The concept column for a fact: a wish known only by its words, and a topic, keep them
    ("_words:white noise machine", "_topic:电饭煲 报错 返修")."""
    if record.concept in (WORDS_ONLY, TOPIC) and record.words:
        return f"{record.concept}:{' '.join(record.words)}"[:80]
    return record.concept[:80]


def fact_records(session: Session, *, contact_ids: Sequence[int]) -> dict[int, list[FactRecord]]:
    """The active facts of ``contact_ids`` as the engine's records, each citing its note."""
    facts = repository.facts_of(session, list(contact_ids))
    kinds = repository.note_kinds(session, {f.source_note_id for f in facts if f.source_note_id})
    out: dict[int, list[FactRecord]] = defaultdict(list)
    for f in facts:
        out[f.contact_id].append(as_record(f, kinds.get(f.source_note_id or 0)))
    return out


def fact_records_as_read(session: Session, *, contact_ids: Sequence[int]) -> dict[int, list[FactRecord]]:
    """The active facts of ``contact_ids`` as they will be once every note is read with the current lexicon.

    Notes not yet read are read in memory and nothing is stored, so a page or a GET that shows what giftwise
    understands writes nothing; ``read_notes`` stores the same facts.
    """
    lexicon = load_lexicon()
    unread = repository.unread_notes(session, list(contact_ids), lexicon_version(lexicon))
    if not unread:
        return fact_records(session, contact_ids=contact_ids)
    rereading = {note.id for note in unread}
    kept = [f for f in repository.facts_of(session, list(contact_ids))
            if not (f.source_note_id in rereading and f.origin == "extracted")]
    kinds = repository.note_kinds(session, {f.source_note_id for f in kept if f.source_note_id})
    # In the order reading would store them: new facts after every stored one of the same day.
    ordered = [((f.observed_on, 0, f.id), f.contact_id, as_record(f, kinds.get(f.source_note_id or 0))) for f in kept]
    fresh = ((note, fact) for note in unread for fact in _facts_read_from(session, note, lexicon))
    ordered += [((fact.observed_on, 1, n), fact.contact_id, as_record(fact, note.kind))
                for n, (note, fact) in enumerate(fresh)]
    out: dict[int, list[FactRecord]] = defaultdict(list)
    for _, contact_id, record in sorted(ordered, key=lambda row: row[0]):
        out[contact_id].append(record)
    return out


def as_record(fact: Fact, note_kind: str | None = None) -> FactRecord:
    """One stored fact as the engine's record."""
    if fact.source_note_id:
        source = f"{note_kind or 'note'}:{fact.source_note_id}"
    else:
        source = "gift" if fact.origin == "outcome" else "user"
    half_life = half_life_from_fade(fact.observed_on, fact.fades_after)
    if half_life is None and fact.kind in ("interest", "dislike", "lapsed", "wish", "saturation", "pet", "family"):
        half_life = DEFAULT_HALF_LIFE[fact.kind]
    return FactRecord(fact.kind, fact.concept, fact.observed_on, fact.confidence, fact.source_text, source,
                      fact.origin, half_life, words_of(fact.concept), fact.id)


def resolve_concept(text: str, lexicon: Lexicon | None = None) -> str:
    """A concept id for ``text``: the id or alias itself, else the first concept its words name, else the text."""
    lexicon = lexicon or load_lexicon()
    cleaned = text.strip()
    concept = lexicon.concept(cleaned) or lexicon.concept(cleaned.lower().replace(" ", "_"))
    if concept is not None:
        return concept.id
    tokens = tokens_of(cleaned, lexicon)
    for index in (lexicon.note, lexicon.item):
        for match in find(tokens, index, partial=True):
            return match.ids[0]
    return cleaned.lower()[:80]


def _kind_for(kind: str, concept: str, lexicon: Lexicon) -> str:
    if kind not in FACT_KINDS:
        raise Invalid("understanding.fact_kind_one", kind=kind, items=', '.join(FACT_KINDS), field="kind")
    known = lexicon.concept(concept)
    if known is not None and known.kind == "status" and kind == "restriction":
        return "status"  # "does not accept gifts" is a position, which compliance reads as such
    return kind


def _enforceable(kind: str, concept_id: str, lexicon: Lexicon) -> None:
    # A restriction nothing in the lexicon stands for could never hold when a gift is chosen:
    # storing it would promise a protection giftwise cannot give.
    if kind == "restriction" and lexicon.concept(concept_id) is None:
        known = sorted(c.id for c in lexicon.concepts.values() if c.kind in ("restriction", "status"))
        raise Invalid("understanding.unknown_restriction", concept=concept_id, items=", ".join(known),
                      field="concept")


def add_fact(
    session: Session, actor: Actor, *, contact_id: int, kind: str, concept: str, source_text: str = "",
    observed_on: date | None = None, confidence: float = 1.0, origin: str = "manual",
) -> Fact:
    """Record a fact about a visible contact (a user's, or a lesson from a returned gift), audited."""
    visible_contact(session, actor, contact_id)
    if not concept.strip():
        raise Invalid("understanding.fact_needs_concept_e", field="concept")
    lexicon = load_lexicon()
    concept_id = resolve_concept(concept, lexicon)
    _enforceable(kind.strip().lower(), concept_id, lexicon)
    fact = Fact(
        contact_id=contact_id, kind=_kind_for(kind.strip().lower(), concept_id, lexicon), concept=concept_id,
        source_text=source_text or concept.strip(), observed_on=observed_on or clock.today(),
        confidence=max(0.0, min(1.0, confidence)), origin=origin, status="active",
    )
    session.add(fact)
    session.flush()
    record_audit(session, actor, action="fact.add", entity="fact", entity_id=fact.id, after=_snapshot(fact))
    return fact


def _fact(session: Session, actor: Actor, contact_id: int, fact_id: int) -> Fact:
    visible_contact(session, actor, contact_id)
    fact = repository.fact_of_contact(session, contact_id, fact_id)
    if fact is None or fact.status != "active":
        raise FactNotFound("understanding.contact_fact_giftwise_profile", contact_id=contact_id, fact_id=fact_id)
    return fact


def confirm_fact(session: Session, actor: Actor, *, contact_id: int, fact_id: int) -> Fact:
    """Mark a fact as confirmed by a user: extraction will not replace it and a note cannot lift it."""
    fact = _fact(session, actor, contact_id, fact_id)
    before = _snapshot(fact)
    fact.origin, fact.confidence = "confirmed", 1.0
    session.flush()
    record_audit(session, actor, action="fact.confirm", entity="fact", entity_id=fact.id, before=before,
                 after=_snapshot(fact))
    return fact


def correct_fact(
    session: Session, actor: Actor, *, contact_id: int, fact_id: int, kind: str | None = None,
    concept: str | None = None,
) -> Fact:
    """Replace a fact's kind and/or concept; the old reading is kept as rejected so it never comes back."""
    fact = _fact(session, actor, contact_id, fact_id)
    if not kind and not concept:
        raise Invalid("understanding.correction_needs_new_kind", field="concept")
    lexicon = load_lexicon()
    new_concept = resolve_concept(concept, lexicon) if concept else fact.concept
    _enforceable((kind or fact.kind).strip().lower(), new_concept, lexicon)
    new_kind = _kind_for((kind or fact.kind).strip().lower(), new_concept, lexicon)
    before = _snapshot(fact)
    fact.status = "rejected"
    corrected = Fact(
        contact_id=contact_id, kind=new_kind, concept=new_concept, source_note_id=fact.source_note_id,
        source_text=fact.source_text, observed_on=fact.observed_on, confidence=1.0,
        fades_after=fact.fades_after if new_kind == fact.kind else None, origin="corrected", status="active",
    )
    session.add(corrected)
    session.flush()
    record_audit(session, actor, action="fact.correct", entity="fact", entity_id=corrected.id, before=before,
                 after=_snapshot(corrected))
    return corrected


def delete_fact(session: Session, actor: Actor, *, contact_id: int, fact_id: int) -> Fact:
    """Withdraw a fact; it stays as rejected so re-reading its note does not bring it back."""
    fact = _fact(session, actor, contact_id, fact_id)
    before = _snapshot(fact)
    fact.status = "rejected"
    session.flush()
    record_audit(session, actor, action="fact.delete", entity="fact", entity_id=fact.id, before=before,
                 after=_snapshot(fact))
    return fact


def contact_profile(
    session: Session, actor: Actor, *, contact_id: int, as_of: date | None = None, language: str | None = None,
) -> ProfileRead:
    """What giftwise understands about a visible contact, every stored fact with its source (but topics, the raw
    words a note talked about), labelled in ``language`` (zh or en; the actor's language when not given).
    Writes nothing: a note is read into facts when it is added (``giftwise.workflows.note_steps``), and one not
    yet read with the current lexicon is read in memory (``fact_records_as_read``)."""
    contact = visible_contact(session, actor, contact_id)
    day = as_of or clock.today()
    lexicon = load_lexicon()
    records = fact_records_as_read(session, contact_ids=[contact.id]).get(contact.id, [])
    u = understand(records, day, lexicon)
    language = normalize_language(language or actor.language)

    def signals(values: dict[str, Signal]) -> list[SignalRead]:
        shown = ((c, s) for c, s in values.items() if s.strength >= SHOWN_FLOOR)
        return sorted((_signal(c, s, lexicon, language) for c, s in shown), key=lambda s: -s.strength)

    people = {c: s for c, s in u.interests.items() if _is_family(c, lexicon)}
    tastes = {c: s for c, s in u.interests.items() if c not in people}
    facts = repository.facts_of(session, [contact.id])
    return ProfileRead(
        contact_id=contact.id, as_of=day, lexicon_version=lexicon_version(lexicon), language=language,
        interests=signals(tastes), family=signals(people), dislikes=signals(u.dislikes), needs=signals(u.needs),
        wishes=signals(u.wishes), saturation=signals(u.saturation), status=signals(u.status),
        restrictions=[_signal(c, Signal(1.0, fs), lexicon, language) for c, fs in u.restrictions.items()],
        # Topics are the words of a note, not something understood: the note itself shows them.
        facts=[fact_read(f, lexicon, language) for f in facts if f.kind != "topic"],
    )


def fact_read(fact: Fact, lexicon: Lexicon | None = None, language: str = "en") -> FactRead:
    """A stored fact with its concept's label in ``language``."""
    read = FactRead.model_validate(fact)
    read.label = concept_label(fact.concept, lexicon or load_lexicon(), normalize_language(language), fact.source_text)
    return read


def _is_family(concept_id: str, lexicon: Lexicon) -> bool:
    concept = lexicon.concept(concept_id)
    return concept is not None and concept.kind in ("family", "pet")


def _signal(concept_id: str, signal: Signal, lexicon: Lexicon, language: str) -> SignalRead:
    best = signal.best
    because = f"{best.source_text} ({best.observed_on.isoformat()})" if best and best.source_text else ""
    label = concept_label(concept_id, lexicon, language, best.source_text if best else "")
    return SignalRead(concept=concept_id, label=label, strength=round(signal.strength, 3), because=because)


def _snapshot(fact: Fact) -> dict[str, Any]:
    return {"contact_id": fact.contact_id, "kind": fact.kind, "concept": fact.concept, "origin": fact.origin,
            "status": fact.status, "source_note_id": fact.source_note_id}


def contact_of(session: Session, actor: Actor, contact_id: int) -> Contact:
    """A visible contact (NotFound otherwise)."""
    return visible_contact(session, actor, contact_id)


def role_facts(contact: Contact, on: date, lexicon: Lexicon) -> list[FactRecord]:
    """Positions the contact's role states ("采购总监", "tax bureau"), as status facts."""
    if not contact.role:
        return []
    return [f.moved(source="profile") for f in extract(contact.role, on, source="profile", lexicon=lexicon)
            if f.kind == "status"]


def contact_understanding(session: Session, actor: Actor, contact: Contact, *, as_of: date) -> Understanding:
    """What giftwise understands about a stored contact on ``as_of`` (notes not yet read are read in memory;
    nothing is stored)."""
    _ = actor  # the caller already holds a visible contact
    lexicon = load_lexicon()
    records = fact_records_as_read(session, contact_ids=[contact.id]).get(contact.id, [])
    return understand(records + role_facts(contact, as_of, lexicon), as_of, lexicon)
