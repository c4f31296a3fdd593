"""Automatic tagging of a scene, by the trade's convention that elements are written in CAPS.

What each piece of a scene gives, in order of trust:

1. a character cue: cast (speaking), unless it is a group (``TODOS``) or a crowd word;
2. a CAPS span in action followed by an age (``LUPITA (9)``) or naming a known
   character: cast; an age under 18 marks a minor;
3. a CAPS span whose head is a crowd word (``20 JORNALEROS``): background, with the count;
4. a CAPS span matched against the vocabularies: that department;
5. the comma-separated description after a character's age (``ABEL (68), sombrero de
   palma, chamarra…``): wardrobe, make-up/hair and props written in lower case;
6. lower-case prose (``lowercase.py``): known characters (``Abel mira``), elements tagged
   in an earlier scene (``los perros ladran``), nouns after an article: lower confidence.

A CAPS span that is none of these is tagged ``misc`` at low confidence for a person
to judge, unless it is a script mark (``SUPER``, ``V.O.``, ``CONT'D``), a transition,
sits inside quotes (a sign's or a phone's text) or is shouted (``¡FUERA!``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from mosaico.breakdown.cast import ADULT_AGE, CastIndex, age_after, cast_key, index_cast
from mosaico.breakdown.categories import Category
from mosaico.breakdown.lemma import ARTICLES, element_key, words
from mosaico.breakdown.lowercase import carried, mentions, plain_crowd, plain_words
from mosaico.breakdown.tags import WORD_AT, SceneState, Tag, count_before, inside
from mosaico.breakdown.vocabulary import Vocabulary
from mosaico.screenplay.model import Element, ElementType
from mosaico.screenplay.names import fold, strip_extension

__all__ = ["Tag", "tag_scene"]

_CAPS_WORD = r"[A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ0-9'’.\-]*"
_CAPS_SPAN = re.compile(rf"(?<![\w*]){_CAPS_WORD}(?:[ ]+{_CAPS_WORD})*(?![\w])")
_CAPS_ARTICLES = frozenset(
    ["A", "AN", "THE", "UN", "UNA", "UNOS", "UNAS", "EL", "LA", "LOS", "LAS"]
)
# A period after a word of four letters or more ends a sentence ("SR." or "V.O." does not),
# and a conjunction joins two elements ("A HORSE AND A CART").
_SPAN_BREAK = re.compile(r"(?<=[^\s.]{4})\.\s+|\s+(?:Y|E|AND|&)\s+")
_JOINT_CUE = re.compile(r"\s+(?:AND|Y|E)\s+|\s*[&/]\s*")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_LEADING_JUNK = frozenset(["at", "the", "in", "on", "of", "to", "into", "with", "his", "her", "a"])
_CLAUSE_END = re.compile(r"[.;\n]")
_SEGMENT_BREAK = re.compile(r",|\s+(?:y|e|and|sobre|over)\s+")
_ACTION = frozenset({ElementType.ACTION, ElementType.SHOT, ElementType.GENERAL})
# Departments a character's description names in lower case (costume, hair, hand props).
_DESCRIBED = frozenset({"wardrobe", "makeup_hair", "props"})
_DESCRIPTION_WORDS = 5
# Words a name cut at a word limit should not end on ("chamarra de mezclilla forrada de").
_TRAILING = frozenset(
    [
        "de",
        "del",
        "en",
        "la",
        "el",
        "los",
        "las",
        "un",
        "una",
        "con",
        "a",
        "al",
        "y",
        "of",
        "in",
        "on",
        "the",
        "with",
        "and",
    ]
)


def _is_crowd(name: str, vocab: Vocabulary) -> bool:
    """A cue or name that is a crowd (``CROWD``, ``ALUMNOS``) or a group (``TODOS``)."""
    tokens = cast_key(name, vocab.honorifics).split()
    if " ".join(tokens) in vocab.group_cues:
        return True
    found = vocab.match(tokens)
    return found is not None and found[0] == "background" and found[2] - found[1] == len(tokens)


@lru_cache(maxsize=8)
def _cast_index(known: tuple[str, ...], vocab: Vocabulary) -> CastIndex:
    """The people among the known names (crowds and groups left out), built once per script."""
    people = [name for name in known if not _is_crowd(strip_extension(name)[0], vocab)]
    return index_cast(people, vocab.honorifics)


def _cue(state: SceneState, index: int, element: Element) -> None:
    name, _ = strip_extension(element.text)
    key = cast_key(name, state.vocab.honorifics)
    if not key or key in state.vocab.group_cues:
        return
    if _is_crowd(name, state.vocab):
        tag = Tag("background", name, element_key(name), index, 0, len(name), 0.8)
        state.tags.append(tag)
        return
    # "EDWARD AND WILL" speak together: both are cast when both are known.
    parts = [part.strip() for part in _JOINT_CUE.split(name)]
    keys = [state.cast.resolve(cast_key(part, state.vocab.honorifics)) for part in parts]
    if len(parts) > 1 and all(keys):
        for part, part_key in zip(parts, keys, strict=True):
            start = name.find(part)
            state.speaking.add(str(part_key))
            state.tags.append(
                Tag("cast", part, str(part_key), index, start, start + len(part), 1.0)
            )
        return
    key = state.cast.resolve(key) or key
    state.speaking.add(key)
    state.tags.append(Tag("cast", name, key, index, 0, len(name), 1.0))


def _caps_spans(text: str) -> Iterable[tuple[int, str]]:
    """CAPS runs cut at sentence ends and conjunctions, less a leading article (``A CROWD``)."""
    for match in _CAPS_SPAN.finditer(text):
        offset = match.start()
        for piece in _SPAN_BREAK.split(match.group(0)):
            start = text.find(piece, offset)
            offset = start + len(piece)
            first, _, remainder = piece.partition(" ")
            while remainder and first in _CAPS_ARTICLES:
                # Compared as written: "UÑAS" is not the article "UNAS".
                start += len(first) + 1
                piece = remainder.lstrip(" ")
                first, _, remainder = piece.partition(" ")
            yield start, piece


def _caps(state: SceneState, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    for found_at, piece in _caps_spans(text):
        span = piece.rstrip(".'’-")
        start, end = found_at, found_at + len(span)
        tokens = words(span)
        letters = sum(char.isalpha() for char in span)
        if (
            letters < 2
            or inside(quoted, start, end)
            or " ".join(tokens) in state.vocab.not_elements
        ):
            continue
        if tokens[0] == "on":
            continue  # a camera direction: "ON EDWARD" ("TIGHT ON" is in the word list)
        if text[:start].endswith("¡") or text[end:].lstrip(".").startswith("!"):
            continue  # shouted
        age_length, age = age_after(text[end:])
        has_age = age_length > 0
        key = state.cast.resolve(cast_key(span, state.vocab.honorifics))
        if has_age or key is not None:
            key = key or cast_key(span, state.vocab.honorifics)
            minor = age is not None and age < ADULT_AGE
            state.tags.append(
                Tag("cast_silent", span, key, index, start, end, 0.95, None, age, minor)
            )
            if has_age:
                _description(state, index, text, end + age_length)
            continue
        found = state.vocab.match(tokens)
        if found is None:
            if letters >= 3:
                state.tags.append(Tag("misc", span, element_key(span), index, start, end, 0.3))
            continue
        category, first, last = found
        whole = first == 0 and last == len(tokens)
        if first > 0 and (len(tokens) > 3 or _LEADING_JUNK.intersection(tokens[:first])):
            # English puts the head last: "SMASHING DOWN THREE CARS" is the cars, and
            # "AT THE CAR" the car; "RED PICKUP TRUCK" keeps its colour.
            span, start = _from_word(span, start, first)
        count = (
            count_before(text[:start], state.vocab)
            if category in ("background", "animals")
            else None
        )
        confidence = 0.9 if whole else 0.75
        state.tags.append(
            Tag(category, span, element_key(span), index, start, end, confidence, count)
        )


def _from_word(span: str, start: int, position: int) -> tuple[str, int]:
    """The part of a CAPS span from its ``position``-th word on, with its new start."""
    pieces = list(WORD_AT.finditer(span))
    if position >= len(pieces):
        return span, start
    cut = pieces[position].start()
    return span[cut:], start + cut


def _description(state: SceneState, index: int, text: str, age_end: int) -> None:
    """Lower-case costume, hair and props in the clause after ``NAME (age),``."""
    stop = _CLAUSE_END.search(text, age_end)
    clause_end = stop.start() if stop else len(text)
    cursor = age_end
    for piece in [*_SEGMENT_BREAK.split(text[cursor:clause_end]), ""]:
        found_at = text.find(piece, cursor) if piece else -1
        if found_at < 0:
            continue
        cursor = found_at + len(piece)
        spans = [(m.start() + found_at, m.group(0)) for m in WORD_AT.finditer(piece)]
        while spans and fold(spans[0][1]) in ARTICLES:
            spans = spans[1:]
        if not spans or spans[0][1].isupper():
            continue
        tokens = [words(word)[0] for _, word in spans[:_DESCRIPTION_WORDS] if words(word)]
        for width in range(len(tokens), 0, -1):
            category = state.vocab.lookup_plain(tokens[:width])
            if category in _DESCRIBED:
                first_at = spans[0][0]
                last = min(len(spans), _DESCRIPTION_WORDS) - 1
                while last >= width and fold(spans[last][1]) in _TRAILING:
                    last -= 1
                last_at, last_word = spans[last]
                name = text[first_at : last_at + len(last_word)]
                tag = Tag(
                    category, name, element_key(name), index, first_at, first_at + len(name), 0.7
                )
                state.tags.append(tag)
                break


def tag_scene(
    scene_elements: Sequence[Element],
    known_characters: Iterable[str],
    categories: Sequence[Category],
    vocab: Vocabulary,
    *,
    first_index: int = 0,
    known_elements: Mapping[str, str] | None = None,
) -> list[Tag]:
    """Tags for one scene's elements (heading included or not), in script order.

    ``known_characters`` are names as the script writes them (usually every cue in
    the script); ``first_index`` is the position of ``scene_elements[0]`` in the
    screenplay; ``known_elements`` maps keys of elements tagged in earlier scenes to
    their category. Tags in categories the production does not use are left out.
    """
    state = SceneState(vocab, _cast_index(tuple(known_characters), vocab), [], set())
    for offset, element in enumerate(scene_elements):
        if element.kind is ElementType.CHARACTER:
            _cue(state, first_index + offset, element)
    for offset, element in enumerate(scene_elements):
        if element.kind not in _ACTION:
            continue
        index, text = first_index + offset, element.text
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        _caps(state, index, text, quoted)
        mentions(state, index, text, quoted)
        plain_crowd(state, index, text)
        if known_elements:
            carried(state, index, text, known_elements, quoted)
        plain_words(state, index, text, quoted)
    return _tidy(state, {category.key for category in categories})


def _tidy(state: SceneState, wanted: set[str]) -> list[Tag]:
    """Speakers are cast, not silent; one tag per place; script order; known categories only."""
    seen: set[tuple[str, str, int, int]] = set()
    minors = {tag.key: tag for tag in state.tags if tag.age is not None}
    result: list[Tag] = []
    for tag in state.tags:
        if tag.category == "cast_silent" and tag.key in state.speaking:
            tag = replace(tag, category="cast")
        if tag.category in ("cast", "cast_silent") and tag.key in minors and tag.age is None:
            first = minors[tag.key]
            tag = replace(tag, age=first.age, minor=first.minor)
        place = (tag.category, tag.key, tag.element, tag.start)
        if place in seen or tag.category not in wanted:
            continue
        seen.add(place)
        result.append(tag)
    result.sort(key=lambda tag: (tag.element, tag.start))
    return result
