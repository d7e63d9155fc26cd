"""A client's text printed by the CLI is never hard-wrapped: piped or redirected (80 columns), each line of
the dispute draft comes out whole, ready to paste into a mail."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from giftwise.demo.schemas import DemoSummary
from giftwise.models.disputes import Dispute
from tests.cli_run import run


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_dispute_draft_keeps_its_long_lines(
    demo_book: DemoSummary, session: Session, cli: CliRunner, language: str
) -> None:
    dispute = str(session.scalars(select(Dispute.id)).first())
    session.rollback()
    text = json.loads(run(cli, "disputes", "draft", dispute, "--language", language, "--format", "json").stdout)["text"]
    lines = [line for line in text.splitlines() if line.strip()]
    assert any(cell_len(line) > 80 for line in lines)  # the draft has lines a terminal would wrap
    printed = run(cli, "disputes", "draft", dispute, "--language", language).stdout.splitlines()
    for line in lines:
        assert line.rstrip() in [p.rstrip() for p in printed], line
