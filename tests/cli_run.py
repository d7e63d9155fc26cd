"""Running the real CLI in tests: exit code checked, no traceback allowed to reach the user."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from giftwise.cli import app


def run(cli: CliRunner, *args: str, code: int = 0) -> Any:
    """Invoke ``giftwise args``; assert the exit code and that no traceback leaked."""
    result = cli.invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def run_json(cli: CliRunner, *args: str) -> Any:
    """Invoke a command with ``--format json`` and return its parsed stdout."""
    return json.loads(run(cli, *args, "--format", "json").stdout)
