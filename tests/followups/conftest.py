"""A real SMTP server (aiosmtpd on 127.0.0.1, a free port) that keeps what it receives."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from giftwise.core.settings import reset_settings


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received; ``refuse_next`` makes it answer 451 to that many messages."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    refuse_next: int = 0
    controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        if self.refuse_next > 0:
            self.refuse_next -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def start(self) -> None:
        """Start listening (again) on the mailbox's port."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Stop listening, as a mail server that went down."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def bodies(self) -> list[str]:
        """The plain-text bodies received, in order."""
        return [m.get_content() for m in self.messages]  # type: ignore[misc]


@pytest.fixture
def smtp_settings(env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """GIFTWISE_SMTP_* pointing at a free local port, no retry delay; the server is not started yet."""
    mailbox = Mailbox(port=free_port())
    monkeypatch.setenv("GIFTWISE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("GIFTWISE_SMTP_PORT", str(mailbox.port))
    monkeypatch.setenv("GIFTWISE_SMTP_RETRY_DELAY_SECONDS", "0")
    monkeypatch.setenv("GIFTWISE_SMTP_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("GIFTWISE_SMTP_FROM", "digest@giftwise.test")
    reset_settings()
    yield mailbox
    mailbox.stop()
    reset_settings()


@pytest.fixture
def mailbox(smtp_settings: Mailbox) -> Mailbox:
    """A running SMTP server that keeps every message it accepts."""
    smtp_settings.start()
    return smtp_settings
