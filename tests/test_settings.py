"""Settings come from the environment only when asked for, with clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mosaico.errors import ValidationError
from mosaico.screenplay.limits import DEFAULT_LIMITS
from mosaico.settings import get_settings


def test_defaults_are_a_sqlite_file_in_the_user_data_dir() -> None:
    settings = get_settings({})
    assert settings.data_dir == Path.home() / ".local" / "share" / "mosaico"
    assert settings.database_url == f"sqlite:///{settings.data_dir / 'mosaico.sqlite3'}"
    assert settings.files_dir == settings.data_dir / "files"
    assert settings.limits == DEFAULT_LIMITS


def test_the_environment_overrides_dir_database_and_limits(tmp_path: Path) -> None:
    settings = get_settings(
        {
            "MOSAICO_DATA_DIR": str(tmp_path),
            "MOSAICO_DATABASE_URL": "postgresql+psycopg://team@db/mosaico",
            "MOSAICO_MAX_BYTES": "1000",
            "MOSAICO_MAX_LINE_CHARS": "80",
            "MOSAICO_READ_SECONDS": "5",
        }
    )
    assert settings.data_dir == tmp_path
    assert settings.database_url == "postgresql+psycopg://team@db/mosaico"
    assert (settings.limits.max_bytes, settings.limits.max_line_chars) == (1000, 80)
    assert settings.limits.seconds == 5.0


@pytest.mark.parametrize("value", ["lots", "-3", "0", "1.5"])
def test_a_bad_limit_names_its_variable(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        get_settings({"MOSAICO_MAX_BYTES": value})
    assert caught.value.field == "MOSAICO_MAX_BYTES"


def test_importing_mosaico_reads_no_environment_and_makes_no_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = "import mosaico.settings, mosaico.store.db, mosaico.services.scripts, mosaico.cli.main"
    env = {"HOME": str(home), "MOSAICO_MAX_BYTES": "not a number", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert not home.exists()
