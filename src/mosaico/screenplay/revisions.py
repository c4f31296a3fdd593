"""Compare two drafts of a script scene by scene.

Scenes of the old and the new draft are paired in three passes:

1. by scene number, when both drafts carry numbers and the pair still reads
   alike (same heading, or at least ``NUMBER_FLOOR`` similar): a renumbered
   unlocked draft then does not pair scene 12 with whatever now bears "12";
2. scenes whose heading and text are identical, in script order;
3. the rest by similarity of heading and text (``difflib``), best pairs first,
   down to ``SIMILARITY_FLOOR``.

Each scene is then classified: ``unchanged``, ``changed`` (its printed text
differs), ``moved`` (it left the order the other paired scenes keep; it may
also have changed, see ``SceneChange.text_changed``), ``added`` (only in the
new draft) or ``omitted`` (only in the old one, or now an ``OMITTED`` line).
A scene's diff works on its printed paragraphs; section headers, synopses and
notes are not printed, so editing them is not a revision.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum

from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.names import fold
from mosaico.screenplay.scenes import Scene, split_scenes

K = ElementType
#: A pair found by number is kept when the scenes read at least this alike (or share a heading).
NUMBER_FLOOR = 0.3
#: Two unnumbered scenes pair when they read at least this alike.
SIMILARITY_FLOOR = 0.5
_UNPRINTED = frozenset({K.SECTION, K.SYNOPSIS, K.NOTE, K.PAGE_BREAK})
# Heading and text both count; the text more, since headings repeat across a script.
_HEADING_WEIGHT = 0.3
# Coverage of the shorter scene counts for scenes of at least this many words, by phrases
# of at least ``_PHRASE`` words, and a little below a plain match.
_COVERAGE_MIN_WORDS = 8
_PHRASE = 3
_COVERAGE_WEIGHT = 0.9
# A paragraph whose words match at least this much was edited, not rewritten.
_EDITED_FLOOR = 0.5


class ChangeKind(StrEnum):
    """What happened to a scene between two drafts. Values are stored and sent over the API."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MOVED = "moved"
    ADDED = "added"
    OMITTED = "omitted"


class DiffOp(StrEnum):
    """One line of a scene's diff: kept, taken out, or put in."""

    SAME = " "
    REMOVED = "-"
    INSERTED = "+"


@dataclass(frozen=True, slots=True)
class DiffLine:
    op: DiffOp
    text: str


@dataclass(frozen=True, slots=True)
class SceneRef:
    """A scene of one draft: its position (1-based), number and heading."""

    index: int
    number: str | None
    heading: str


@dataclass(frozen=True, slots=True)
class SceneChange:
    """One scene across two drafts. ``marked`` holds the new draft's element indices
    whose text is new or changed (they carry the revision asterisk)."""

    kind: ChangeKind
    old: SceneRef | None
    new: SceneRef | None
    similarity: float
    text_changed: bool
    diff: tuple[DiffLine, ...]
    marked: tuple[int, ...]
    #: For a paragraph edited in place (not rewritten): the indices of its words
    #: (``text.split()``) that are new, so only the printed lines holding them are starred.
    words: tuple[tuple[int, tuple[int, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """Every scene of both drafts, in the new draft's order; an omitted scene follows
    the scene that preceded it in the old draft."""

    changes: tuple[SceneChange, ...]

    def counts(self) -> dict[str, int]:
        """How many scenes of each kind (every kind present, zero or not)."""
        out = {kind.value: 0 for kind in ChangeKind}
        for change in self.changes:
            out[change.kind.value] += 1
        return out

    def marked_elements(self) -> frozenset[int]:
        """Element indices of the new draft that carry a revision mark."""
        return frozenset(index for change in self.changes for index in change.marked)

    def marked_words(self) -> dict[int, frozenset[int]]:
        """For paragraphs edited in place: which of their words changed (see ``SceneChange``)."""
        return {index: frozenset(words) for change in self.changes for index, words in change.words}

    @property
    def revised(self) -> bool:
        return any(change.kind is not ChangeKind.UNCHANGED for change in self.changes)


@dataclass(frozen=True, slots=True)
class _Draft:
    scene: Scene
    elements: tuple[tuple[int, str], ...]  # (element index, printed text) of the body
    keys: tuple[str, ...]  # kind and text as compared (see ``comparable``)
    heading: str  # folded
    words: tuple[str, ...]

    @property
    def signature(self) -> tuple[str, ...]:
        return (self.heading, *self.keys)


# Typographic variants that are not a change of the script: curly and straight quotes,
# dashes, the ellipsis character, non-breaking spaces (editors swap them on their own).
_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
     "–": "-", "—": "-", "\u00a0": " ", "…": "..."}
)  # fmt: skip


def comparable(text: str) -> str:
    """``text`` as drafts are compared: typographic variants made plain, spaces collapsed."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def element_text(element: Element) -> str:
    """A paragraph as one readable diff line (a cue with its extension, speech indented)."""
    text = element.text.replace("\n", " ")
    if element.kind is K.CHARACTER and element.extension:
        return f"{text} {element.extension}"
    if element.kind in (K.DIALOGUE, K.PARENTHETICAL, K.LYRICS):
        return f"    {text}"
    if element.kind is K.TRANSITION:
        return f"{' ' * 40}{text}"
    return text


def _drafts(screenplay: Screenplay) -> list[_Draft]:
    out = []
    for scene in split_scenes(screenplay):
        body = tuple(
            (index, element_text(screenplay.elements[index]))
            for index in range(scene.start, scene.end)
            if screenplay.elements[index].kind not in _UNPRINTED
        )
        # The kind stays in the key: the same words as action and as dialogue differ.
        keys = tuple(
            f"{screenplay.elements[index].kind.value}|{comparable(text)}" for index, text in body
        )
        words = tuple(fold(" ".join(comparable(text) for _, text in body[1:])).split())
        heading = fold(comparable(scene.heading_text))
        out.append(_Draft(scene, body, keys, heading, words))
    return out


def _text_similarity(old: tuple[str, ...], new: tuple[str, ...], quick: bool) -> float:
    """How alike two scene texts read, 0..1: ``difflib``'s ratio, or, when one scene kept
    most of the other's phrases but grew or shrank a lot, the share of the shorter one
    found in runs of at least ``_PHRASE`` words (a scene with a long speech added is
    still the same scene)."""
    if not old and not new:
        return 1.0
    body = difflib.SequenceMatcher(None, old, new, autojunk=False)
    shorter = min(len(old), len(new))
    if quick:
        upper = body.quick_ratio()
        if shorter >= _COVERAGE_MIN_WORDS:
            matched = upper * (len(old) + len(new)) / 2
            upper = max(upper, _COVERAGE_WEIGHT * min(1.0, matched / shorter))
        return upper
    ratio = body.ratio()
    if shorter < _COVERAGE_MIN_WORDS:
        return ratio
    phrases = sum(block.size for block in body.get_matching_blocks() if block.size >= _PHRASE)
    return max(ratio, _COVERAGE_WEIGHT * phrases / shorter)


def _similarity(old: _Draft, new: _Draft, *, quick: bool = False) -> float:
    heading = difflib.SequenceMatcher(None, old.heading, new.heading, autojunk=False)
    head = heading.quick_ratio() if quick else heading.ratio()
    text = _text_similarity(old.words, new.words, quick)
    return _HEADING_WEIGHT * head + (1 - _HEADING_WEIGHT) * text


def _number_key(number: str | None) -> str | None:
    return number.strip().upper() if number and number.strip() else None


def match_scenes(old: list[_Draft], new: list[_Draft]) -> dict[int, tuple[int, float]]:
    """Pairs as ``{new position: (old position, similarity)}`` (0-based positions)."""
    pairs: dict[int, tuple[int, float]] = {}
    taken_old: set[int] = set()

    # 1. By number.
    def unique(drafts: list[_Draft]) -> dict[str, int]:
        seen: dict[str, int] = {}
        twice: set[str] = set()
        for position, draft in enumerate(drafts):
            key = _number_key(draft.scene.number)
            if key is None:
                continue
            if key in seen:
                twice.add(key)
            seen[key] = position
        return {key: position for key, position in seen.items() if key not in twice}

    old_numbers = unique(old)
    for key, new_position in unique(new).items():
        old_position = old_numbers.get(key)
        if old_position is None:
            continue
        a, b = old[old_position], new[new_position]
        score = _similarity(a, b)
        placeholder = a.scene.omitted or b.scene.omitted
        if placeholder or a.heading == b.heading or score >= NUMBER_FLOOR:
            pairs[new_position] = (old_position, score)
            taken_old.add(old_position)

    # 2. Identical scenes, in order.
    free_old: dict[tuple[str, ...], list[int]] = {}
    for position, draft in enumerate(old):
        if position not in taken_old and not draft.scene.omitted:
            free_old.setdefault(draft.signature, []).append(position)
    for position, draft in enumerate(new):
        if position in pairs or draft.scene.omitted:
            continue
        same = free_old.get(draft.signature)
        if same:
            old_position = same.pop(0)
            pairs[position] = (old_position, 1.0)
            taken_old.add(old_position)

    # 3. The rest by similarity, best pairs first.
    rest_old = [p for p, d in enumerate(old) if p not in taken_old and not d.scene.omitted]
    rest_new = [p for p, d in enumerate(new) if p not in pairs and not d.scene.omitted]
    candidates: list[tuple[float, int, int, int]] = []
    for new_position in rest_new:
        for old_position in rest_old:
            a, b = old[old_position], new[new_position]
            if _similarity(a, b, quick=True) < SIMILARITY_FLOOR:
                continue  # quick_ratio is an upper bound of ratio
            score = _similarity(a, b)
            if score >= SIMILARITY_FLOOR:
                # Nearer positions win ties, so repeated scenes pair in order.
                distance = abs(new_position - old_position)
                candidates.append((-score, distance, new_position, old_position))
    for entry in sorted(candidates):
        score, _, new_position, old_position = entry
        if new_position in pairs or old_position in taken_old:
            continue
        pairs[new_position] = (old_position, -score)
        taken_old.add(old_position)
    return pairs


def _in_order(sequence: list[int]) -> set[int]:
    """Positions (in ``sequence``) of a longest increasing subsequence: the scenes that kept
    their order; the others moved."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(sequence)
    for position, value in enumerate(sequence):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[slot] = value
            tail_at[slot] = position
        parent[position] = tail_at[slot - 1] if slot else -1
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = parent[position]
    return kept


def _ref(draft: _Draft) -> SceneRef:
    scene = draft.scene
    return SceneRef(scene.index, scene.number, scene.heading_text)


def changed_words(old: str, new: str) -> tuple[int, ...] | None:
    """Indices of the words of ``new`` (``split()``) that are not in ``old``; a word beside a
    cut stands for the cut. ``None`` when the paragraph was rewritten rather than edited."""
    before, after = comparable(old).split(), comparable(new).split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if matcher.ratio() < _EDITED_FLOOR or not after:
        return None
    changed: set[int] = set()
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.update(range(j1, j2))
        elif tag == "delete":
            changed.add(min(j1, len(after) - 1))
    return tuple(sorted(changed))


def _diff(
    old: _Draft | None, new: _Draft | None, screenplays: tuple[Screenplay, Screenplay] | None = None
) -> tuple[tuple[DiffLine, ...], tuple[int, ...], tuple[tuple[int, tuple[int, ...]], ...]]:
    before = old.elements if old is not None else ()
    after = new.elements if new is not None else ()
    matcher = difflib.SequenceMatcher(
        None, old.keys if old else (), new.keys if new else (), autojunk=False
    )
    lines: list[DiffLine] = []
    marked: list[int] = []
    words: list[tuple[int, tuple[int, ...]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine(DiffOp.SAME, text) for _, text in after[j1:j2])
            continue
        lines.extend(DiffLine(DiffOp.REMOVED, text) for _, text in before[i1:i2])
        lines.extend(DiffLine(DiffOp.INSERTED, text) for _, text in after[j1:j2])
        marked.extend(index for index, _ in after[j1:j2])
        if tag == "replace" and i2 - i1 == j2 - j1 and screenplays is not None:
            # Paragraphs replaced one for one: star only the lines whose words changed.
            for (old_index, _), (new_index, _) in zip(before[i1:i2], after[j1:j2], strict=True):
                a = screenplays[0].elements[old_index]
                b = screenplays[1].elements[new_index]
                if a.kind is b.kind:
                    found = changed_words(a.text, b.text)
                    if found is not None:
                        words.append((new_index, found))
    return tuple(lines), tuple(marked), tuple(words)


def paragraph_map(
    old: Screenplay, new: Screenplay, old_span: tuple[int, int], new_span: tuple[int, int]
) -> dict[int, int]:
    """Old element index → new element index for the paragraphs of a scene that stayed
    (or were edited one for one), in order: a cue repeated ten times maps each to its own."""
    before = list(range(*old_span))
    after = list(range(*new_span))
    matcher = difflib.SequenceMatcher(
        None,
        [(old.elements[i].kind, comparable(old.elements[i].text)) for i in before],
        [(new.elements[j].kind, comparable(new.elements[j].text)) for j in after],
        autojunk=False,
    )
    out: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.update(zip(before[i1:i2], after[j1:j2], strict=True))
    return out


def compare(old: Screenplay, new: Screenplay) -> Comparison:
    """Every scene of ``old`` and ``new`` paired, classified and diffed (see the module doc)."""
    before, after = _drafts(old), _drafts(new)
    pairs = match_scenes(before, after)
    ordered = sorted(pairs)
    kept_order = _in_order([pairs[p][0] for p in ordered])
    moved = {p for i, p in enumerate(ordered) if i not in kept_order}

    by_new: list[SceneChange] = []
    for position, draft in enumerate(after):
        if position not in pairs:
            diff, marked, _ = _diff(None, draft)
            kind = ChangeKind.OMITTED if draft.scene.omitted else ChangeKind.ADDED
            by_new.append(SceneChange(kind, None, _ref(draft), 0.0, True, diff, marked))
            continue
        old_position, score = pairs[position]
        previous = before[old_position]
        diff, marked, words = _diff(previous, draft, (old, new))
        text_changed = previous.signature != draft.signature
        if draft.scene.omitted and not previous.scene.omitted:
            kind = ChangeKind.OMITTED
            marked = (draft.scene.start,)  # the OMITTED line itself carries the mark
            words = ()
        elif position in moved:
            kind = ChangeKind.MOVED
        elif text_changed:
            kind = ChangeKind.CHANGED
        else:
            kind = ChangeKind.UNCHANGED
        by_new.append(
            SceneChange(
                kind,
                _ref(previous),
                _ref(draft),
                round(score, 3),
                text_changed,
                diff,
                marked,
                words,
            )
        )

    # Old scenes with no partner are omitted: each goes after the scene that preceded it.
    partner = {old_position: new_position for new_position, (old_position, _) in pairs.items()}
    after_new: dict[int, list[SceneChange]] = {}
    for old_position, draft in enumerate(before):
        if old_position in partner:
            continue
        anchor = -1
        for earlier in range(old_position - 1, -1, -1):
            if earlier in partner:
                anchor = partner[earlier]
                break
        diff, _, _ = _diff(draft, None)
        change = SceneChange(ChangeKind.OMITTED, _ref(draft), None, 0.0, True, diff, ())
        after_new.setdefault(anchor, []).append(change)
    changes: list[SceneChange] = list(after_new.get(-1, []))
    for position, change in enumerate(by_new):
        changes.append(change)
        changes.extend(after_new.get(position, []))
    return Comparison(tuple(changes))
