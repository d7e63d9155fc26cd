"""The one settings class: every knob is read from a ``GIFTWISE_*`` environment variable."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict


def default_data_dir() -> Path:
    """Where giftwise keeps its SQLite file and evidence files when nothing else is configured."""
    return Path(user_data_dir("giftwise", appauthor=False))


class Settings(BaseSettings):
    """Runtime configuration; ``GIFTWISE_DATABASE_URL`` etc. override the defaults."""

    model_config = SettingsConfigDict(env_prefix="GIFTWISE_", env_file=None, extra="ignore")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read only what the caller passes and the ``GIFTWISE_*`` environment: giftwise has no .env or
        secrets-folder source, and skipping them halves the cost of each (re)read."""
        return init_settings, env_settings

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    language: str = "zh"
    # The book's base currency: new amounts default to it, and totals across currencies convert to it.
    default_currency: str = "CNY"
    # Who a rep signs for when their own profile names no company ("宏远贸易 (Hongyuan Trading)").
    company: str = ""
    # The timezone of a user who has not set their own (IANA name): their "today", agenda and digest hour.
    timezone: str = "Asia/Shanghai"
    local_user: str = "me"

    # Compliance defaults are conservative on purpose: a Shanghai regulator fined a company
    # RMB 970,000 in 2025 for ~RMB 411 of festival tea per head given to customers' staff.
    policy_file: Path | None = None
    # Where the recommender caches its compiled lexicon, jieba dictionary and analysed catalogs
    # (default: the user cache folder); see giftwise.core.cache.
    cache_dir: Path | None = None
    # Fixes the clock (giftwise.core.clock) for demos and reproducible runs: an ISO date or date-time.
    today: datetime | None = None

    # Gratitude fades fast (Palmatier et al. 2009; Burger et al. 1997: gone within a week).
    gratitude_half_life_days: float = 7.0
    # A folder overriding the shipped story, card and touch-script templates (<domain>/<lang>/<name>.txt).
    templates_dir: Path | None = None

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "giftwise@localhost"
    smtp_starttls: bool = False
    smtp_retries: int = 3
    smtp_retry_delay_seconds: float = 5.0
    smtp_timeout_seconds: float = 20.0
    # The daily digest: `giftwise serve` sends each user theirs after this time of day where they are.
    digest_enabled: bool = True
    digest_time: str = "08:30"
    digest_poll_seconds: float = 300.0

    # Signing in. The session secret signs the web app's cookies; when unset, one is generated once
    # and kept in <data dir>/session.key (readable by its owner only).
    session_secret: str | None = None
    session_hours: float = 12.0
    # Behind HTTPS (a TLS proxy in front of a team server), mark the session cookie Secure.
    session_cookie_secure: bool = False
    api_token_days: int = 90
    calendar_token_days: int = 365
    sign_in_link_minutes: int = 15
    # Failed sign-ins allowed per username and per address within the window before a pause.
    sign_in_failures_per_user: int = 5
    sign_in_failures_per_address: int = 20
    sign_in_window_minutes: int = 15
    # Host names the server answers to (a request naming another Host gets a 400).
    # Comma-separated: GIFTWISE_ALLOWED_HOSTS=giftwise.example.com,10.0.0.5 ("*" accepts any: not on a network).
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["localhost", "127.0.0.1", "::1"])
    # The largest request body accepted (an evidence photo is the biggest thing people send).
    max_request_bytes: int = 25 * 1024 * 1024

    evidence_max_bytes: int = 20 * 1024 * 1024
    # What an hour of the user's time costs, in the base currency (default_currency): what arguing
    # a dispute or a round of follow-ups costs besides the money.
    hourly_cost: Decimal = Decimal("150")

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [host.strip() for host in value.split(",") if host.strip()]
        return value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("zh", "en"):
            raise ValueError("GIFTWISE_LANGUAGE must be 'zh' or 'en'")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("GIFTWISE_TIMEZONE must be an IANA timezone such as Asia/Shanghai") from None
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one, else a SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'giftwise.db'}"

    @property
    def evidence_dir(self) -> Path:
        """Folder where evidence files (photos, scans) are stored next to the database."""
        return self.data_dir / "evidence"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


def reset_settings() -> None:
    """Forget cached settings so the next ``get_settings`` re-reads the environment (tests)."""
    get_settings.cache_clear()
