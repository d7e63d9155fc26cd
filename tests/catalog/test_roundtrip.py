"""Export then import gives back the same catalog, in every format, whatever the items hold."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from giftwise.catalog.schemas import CatalogItemCreate, ExportFormat
from giftwise.catalog.service import (
    create_item,
    export_catalog,
    import_catalog_file,
    portable_item,
    read_portable_catalog,
)
from giftwise.catalog.service import portable_catalog as stored_catalog
from giftwise.catalog.writers import write_catalog
from giftwise.core.actor import Actor

# Text people type: letters and digits of any script, punctuation, spaces and line breaks inside,
# but no control characters and no noncharacters U+FFFE/U+FFFF (XML, so an XLSX sheet, cannot hold
# them) and nothing to strip at the ends.
_UNFIT = "\ufeff\ufffe\uffff"
_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=_UNFIT) | st.sampled_from(
    "\n 龙井茶"
)
_text = st.text(_CHARS, max_size=40).map(str.strip)
_word = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Z"), blacklist_characters="|;" + _UNFIT), min_size=1, max_size=12
)
_optional = st.none() | _text.filter(bool)


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    """One valid catalog item, as create values."""
    name_en, name_zh = draw(_text), draw(_text)
    if not name_en and not name_zh:
        name_zh = "礼物"
    return {
        "sku": draw(_word), "name_en": name_en, "name_zh": name_zh,
        "description_en": draw(_text), "description_zh": draw(_text),
        "price": draw(st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)),
        "currency": draw(st.sampled_from(["CNY", "USD", "EUR", "JPY"])),
        "category": draw(_text.map(lambda t: t[:120])), "tags": draw(st.lists(_word, max_size=4, unique=True)),
        "supplier": draw(_optional.map(lambda t: t[:200] if t else t)),
        "lead_time_days": draw(st.none() | st.integers(0, 365)),
        "usage_tip_en": draw(_optional), "usage_tip_zh": draw(_optional), "story_prompt": draw(_optional),
        "stock": draw(st.none() | st.integers(0, 10**6)), "active": draw(st.booleans()),
    }  # fmt: skip


catalogs = st.lists(items(), min_size=1, max_size=6, unique_by=lambda item: item["sku"])


@settings(max_examples=60, deadline=None)
@given(catalog=catalogs, fmt=st.sampled_from(list(ExportFormat)))
def test_written_file_reads_back_to_the_same_items(catalog: list[dict[str, Any]], fmt: ExportFormat) -> None:
    portable = [portable_item(CatalogItemCreate.model_validate(values)) for values in catalog]
    assert read_portable_catalog(f"catalog.{fmt.value}", write_catalog(portable, fmt)) == portable


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(catalog=catalogs, fmt=st.sampled_from(list(ExportFormat)))
def test_export_import_through_the_database(
    session: Session, actor: Actor, catalog: list[dict[str, Any]], fmt: ExportFormat
) -> None:
    for values in catalog:
        create_item(session, actor, data=CatalogItemCreate.model_validate(values))
    before = stored_catalog(session, include_inactive=True)
    content = export_catalog(session, actor, fmt=fmt)
    session.rollback()
    assert stored_catalog(session, include_inactive=True) == []
    report = import_catalog_file(session, actor, filename=f"c.{fmt.value}", content=content)
    assert len(report.created) == len(catalog)
    assert stored_catalog(session, include_inactive=True) == before
    session.rollback()
