"""Settings, read from the environment only when ``get_settings()`` is called.

| variable               | meaning                                   | default                          |
|------------------------|-------------------------------------------|----------------------------------|
| MOSAICO_DATABASE_URL   | SQLAlchemy URL of the store               | SQLite file in the data dir      |
| MOSAICO_DATA_DIR       | where the SQLite file and stored files go | ~/.local/share/mosaico           |
| MOSAICO_MAX_BYTES      | largest script file accepted, in bytes    | 20 MiB                           |
| MOSAICO_MAX_LINE_CHARS | longest line accepted in a script         | 20,000                           |
| MOSAICO_READ_SECONDS   | time limit for reading one script         | 60                               |
| MOSAICO_REDIS_URL      | Redis for background jobs (team mode)     | none: a SQLite queue in data dir |
| MOSAICO_JOB_SECONDS    | longest time limit of a background solve  | 600                              |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from mosaico.errors import ValidationError
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about one mosaico installation."""

    data_dir: Path
    database_url: str
    limits: Limits = field(default=DEFAULT_LIMITS)
    #: Background jobs go through Redis when set, else through a SQLite queue file.
    redis_url: str | None = None
    job_seconds: int = 600

    @property
    def files_dir(self) -> Path:
        """Where uploaded files are kept, by content hash."""
        return self.data_dir / "files"


def _int_from_env(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValidationError(name, f"expected a whole number, got {raw!r}") from exc
    if value <= 0:
        raise ValidationError(name, f"expected a positive number, got {value}")
    return value


def get_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from ``env`` (the process environment when not given)."""
    env = dict(os.environ) if env is None else env
    data_dir = Path(env.get("MOSAICO_DATA_DIR") or Path.home() / ".local" / "share" / "mosaico")
    url = env.get("MOSAICO_DATABASE_URL") or f"sqlite:///{data_dir / 'mosaico.sqlite3'}"
    limits = replace(
        DEFAULT_LIMITS,
        max_bytes=_int_from_env(env, "MOSAICO_MAX_BYTES", DEFAULT_LIMITS.max_bytes),
        max_line_chars=_int_from_env(env, "MOSAICO_MAX_LINE_CHARS", DEFAULT_LIMITS.max_line_chars),
        seconds=float(_int_from_env(env, "MOSAICO_READ_SECONDS", int(DEFAULT_LIMITS.seconds))),
    )
    return Settings(
        data_dir=data_dir,
        database_url=url,
        limits=limits,
        redis_url=env.get("MOSAICO_REDIS_URL") or None,
        job_seconds=_int_from_env(env, "MOSAICO_JOB_SECONDS", 600),
    )
