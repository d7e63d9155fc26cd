"""Terminal commands for the understanding domain (services are imported inside commands).

giftwise profile CONTACT [--confirm ID | --correct ID --concept X --kind Y | --delete ID | --add kind:concept]
"""

from __future__ import annotations

from typing import Any

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit
from giftwise.core.i18n import N_, msg

FACT_COLUMNS = ["id", "kind", "label", "observed_on", "origin", "source_text"]


def register(root: typer.Typer) -> None:
    """Add the ``profile`` command to the root ``giftwise`` app, and item understanding to ``catalog``."""
    from giftwise.catalog.cli import IMPORT_EXTRAS, SHOW_EXTRAS, catalog_app

    root.command(name="profile")(profile)
    catalog_app.command("correct")(correct)
    if _show_attributes not in SHOW_EXTRAS:
        SHOW_EXTRAS.append(_show_attributes)
        IMPORT_EXTRAS.append(_import_unknowns)


def correct(
    sku: str = typer.Argument(..., help="The item's id (sku)."),
    pairs: list[str] = typer.Argument(..., metavar="NAME=ANSWER...",
                                      help="e.g. nuts=no cash_equivalent=yes meaning:clock=no (clear forgets one)."),
    reason: str = typer.Option(None, "--reason", help="Why (kept in the audit trail)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Correct what giftwise understood about a catalog item; a correction always wins."""
    from giftwise.understanding.items_service import correct_item, parse_corrections

    with cli_unit() as (session, actor):
        result = correct_item(session, actor, sku=sku, corrections=parse_corrections(pairs), reason=reason)
        _key, rows = _attribute_rows(result)
    emit(result if fmt is OutputFormat.json else rows, fmt, title=sku)


def _show_attributes(session: Any, actor: Any, sku: str) -> tuple[str, list[dict[str, Any]]]:
    from giftwise.understanding.items_service import item_attributes

    return _attribute_rows(item_attributes(session, actor, sku=sku))


def _attribute_rows(result: Any) -> tuple[str, list[dict[str, Any]]]:
    """An item's attributes as table rows: name, answer, confidence, source, the words they came from."""
    rows = [{"attribute": a.name, "answer": a.answer, "confidence": a.confidence, "source": a.source,
             "words": ", ".join(a.words)}
            for a in [result.edible, result.cash_equivalent, *result.contents, *result.accessory_of]]
    rows += [{"attribute": f"meaning:{m}", "answer": "yes", "confidence": "", "source": "", "words": ", ".join(w)}
             for m, w in result.meanings.items()]
    rows += [{"attribute": f"use:{u.concept}", "answer": "yes", "confidence": u.confidence, "source": "inferred",
              "words": " / ".join(dict.fromkeys(u.label.values()))} for u in result.uses]
    return "attributes", rows


def _import_unknowns(session: Any, actor: Any, content: bytes, filename: str, file_format: str | None) -> list[str]:
    from giftwise.catalog.service import read_portable_catalog
    from giftwise.core.i18n import current_language, label, t
    from giftwise.understanding.items_service import unknowns_of

    language = current_language()  # the command's own lines speak the installation's language

    unknown = unknowns_of(read_portable_catalog(filename, content, file_format=file_format))
    if not unknown:
        return []
    listed = "; ".join(f"{sku} ({', '.join(label('attribute', n, language) for n in names)})"
                       for sku, names in unknown.items())
    return [t("understanding.import_unknowns", language, count=len(unknown), items=listed)]


def profile(
    contact_ref: str = typer.Argument(..., metavar="CONTACT", help="Contact id, email or unique name."),
    confirm: int = typer.Option(None, "--confirm", help="Confirm the fact with this id."),
    correct: int = typer.Option(None, "--correct", help="Correct the fact with this id (with --concept/--kind)."),
    concept: str = typer.Option(None, "--concept", help="With --correct: the right concept, e.g. hiking."),
    kind: str = typer.Option(None, "--kind", help="With --correct: the right kind, e.g. dislike."),
    delete: int = typer.Option(None, "--delete", help="Withdraw the fact with this id."),
    add: str = typer.Option(None, "--add", help="State a fact yourself as kind:concept, e.g. restriction:no_alcohol."),
    as_of: str = typer.Option(None, "--as-of", help="Judge recency as of this date (YYYY-MM-DD)."),
    language: str = typer.Option(None, "--language", help="Label concepts in zh or en (default: your language)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Show what giftwise understood about a contact, with each fact's source; confirm, correct or delete facts."""
    from datetime import date

    from giftwise.contacts.service import resolve_contact
    from giftwise.core.errors import Invalid
    from giftwise.understanding import service

    with cli_unit() as (session, actor):
        contact = resolve_contact(session, actor, ref=contact_ref).id
        if correct is not None:
            service.correct_fact(session, actor, contact_id=contact, fact_id=correct, kind=kind, concept=concept)
        elif confirm is not None:
            service.confirm_fact(session, actor, contact_id=contact, fact_id=confirm)
        elif delete is not None:
            service.delete_fact(session, actor, contact_id=contact, fact_id=delete)
        elif add is not None:
            fact_kind, _, fact_concept = add.partition(":")
            if not fact_concept:
                raise Invalid("understanding.write_add_kind_concept", field="add")
            service.add_fact(session, actor, contact_id=contact, kind=fact_kind, concept=fact_concept)
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise Invalid("understanding.date_write_yyyy_mm", as_of=as_of, field="as_of") from None
        result = service.contact_profile(session, actor, contact_id=contact, as_of=day, language=language)
    if fmt is OutputFormat.json:
        emit(result, fmt)
        return
    _show(result)


def _show(result: object) -> None:
    from giftwise.core.cli_support import print_table
    from giftwise.understanding.schemas import ProfileRead

    assert isinstance(result, ProfileRead)
    for title, signals in ((N_("cli.profile.interests"), result.interests), (N_("cli.profile.family"), result.family),
                           (N_("cli.profile.dislikes"), result.dislikes), (N_("cli.profile.needs"), result.needs),
                           (N_("cli.profile.wishes"), result.wishes), (N_("cli.profile.saturation"), result.saturation),
                           (N_("cli.profile.restrictions"), result.restrictions),
                           (N_("cli.profile.status"), result.status)):
        if signals:
            console.print(f"[bold]{msg(title)}:[/] " + ", ".join(f"{s.label} ({s.strength:.2f})" for s in signals))
    from giftwise.core.i18n import label

    rows = [{**f.model_dump(mode="json"), "kind": label("fact_kind", f.kind), "origin": label("fact_origin", f.origin)}
            for f in result.facts]
    print_table(rows, FACT_COLUMNS, title=msg("cli.profile.facts_title", contact_id=result.contact_id,
                                                as_of=result.as_of))
