"""Cast names: one key per person across honorifics, accents, case and cue extensions.

``DOÑA AMPARO``, ``Amparo`` and ``AMPARO (V.O.)`` share the key ``amparo``. A
multi-word name also answers to its first word when no other character does
(``el Güero`` is ``GÜERO MONTOYA``), which is how action lines refer to people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mosaico.breakdown.lemma import words
from mosaico.screenplay.names import strip_extension

# "(9)", "(60s)", "(early 30s)"; in English prose also ", AGE 3" and ", 40's".
_AGE = re.compile(
    r"^(?:\s*\(\s*(?:(\d{1,2})\s*\)|(\d0)'?s\b|(?:early|mid|late)\b|teens?\b)"
    r"|,\s*(?:age|edad)\s+(\d{1,2})\b|,\s*(\d0)'?s\b)",
    re.I,
)
ADULT_AGE = 18


def cast_key(name: str, honorifics: frozenset[str]) -> str:
    """The key of a character name, leading honorifics dropped (unless nothing else is left)."""
    bare, _ = strip_extension(name)
    tokens = words(bare)
    while len(tokens) > 1 and tokens[0] in honorifics:
        tokens = tokens[1:]
    return " ".join(tokens)


def age_after(text: str) -> tuple[int, int | None]:
    """How many characters of ``text`` give an age after a name (0 when none), and the age if exact.

    ``(9)``, ``(60s)``, ``(early 30s)``, ``, AGE 3``, ``, 40's``.
    """
    match = _AGE.match(text)
    if match is None:
        return 0, None
    exact = next((group for group in match.groups() if group), None)
    close = text.find(")", match.end() - 1) if text.lstrip().startswith("(") else -1
    return (close + 1 if close >= 0 else match.end()), int(exact) if exact else None


@dataclass(frozen=True, slots=True)
class CastIndex:
    """Known characters by key, with first-word aliases that point at one person only."""

    names: dict[str, str]
    aliases: dict[str, str]

    def resolve(self, key: str) -> str | None:
        """The canonical key for a name key, or ``None`` when it is nobody known."""
        if key in self.names:
            return key
        if key in self.aliases:
            return self.aliases[key]
        # A full name in action for a one-word cue: "EDWARD BLOOM" is EDWARD. (Not the last
        # word: "OLD MAN" is not "THE MAN".)
        first = key.split()[0] if " " in key else ""
        return first if first in self.names else None


def index_cast(known: Iterable[str], honorifics: frozenset[str]) -> CastIndex:
    """Build the index from character names as the script writes them (cues or a cast list)."""
    names: dict[str, str] = {}
    for name in known:
        key = cast_key(name, honorifics)
        if key:
            names.setdefault(key, strip_extension(name)[0])
    firsts: dict[str, list[str]] = {}
    for key in names:
        parts = key.split()
        if len(parts) > 1:
            firsts.setdefault(parts[0], []).append(key)
    aliases = {
        first: keys[0] for first, keys in firsts.items() if len(keys) == 1 and first not in names
    }
    return CastIndex(names=names, aliases=aliases)
