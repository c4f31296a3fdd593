"""Shared test settings.

Tests that need PostgreSQL, Redis or chromium run whenever the service is
reachable; when ``CI=true`` an unreachable service is a failure, never a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
SCRIPTS = DATA / "scripts"
TALENT = DATA / "talent"


def require(available: bool, what: str) -> None:
    """Skip when a service is missing on a developer's machine; fail on CI."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required when CI=true but is not reachable")
    pytest.skip(f"{what} not reachable")
