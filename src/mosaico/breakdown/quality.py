"""Precision and recall of a breakdown against a hand-tagged gold set, per category.

A gold scene lists, per category, element names as a reader wrote them; the
tagger's elements match them by key: equal, or one a word-wise prefix of the
other (``chamarra de mezclilla`` = ``chamarra de mezclilla forrada``), since where
a description is cut is a matter of taste. Cast is scored on speaking and silent
together, names compared across honorifics. Background counts are checked on
matched crowds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mosaico.breakdown.cast import cast_key
from mosaico.breakdown.lemma import element_key
from mosaico.breakdown.tags import Tag
from mosaico.errors import ValidationError

_CAST = ("cast", "cast_silent")


@dataclass(frozen=True, slots=True)
class GoldScene:
    """One hand-tagged scene: element names per category and background counts by key."""

    index: int
    elements: Mapping[str, tuple[str, ...]]
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Score:
    """Matches over a gold set for one category."""

    category: str
    gold: int
    found: int
    right_found: int
    right_gold: int

    @property
    def precision(self) -> float:
        return self.right_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right_gold / self.gold if self.gold else 1.0


def read_gold(data: Any, source: str) -> list[GoldScene]:
    """Gold scenes from parsed YAML (``scenes: [{index, <category>: [...]}]``), checked."""
    scenes = data.get("scenes") if isinstance(data, dict) else None
    if not isinstance(scenes, list):
        raise ValidationError(f"{source}:scenes", "expected a list of scenes")
    result: list[GoldScene] = []
    for position, scene in enumerate(scenes, start=1):
        where = f"{source}:scenes[{position}]"
        if not isinstance(scene, dict) or not isinstance(scene.get("index"), int):
            raise ValidationError(f"{where}.index", "each scene needs an integer index")
        elements: dict[str, tuple[str, ...]] = {}
        counts: dict[str, int] = {}
        for category, entries in scene.items():
            if category in ("index", "number", "minors"):
                continue
            if not isinstance(entries, list):
                raise ValidationError(f"{where}.{category}", "expected a list")
            names: list[str] = []
            for entry in entries:
                if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                    names.append(entry["name"])
                    if isinstance(entry.get("count"), int):
                        counts[element_key(entry["name"])] = entry["count"]
                elif isinstance(entry, str):
                    names.append(entry)
                else:
                    raise ValidationError(f"{where}.{category}", f"unreadable entry {entry!r}")
            elements[category] = tuple(names)
        result.append(GoldScene(scene["index"], elements, counts))
    return result


def _same(left: str, right: str) -> bool:
    a, b = left.split(), right.split()
    shorter = min(len(a), len(b))
    return shorter > 0 and a[:shorter] == b[:shorter]


def _unrelated(found: list[str], matched: list[str]) -> list[str]:
    """Unmatched keys, less those naming a matched element again (``pez`` beside ``pez muerto``)."""
    return [key for key in found if key not in matched and not any(_same(key, m) for m in matched)]


def _pair(gold: Sequence[str], found: Sequence[str]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    free = list(found)
    for key in gold:
        match = next((other for other in free if other == key), None)
        match = match or next((other for other in free if _same(key, other)), None)
        if match is not None:
            free.remove(match)
            pairs.append((key, match))
    return pairs


def score(
    gold: Iterable[GoldScene],
    found: Mapping[int, Sequence[Tag]],
    honorifics: frozenset[str],
) -> tuple[dict[str, Score], tuple[int, int]]:
    """Scores per category over the gold scenes, and (right, checked) background counts."""
    totals: dict[str, list[int]] = {}
    counts_right = counts_checked = 0
    for scene in gold:
        tags = found.get(scene.index, ())
        predicted: dict[str, dict[str, Tag]] = {}
        for tag in tags:
            category = "cast" if tag.category in _CAST else tag.category
            predicted.setdefault(category, {}).setdefault(tag.key, tag)
        for category in set(scene.elements) | set(predicted):
            names = scene.elements.get(category, ())
            if category == "cast":
                wanted = list(dict.fromkeys(cast_key(name, honorifics) for name in names))
            else:
                wanted = list(dict.fromkeys(element_key(name) for name in names))
            got = list(predicted.get(category, {}))
            pairs = _pair(wanted, got)
            row = totals.setdefault(category, [0, 0, 0])
            row[0] += len(wanted)
            row[1] += len(pairs) + len(_unrelated(got, [found for _, found in pairs]))
            row[2] += len(pairs)
            if category == "background":
                for gold_key, found_key in pairs:
                    if gold_key in scene.counts:
                        counts_checked += 1
                        counts_right += (
                            predicted[category][found_key].count == scene.counts[gold_key]
                        )
    scores = {
        category: Score(category, row[0], row[1], row[2], row[2])
        for category, row in totals.items()
    }
    return scores, (counts_right, counts_checked)
