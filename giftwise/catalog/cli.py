"""Terminal commands for the catalog domain (services are imported inside commands)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from giftwise.core.cli_support import FormatOption, OutputFormat, console, emit, err_console, fail
from giftwise.core.i18n import msg

catalog_app = typer.Typer(help="The gift catalog: list, search, add, edit, import and export items.",
                          no_args_is_help=True)
# Domains above the catalog add what they understood: ``catalog show`` asks each hook for (key, rows) about
# an item, ``catalog import`` for lines to print about the imported items (see giftwise.understanding.cli).
SHOW_EXTRAS: list[Callable[[Any, Any, str], tuple[str, list[dict[str, Any]]]]] = []
IMPORT_EXTRAS: list[Callable[[Any, Any, bytes, str, str | None], list[str]]] = []



def register(root: typer.Typer) -> None:
    """Add this domain's commands to the root ``giftwise`` app."""
    root.add_typer(catalog_app, name="catalog")


@catalog_app.command("import")
def import_file(
    file: Path = typer.Argument(..., help="A catalog file: .json (shared catalog shape), .csv or .xlsx."),
    file_format: str = typer.Option(None, "--format-file", help="json, csv or xlsx (default: by suffix)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Import a catalog file: every row or none; importing the same file again changes nothing."""
    from rich.progress import Progress

    from giftwise.catalog import service
    from giftwise.catalog.errors import CatalogImportRejected
    from giftwise.core.cli_support import cli_unit

    content = _read_file(file)
    with cli_unit() as (session, actor), Progress(console=err_console, transient=True) as bar:
        task = bar.add_task(f"Importing {file.name}", total=None)
        try:
            report = service.import_catalog_file(
                session, actor, filename=file.name, content=content, file_format=file_format,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except CatalogImportRejected as error:
            bar.stop()
            _print_rejected(error.rejected)
            raise
        notes = [line for hook in IMPORT_EXTRAS for line in hook(session, actor, content, file.name, file_format)]
    if fmt is OutputFormat.json:
        emit(report, fmt)
        return
    console.print(
        _t("catalog.imported", file=file.name, created=len(report.created), updated=len(report.updated),
           unchanged=report.unchanged, total=report.total)
    )
    for line in notes:
        console.print(line)


@catalog_app.command("export")
def export_file(
    file: Path = typer.Argument(..., help="Where to write the catalog (.json, .csv or .xlsx)."),
    file_format: str = typer.Option(None, "--format-file", help="json, csv or xlsx (default: by suffix)."),
    active_only: bool = typer.Option(False, "--active-only", help="Leave out items no longer offered."),
) -> None:
    """Export the catalog as JSON (the shared catalog shape), CSV or XLSX."""
    from giftwise.catalog import service
    from giftwise.catalog.readers import detect_format
    from giftwise.core.cli_support import cli_errors, cli_unit

    with cli_errors():
        chosen = detect_format(file.name, file_format)
    with cli_unit() as (session, actor):
        content = service.export_catalog(session, actor, fmt=chosen, include_inactive=not active_only)
        count = len(service.portable_catalog(session, include_inactive=not active_only))
    try:
        file.write_bytes(content)
    except OSError as error:
        raise fail(msg("catalog.could_write_check_folder", file=file, strerror=error.strerror)) from None
    console.print(_t("catalog.exported", count=count, path=file, format=chosen.value))


@catalog_app.command("list")
def list_items(
    search: str = typer.Option(None, "--search", "-s", help="Words in the name (zh or en), id or tags."),
    category: str = typer.Option(None, "--category", help="Only this category."),
    tag: str = typer.Option(None, "--tag", help="Only items with this tag."),
    min_price: float = typer.Option(None, "--min-price", min=0, help="Lowest price."),
    max_price: float = typer.Option(None, "--max-price", min=0, help="Highest price."),
    show: str = typer.Option("active", "--status", help="active (default), inactive or all."),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="Items per page."),
    offset: int = typer.Option(0, "--offset", min=0, help="Items to skip."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """List and search catalog items."""
    from decimal import Decimal

    from giftwise.catalog import service
    from giftwise.catalog.schemas import CatalogQuery
    from giftwise.core.cli_support import cli_unit

    query = _validated(
        CatalogQuery,
        {"search": search, "category": category, "tag": tag, "status": show,
         "min_price": None if min_price is None else Decimal(str(min_price)),
         "max_price": None if max_price is None else Decimal(str(max_price))},
    )
    with cli_unit() as (session, actor):
        page = service.list_items(session, actor, query=query, limit=limit, offset=offset)
    if fmt is OutputFormat.json:
        emit(page, fmt)
        return
    _print_items(page.items, title=_t("catalog.list_title", shown=len(page.items), total=page.total))


@catalog_app.command("show")
def show(sku: str = typer.Argument(..., help="The item's id (sku)."), fmt: OutputFormat = FormatOption) -> None:
    """Show one catalog item."""
    from giftwise.catalog import service
    from giftwise.catalog.schemas import CatalogItemRead
    from giftwise.core.cli_support import cli_unit

    with cli_unit() as (session, actor):
        item = CatalogItemRead.model_validate(service.get_item(session, actor, sku=sku))
        extras = [hook(session, actor, sku) for hook in SHOW_EXTRAS]
    if fmt is OutputFormat.json:
        emit({**item.model_dump(mode="json"), **dict(extras)}, fmt)
        return
    emit(item, fmt)
    for key, rows in extras:
        emit(rows, fmt, title=key)


_EDIT_HELP = {
    "name_zh": "Chinese name.", "name_en": "English name.", "description_zh": "Chinese description.",
    "description_en": "English description.", "price": "Price, e.g. 480 or 99.50.",
    "currency": "3-letter currency code (default CNY).", "category": "Category, e.g. food.",
    "tags": "Tags joined by | or ;.", "supplier": "Supplier.", "lead_time_days": "Days to deliver.",
    "usage_tip_zh": "Usage tip in Chinese.", "usage_tip_en": "Usage tip in English.",
    "story_prompt": "A line to start the gift's story.", "stock": "Pieces in stock.",
}


@catalog_app.command("add")
def add(
    sku: str = typer.Argument(..., help="The item's own id (sku), e.g. tea-leaves."),
    price: str = typer.Option(..., "--price", help=_EDIT_HELP["price"]),
    name_zh: str = typer.Option(None, "--name-zh", help=_EDIT_HELP["name_zh"]),
    name_en: str = typer.Option(None, "--name-en", help=_EDIT_HELP["name_en"]),
    description_zh: str = typer.Option(None, "--description-zh", help=_EDIT_HELP["description_zh"]),
    description_en: str = typer.Option(None, "--description-en", help=_EDIT_HELP["description_en"]),
    currency: str = typer.Option(None, "--currency", help=_EDIT_HELP["currency"]),
    category: str = typer.Option(None, "--category", help=_EDIT_HELP["category"]),
    tags: str = typer.Option(None, "--tags", help=_EDIT_HELP["tags"]),
    supplier: str = typer.Option(None, "--supplier", help=_EDIT_HELP["supplier"]),
    lead_time_days: str = typer.Option(None, "--lead-time-days", help=_EDIT_HELP["lead_time_days"]),
    usage_tip_zh: str = typer.Option(None, "--usage-tip-zh", help=_EDIT_HELP["usage_tip_zh"]),
    usage_tip_en: str = typer.Option(None, "--usage-tip-en", help=_EDIT_HELP["usage_tip_en"]),
    story_prompt: str = typer.Option(None, "--story-prompt", help=_EDIT_HELP["story_prompt"]),
    stock: str = typer.Option(None, "--stock", help=_EDIT_HELP["stock"]),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Add an item to the catalog."""
    given = dict(locals())
    from giftwise.catalog import service
    from giftwise.catalog.schemas import CatalogItemCreate, CatalogItemRead
    from giftwise.core.cli_support import cli_unit

    values = {k: v for k, v in given.items() if k in _EDIT_HELP and v is not None}
    data = _validated(CatalogItemCreate, {"sku": sku, **values})
    with cli_unit() as (session, actor):
        item = CatalogItemRead.model_validate(service.create_item(session, actor, data=data))
    emit(item, fmt)


@catalog_app.command("edit")
def edit(
    sku: str = typer.Argument(..., help="The item's id (sku)."),
    price: str = typer.Option(None, "--price", help=_EDIT_HELP["price"]),
    name_zh: str = typer.Option(None, "--name-zh", help=_EDIT_HELP["name_zh"]),
    name_en: str = typer.Option(None, "--name-en", help=_EDIT_HELP["name_en"]),
    description_zh: str = typer.Option(None, "--description-zh", help=_EDIT_HELP["description_zh"]),
    description_en: str = typer.Option(None, "--description-en", help=_EDIT_HELP["description_en"]),
    currency: str = typer.Option(None, "--currency", help=_EDIT_HELP["currency"]),
    category: str = typer.Option(None, "--category", help=_EDIT_HELP["category"]),
    tags: str = typer.Option(None, "--tags", help=_EDIT_HELP["tags"]),
    supplier: str = typer.Option(None, "--supplier", help=_EDIT_HELP["supplier"]),
    lead_time_days: str = typer.Option(None, "--lead-time-days", help=_EDIT_HELP["lead_time_days"]),
    usage_tip_zh: str = typer.Option(None, "--usage-tip-zh", help=_EDIT_HELP["usage_tip_zh"]),
    usage_tip_en: str = typer.Option(None, "--usage-tip-en", help=_EDIT_HELP["usage_tip_en"]),
    story_prompt: str = typer.Option(None, "--story-prompt", help=_EDIT_HELP["story_prompt"]),
    stock: str = typer.Option(None, "--stock", help=_EDIT_HELP["stock"]),
    active: bool = typer.Option(None, "--active/--inactive", help="Offer the item again, or stop offering it."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Change some fields of a catalog item (an empty value, e.g. --supplier '', clears it)."""
    given = dict(locals())
    from giftwise.catalog import service
    from giftwise.catalog.schemas import CatalogItemRead, CatalogItemUpdate
    from giftwise.core.cli_support import cli_unit

    values = {k: v for k, v in given.items() if (k in _EDIT_HELP or k == "active") and v is not None}
    if not values:
        raise fail(msg("catalog.nothing_change_give_least"), 2)
    changes = _validated(CatalogItemUpdate, values)
    with cli_unit() as (session, actor):
        item = CatalogItemRead.model_validate(service.update_item(session, actor, sku=sku, changes=changes))
    emit(item, fmt)


@catalog_app.command("deactivate")
def deactivate(sku: str = typer.Argument(..., help="The item's id (sku)."), fmt: OutputFormat = FormatOption) -> None:
    """Stop offering an item (it stays stored for past gifts; `edit SKU --active` brings it back)."""
    from giftwise.catalog import service
    from giftwise.catalog.schemas import CatalogItemRead
    from giftwise.core.cli_support import cli_unit

    with cli_unit() as (session, actor):
        item = CatalogItemRead.model_validate(service.deactivate_item(session, actor, sku=sku))
    if fmt is OutputFormat.json:
        emit(item, fmt)
    else:
        console.print(_t("catalog.deactivated", sku=item.sku), highlight=False, markup=False)


def _t(key: str, **values: Any) -> str:
    from giftwise.core.i18n import t
    from giftwise.core.settings import get_settings

    return t(key, get_settings().language, **values)


def _print_items(items: list[Any], title: str) -> None:
    from rich.table import Table

    # The sku is what every other command takes, so it is never cut short.
    table = Table(title=title)
    table.add_column("sku", no_wrap=True, overflow="fold", style="bold")
    table.add_column("name")
    table.add_column("price", justify="right", no_wrap=True)
    table.add_column("category")
    table.add_column("tags")
    for item in items:
        name = "\n".join(part for part in (item.name_zh, item.name_en) if part)
        active = "" if item.active else " " + _t("catalog.inactive")
        table.add_row(item.sku, name + active, f"{item.price} {item.currency}", item.category, ", ".join(item.tags))
    console.print(table)


def _print_rejected(rejected: list[Any]) -> None:
    from rich.table import Table

    table = Table(title=_t("catalog.rejected_title"), title_style="bold red")
    for column in ("line", "id", "reason"):
        table.add_column(column)
    for row in rejected:
        table.add_row(str(row.line), row.sku or "", row.reason)
    err_console.print(table)


def _validated(schema: Any, values: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from giftwise.catalog.service import validation_reason

    try:
        return schema.model_validate(values)
    except ValidationError as error:
        raise fail(f"{validation_reason(error)}.", 2) from None


def _read_file(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise fail(msg("catalog.there_file_check_path", file=file), 2) from None
    except IsADirectoryError:
        raise fail(msg("catalog.folder_give_path_catalog", file=file), 2) from None
    except OSError as error:
        raise fail(msg("catalog.could_read", file=file, strerror=error.strerror), 2) from None
