"""Bilingual word lists shipped with mosaico, read into a ``Vocabulary``.

Each ``<category>.yaml`` names its category and lists Spanish (``es``) and
English (``en``) entries in the singular; ``crowd.yaml`` feeds background,
``not_elements.yaml`` lists CAPS words that are never elements,
``honorifics.yaml`` the titles dropped when merging names, ``numbers.yaml``
spelled counts, ``handling.yaml`` the verbs of handling that make a thing a prop. A production may pass its own ``Vocabulary`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from mosaico.breakdown.lemma import forms, singular, words
from mosaico.errors import ValidationError

_PACKAGE = "mosaico.breakdown.vocabulary"
_LISTS = (
    "props",
    "vehicles",
    "animals",
    "wardrobe",
    "makeup_hair",
    "weapons",
    "special_effects",
    "stunts",
    "sound",
    "music",
    "set_dressing",
    "crowd",
)
_LONGEST = 5
# A production's own word list is small; anything bigger is a mistake or an attack.
MAX_LIST_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """Phrases (tuples of folded words) to category keys, plus the word lists the tagger needs.

    Compared by identity (``eq=False``), so a vocabulary can key a cache.
    """

    phrases: Mapping[tuple[str, ...], str]
    not_elements: frozenset[str] = frozenset()
    group_cues: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    numbers: Mapping[str, int] = field(default_factory=dict)
    plain_crowd: frozenset[str] = frozenset()
    lowercase_skip: frozenset[str] = frozenset()
    handling: frozenset[str] = frozenset()

    def match(self, tokens: list[str]) -> tuple[str, int, int] | None:
        """The category and token span of the longest vocabulary phrase in ``tokens``.

        Only the first and last word of a window are lemmatised: that is where the
        head noun sits in Spanish (``CAJAS de madera``) and English (``red PICKUPS``).
        Ties go to the earlier window, the Spanish head.
        """
        size = min(len(tokens), _LONGEST)
        for width in range(size, 0, -1):
            for begin in range(len(tokens) - width + 1):
                window = tokens[begin : begin + width]
                category = self.lookup(window)
                if category is not None:
                    return category, begin, begin + width
        return None

    def lookup(self, window: list[str]) -> str | None:
        """The category of exactly this window of words, lemmatising its first and last."""
        heads = forms(window[0])
        if len(window) == 1:
            for head in heads:
                if (head,) in self.phrases:
                    return self.phrases[(head,)]
            return None
        middle = tuple(window[1:-1])
        for head in heads:
            for tail in forms(window[-1]):
                category = self.phrases.get((head, *middle, tail))
                if category is not None:
                    return category
        return None

    def lookup_plain(self, window: list[str]) -> str | None:
        """Like ``lookup`` but only as written or in the plain singular (no gender swaps).

        Lower-case prose needs the stricter form: ``cara`` must not become ``car``.
        """
        heads = dict.fromkeys((window[0], singular(window[0])))
        tails = dict.fromkeys((window[-1], singular(window[-1])))
        for head in heads:
            if len(window) == 1:
                if (head,) in self.phrases:
                    return self.phrases[(head,)]
                continue
            for tail in tails:
                category = self.phrases.get((head, *window[1:-1], tail))
                if category is not None:
                    return category
        return None


def _strings(data: Mapping[str, Any], key: str, source: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(f"{source}:{key}", "expected a list of words")
    return list(value)


def build(lists: Iterable[tuple[str, Iterable[str]]]) -> dict[tuple[str, ...], str]:
    """Phrase table from ``(category, entries)`` pairs; the first category to list a phrase keeps it."""
    table: dict[tuple[str, ...], str] = {}
    for category, entries in lists:
        for entry in entries:
            tokens = tuple(words(entry))
            if tokens:
                table.setdefault(tokens, category)
    return table


def _read(name: str) -> Mapping[str, Any]:
    source = f"vocabulary/{name}.yaml"
    text = resources.files(_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValidationError(source, "expected a mapping")
    return data


@cache
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once per process)."""
    lists: list[tuple[str, list[str]]] = []
    for name in _LISTS:
        data = _read(name)
        source = f"vocabulary/{name}.yaml"
        category = data.get("category")
        if not isinstance(category, str):
            raise ValidationError(f"{source}:category", "expected a category key")
        lists.append((category, _strings(data, "es", source) + _strings(data, "en", source)))
    stop = _read("not_elements")
    crowd = _read("crowd")
    numbers: dict[str, int] = {}
    for language, table in _read("numbers").items():
        if not isinstance(table, dict):
            raise ValidationError(f"vocabulary/numbers.yaml:{language}", "expected word: number")
        numbers.update({str(word): int(count) for word, count in table.items()})
    return Vocabulary(
        phrases=build(lists),
        not_elements=frozenset(" ".join(words(w)) for w in _strings(stop, "words", "not_elements")),
        group_cues=frozenset(
            " ".join(words(w)) for w in _strings(stop, "group_cues", "not_elements")
        ),
        honorifics=frozenset(
            " ".join(words(w)) for w in _strings(_read("honorifics"), "words", "honorifics")
        ),
        numbers=numbers,
        plain_crowd=frozenset(" ".join(words(w)) for w in _strings(crowd, "plain", "crowd")),
        lowercase_skip=frozenset(
            " ".join(words(w)) for w in _strings(stop, "lowercase_skip", "not_elements")
        ),
        handling=frozenset(_handling()),
    )


def _handling() -> list[str]:
    data = _read("handling")
    return [
        " ".join(words(w))
        for w in _strings(data, "es", "handling") + _strings(data, "en", "handling")
    ]


def extend_vocabulary(base: Vocabulary, files: Mapping[str, str]) -> Vocabulary:
    """``base`` plus a production's own word lists (file name to YAML text, same layout).

    Entries of ``base`` keep their category; a bad file raises ``ValidationError``
    naming the file and the field, and nothing is half-applied.
    """
    lists: list[tuple[str, list[str]]] = []
    for source, text in files.items():
        if len(text.encode("utf-8")) > MAX_LIST_BYTES:
            raise ValidationError(source, f"a word list may hold at most {MAX_LIST_BYTES} bytes")
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValidationError(source, f"not readable as YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise ValidationError(source, "expected a mapping with category, es and en")
        category = data.get("category")
        if not isinstance(category, str) or not category:
            raise ValidationError(f"{source}:category", "expected a category key")
        lists.append((category, _strings(data, "es", source) + _strings(data, "en", source)))
    added = build(lists)
    return replace(base, phrases={**added, **base.phrases})
