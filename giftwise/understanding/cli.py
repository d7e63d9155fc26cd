"""Terminal commands for the understanding domain (services are imported inside commands).

giftwise profile CONTACT [--confirm ID | --correct ID --concept X --kind Y | --delete ID | --add kind:concept]
"""

from __future__ import annotations

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, cli_unit, console, emit

FACT_COLUMNS = ["id", "kind", "label", "observed_on", "origin", "source_text"]


def register(root: typer.Typer) -> None:
    """Add the ``profile`` command to the root ``giftwise`` app."""
    root.command(name="profile")(profile)


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
    for title, signals in (("Interests", result.interests), ("Family and pets", result.family),
                           ("Dislikes", result.dislikes), ("Needs", result.needs),
                           ("Wishes", result.wishes), ("Gets plenty of", result.saturation),
                           ("Restrictions", result.restrictions), ("Status", result.status)):
        if signals:
            console.print(f"[bold]{title}:[/] " + ", ".join(f"{s.label} ({s.strength:.2f})" for s in signals))
    rows = [f.model_dump(mode="json") for f in result.facts]
    print_table(rows, FACT_COLUMNS, title=f"Facts of contact {result.contact_id} (as of {result.as_of})")
