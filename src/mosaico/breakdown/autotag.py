"""Automatic tagging of a scene, by the trade's convention that elements are written in CAPS.

What each piece of a scene gives, in order of trust:

1. a character cue: cast (speaking), unless it is a group (``TODOS``) or a crowd word;
2. a CAPS span in action followed by an age (``LUPITA (9)``) or naming a known
   character: cast; an age under 18 marks a minor;
3. a CAPS span whose head is a crowd word (``20 JORNALEROS``): background, with the count;
4. a CAPS span matched against the vocabularies: that department;
5. the comma-separated description after a character's age (``ABEL (68), sombrero de
   palma, chamarra…``): wardrobe, make-up/hair and props written in lower case;
6. lower-case mentions of known characters (``Abel mira``) and of elements tagged in
   an earlier scene (``los perros ladran``): lower confidence.

A CAPS span that is none of these is tagged ``misc`` at low confidence for a person
to judge, unless it is a script mark (``SUPER``, ``V.O.``, ``CONT'D``), a transition,
sits inside quotes (a sign's or a phone's text) or is shouted (``¡FUERA!``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from mosaico.breakdown.cast import ADULT_AGE, CastIndex, age_after, cast_key, index_cast
from mosaico.breakdown.categories import Category
from mosaico.breakdown.lemma import element_key, words
from mosaico.breakdown.vocabulary import Vocabulary
from mosaico.screenplay.model import Element, ElementType
from mosaico.screenplay.names import fold, strip_extension

_CAPS_WORD = r"[A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ0-9'’.\-]*"
_CAPS_SPAN = re.compile(rf"(?<![\w*]){_CAPS_WORD}(?:[ ]+{_CAPS_WORD})*(?![\w])")
_TITLE_SPAN = re.compile(
    r"(?<![\w])[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ]+(?:[ ]+[A-ZÁÉÍÓÚÜÑ][a-záéíóúüñ]+)*(?![\w])"
)
# A period after a word of four letters or more ends a sentence; "SR." or "V.O." does not.
_SENTENCE_END = re.compile(r"(?<=[^\s.]{4})\.\s+")
_JOINT_CUE = re.compile(r"\s+(?:AND|Y|E)\s+|\s*[&/]\s*")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_COUNT_BEFORE = re.compile(r"(?:(\d{1,6})|([^\W\d_]+))(?:\s+(?:de|of))?\s+$")
_NOT_PRESENT_AFTER = re.compile(r"(?:\b(?:de|del|para|sobre|of|from|for|about))\s+$", re.I)
_CLAUSE_END = re.compile(r"[.;\n]")
_SEGMENT_BREAK = re.compile(r",|\s+(?:y|e|and|sobre|over)\s+")
_WORD_AT = re.compile(r"[^\W\d_][\w'’\-]*")
_ACTION = frozenset({ElementType.ACTION, ElementType.SHOT, ElementType.GENERAL})
# Departments a character's description names in lower case (costume, hair, hand props).
_DESCRIBED = frozenset({"wardrobe", "makeup_hair", "props"})
_DESCRIPTION_WORDS = 5
# Departments whose elements are also found in lower case (nouns, seldom verbs or weather).
_PLAIN = frozenset({"props", "vehicles", "animals", "wardrobe", "weapons", "background"})
_CARRY_WINDOW = 4
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
_ARTICLES = frozenset(
    [
        "un",
        "una",
        "unos",
        "unas",
        "el",
        "la",
        "los",
        "las",
        "su",
        "sus",
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
    ]
)
_DETERMINERS = _ARTICLES | {"al", "del"}


@dataclass(frozen=True, slots=True)
class Tag:
    """One element found in a scene.

    ``name`` is the element as the script writes it, ``key`` its normalised form
    (the same person or object in every scene); ``element`` indexes the
    screenplay's elements and ``start``/``end`` the characters of its text.
    ``linked_from`` names the anchor's key when an element link added the tag.
    """

    category: str
    name: str
    key: str
    element: int
    start: int
    end: int
    confidence: float
    count: int | None = None
    age: int | None = None
    minor: bool = False
    linked_from: str | None = None


@dataclass(slots=True)
class _Scene:
    """Working state while one scene is tagged."""

    vocab: Vocabulary
    cast: CastIndex
    tags: list[Tag]
    speaking: set[str]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _count_before(text: str, vocab: Vocabulary) -> int | None:
    match = _COUNT_BEFORE.search(text[-40:])
    if match is None:
        return None
    if match.group(1):
        return int(match.group(1))
    return vocab.numbers.get(fold(match.group(2)))


def _is_crowd(name: str, vocab: Vocabulary) -> bool:
    """A cue or name that is a crowd (``CROWD``, ``ALUMNOS``) or a group (``TODOS``)."""
    tokens = cast_key(name, vocab.honorifics).split()
    if " ".join(tokens) in vocab.group_cues:
        return True
    found = vocab.match(tokens)
    return found is not None and found[0] == "background" and found[2] - found[1] == len(tokens)


def _cue(state: _Scene, index: int, element: Element) -> None:
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
    """CAPS runs cut at sentence ends and stripped of a leading one-letter word (``A CROWD``)."""
    for match in _CAPS_SPAN.finditer(text):
        offset = match.start()
        for piece in _SENTENCE_END.split(match.group(0)):
            start = text.find(piece, offset)
            offset = start + len(piece)
            while len(piece) > 2 and piece[1] == " ":
                piece, start = piece[2:], start + 2
            yield start, piece


def _caps(state: _Scene, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    for found_at, piece in _caps_spans(text):
        span = piece.rstrip(".'’-")
        start, end = found_at, found_at + len(span)
        tokens = words(span)
        letters = sum(char.isalpha() for char in span)
        if (
            letters < 2
            or _inside(quoted, start, end)
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
        if first > 0 and len(tokens) > 3:
            # English puts the head last: "SMASHING DOWN THREE CARS" is the cars.
            span, start = _from_word(span, start, first)
        count = (
            _count_before(text[:start], state.vocab)
            if category in ("background", "animals")
            else None
        )
        confidence = 0.9 if whole else 0.75
        state.tags.append(
            Tag(category, span, element_key(span), index, start, end, confidence, count)
        )


def _plain_crowd(state: _Scene, index: int, text: str) -> None:
    """The trade's own words for background (``extras``) count in any case."""
    for match in _WORD_AT.finditer(text):
        word = match.group(0)
        if word.isupper() or fold(word) not in state.vocab.plain_crowd:
            continue
        count = _count_before(text[: match.start()], state.vocab)
        tag = Tag(
            "background", word, element_key(word), index, match.start(), match.end(), 0.8, count
        )
        state.tags.append(tag)


def _from_word(span: str, start: int, position: int) -> tuple[str, int]:
    """The part of a CAPS span from its ``position``-th word on, with its new start."""
    pieces = list(_WORD_AT.finditer(span))
    if position >= len(pieces):
        return span, start
    cut = pieces[position].start()
    return span[cut:], start + cut


def _plain_words(state: _Scene, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    """Vocabulary words in lower case (``saca el celular``): likely elements, for review."""
    spans = list(_WORD_AT.finditer(text))
    # Places already tagged (a CAPS span, a character's description) are not tagged again.
    tagged = [(tag.start, tag.end) for tag in state.tags if tag.element == index]
    taken = -1
    for position, first in enumerate(spans):
        word = first.group(0)
        if first.start() < taken or word.isupper() or word[0].isupper():
            continue
        # A noun follows an article; a verb that looks like a noun ("saca", "arma") does not.
        if position == 0 or fold(spans[position - 1].group(0)) not in _DETERMINERS:
            continue
        if any(a <= first.start() < b for a, b in tagged):
            continue
        if fold(word) in state.vocab.lowercase_skip or _inside(quoted, first.start(), first.end()):
            continue
        for width in range(min(_CARRY_WINDOW, len(spans) - position), 0, -1):
            window = spans[position : position + width]
            category = state.vocab.lookup_plain([fold(match.group(0)) for match in window])
            if category in _PLAIN:
                start, end = first.start(), window[-1].end()
                after = spans[position + width : position + width + 2]
                if (
                    len(after) == 2
                    and fold(after[0].group(0)) in ("de", "del")
                    and after[1].group(0).islower()
                ):
                    end = after[1].end()  # Spanish complements name the thing: "bolsa de rafia"
                count = (
                    _count_before(text[:start], state.vocab) if category == "background" else None
                )
                name = text[start:end]
                state.tags.append(
                    Tag(category, name, element_key(name), index, start, end, 0.5, count)
                )
                taken = end
                break


def _description(state: _Scene, index: int, text: str, age_end: int) -> None:
    """Lower-case costume, hair and props in the clause after ``NAME (age),``."""
    stop = _CLAUSE_END.search(text, age_end)
    clause_end = stop.start() if stop else len(text)
    cursor = age_end
    for piece in [*_SEGMENT_BREAK.split(text[cursor:clause_end]), ""]:
        found_at = text.find(piece, cursor) if piece else -1
        if found_at < 0:
            continue
        cursor = found_at + len(piece)
        spans = [(m.start() + found_at, m.group(0)) for m in _WORD_AT.finditer(piece)]
        while spans and fold(spans[0][1]) in _ARTICLES:
            spans = spans[1:]
        if not spans or spans[0][1].isupper():
            continue
        tokens = [words(word)[0] for _, word in spans[:_DESCRIPTION_WORDS] if words(word)]
        for width in range(len(tokens), 0, -1):
            category = state.vocab.lookup(tokens[:width])
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


def _mentions(state: _Scene, index: int, text: str, quoted: list[tuple[int, int]]) -> None:
    """Known characters named in ordinary case in action: they are in the scene."""
    for match in _TITLE_SPAN.finditer(text):
        if _inside(quoted, match.start(), match.end()):
            continue
        if _NOT_PRESENT_AFTER.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # "un mensaje de Dani" names someone who is not there
        key = state.cast.resolve(cast_key(match.group(0), state.vocab.honorifics))
        if key is not None:
            state.tags.append(
                Tag("cast_silent", match.group(0), key, index, match.start(), match.end(), 0.7)
            )


def _carried(
    state: _Scene, index: int, text: str, known: Mapping[str, str], quoted: list[tuple[int, int]]
) -> None:
    """Lower-case mentions of elements tagged in an earlier scene (``los perros ladran``)."""
    spans = [(m.start(), m.end()) for m in _WORD_AT.finditer(text)]
    taken = -1
    for position in range(len(spans)):
        if spans[position][0] < taken or fold(text[slice(*spans[position])]) in _ARTICLES:
            continue
        for width in range(min(_CARRY_WINDOW, len(spans) - position), 0, -1):
            start, end = spans[position][0], spans[position + width - 1][1]
            chunk = text[start:end]
            key = element_key(chunk)
            if key in known and not chunk.isupper() and not _inside(quoted, start, end):
                state.tags.append(Tag(known[key], chunk, key, index, start, end, 0.6))
                taken = end
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
    people = [name for name in known_characters if not _is_crowd(strip_extension(name)[0], vocab)]
    state = _Scene(vocab, index_cast(people, vocab.honorifics), [], set())
    for offset, element in enumerate(scene_elements):
        if element.kind is ElementType.CHARACTER:
            _cue(state, first_index + offset, element)
    for offset, element in enumerate(scene_elements):
        if element.kind not in _ACTION:
            continue
        index, text = first_index + offset, element.text
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        _caps(state, index, text, quoted)
        _mentions(state, index, text, quoted)
        _plain_crowd(state, index, text)
        if known_elements:
            _carried(state, index, text, known_elements, quoted)
        _plain_words(state, index, text, quoted)
    return _tidy(state, {category.key for category in categories})


def _tidy(state: _Scene, wanted: set[str]) -> list[Tag]:
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
