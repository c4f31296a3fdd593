"""Page lengths in eighths, the unit a stripboard counts in.

A page is 8 eighths; ``Eighths(11)`` is shown as ``1 3/8``. Totals add eighths,
never rounded pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_TEXT = re.compile(r"^\s*(?:(\d+)\s*)?(?:(\d+)\s*/\s*8)?\s*$")


@total_ordering
@dataclass(frozen=True, slots=True)
class Eighths:
    """A length in eighths of a page (never negative)."""

    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError(f"a length in eighths cannot be negative: {self.value}")

    @classmethod
    def parse(cls, text: str) -> Eighths:
        """Read ``"1 3/8"``, ``"3/8"``, ``"2"`` or ``"0"``; raise ``ValueError`` otherwise."""
        match = _TEXT.match(text)
        if not match or not text.strip():
            raise ValueError(
                f"not a length in eighths: {text!r} (expected e.g. '1 3/8', '3/8', '2')"
            )
        pages, eighths = match.group(1), match.group(2)
        if eighths is not None and int(eighths) >= 8:
            raise ValueError(f"not a length in eighths: {text!r} (the fraction must be under 8/8)")
        return cls(int(pages or 0) * 8 + int(eighths or 0))

    @property
    def pages(self) -> int:
        """Whole pages."""
        return self.value // 8

    @property
    def remainder(self) -> int:
        """Eighths past the whole pages."""
        return self.value % 8

    def __add__(self, other: Eighths) -> Eighths:
        return Eighths(self.value + other.value)

    def __lt__(self, other: Eighths) -> bool:
        return self.value < other.value

    def __str__(self) -> str:
        if self.value == 0:
            return "0"
        if self.remainder == 0:
            return str(self.pages)
        if self.pages == 0:
            return f"{self.remainder}/8"
        return f"{self.pages} {self.remainder}/8"


def total(lengths: list[Eighths]) -> Eighths:
    """Sum of lengths, in eighths."""
    return Eighths(sum(length.value for length in lengths))
