"""Size and time limits for reading scripts from outside. Every reader takes one.

The defaults suit real scripts with room to spare (a 200-page feature is
about 250 KB of Fountain); services build them from the settings, so a team
can raise them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """What a reader accepts before it refuses a file."""

    max_bytes: int = 20 * 1024 * 1024
    max_line_chars: int = 20_000
    max_elements: int = 500_000
    max_xml_depth: int = 64
    max_pdf_pages: int = 2_000
    seconds: float = 60.0


DEFAULT_LIMITS = Limits()
