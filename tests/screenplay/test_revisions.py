"""Comparing two drafts scene by scene, on real scripts edited in the test."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SCRIPTS
from mosaico.screenplay.io import read_script
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.revisions import ChangeKind, DiffOp, compare
from mosaico.screenplay.scenes import Scene, split_scenes

CORPUS = [
    SCRIPTS / "short" / "the-last-birthday-card.fountain",
    SCRIPTS / "short" / "brick-and-steel.fountain",
    SCRIPTS / "short" / "printing-trouble.fountain",
    SCRIPTS / "full-length" / "big-fish.fountain",
    SCRIPTS / "full-length" / "charade-1963.fountain",
]


def _read(path: Path) -> Screenplay:
    return read_script(path.read_bytes(), path.name, Limits())


def _body(script: Screenplay, scene: Scene) -> list[Element]:
    return list(script.elements[scene.start : scene.end])


def _rebuild(script: Screenplay, scenes: list[list[Element]], head: int) -> Screenplay:
    return replace(
        script, elements=(*script.elements[:head], *(e for body in scenes for e in body))
    )


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_draft_against_itself_is_all_unchanged(path: Path) -> None:
    script = _read(path)
    result = compare(script, script)
    assert result.counts()["unchanged"] == len(split_scenes(script))
    assert not result.revised
    assert result.marked_elements() == frozenset()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_insert_delete_move_and_edit_are_each_found(path: Path) -> None:
    script = _read(path)
    scenes = split_scenes(script)
    assert len(scenes) >= 8
    bodies = [_body(script, scene) for scene in scenes]
    head = scenes[0].start
    # Edit a line of scene 3, delete scene 5, move scene 2 to the end, insert a scene after 6.
    edited = 2
    action = next(
        i
        for i, e in enumerate(bodies[edited])
        if e.kind in (ElementType.ACTION, ElementType.DIALOGUE)
    )
    original_text = bodies[edited][action].text
    bodies[edited][action] = replace(
        bodies[edited][action], text=original_text + " The kettle screams on the stove."
    )
    deleted = scenes[4]
    inserted = [
        Element(ElementType.SCENE_HEADING, "EXT. ROOFTOP GARDEN - NIGHT"),
        Element(ElementType.ACTION, "Pigeons mutter in a coop made of old doors."),
        Element(ElementType.CHARACTER, "GUARDIAN"),
        Element(ElementType.DIALOGUE, "Nobody comes up here after dark."),
    ]
    order = [bodies[0], bodies[2], bodies[3], bodies[5], inserted, *bodies[6:], bodies[1]]
    result = compare(script, _rebuild(script, order, head))

    counts = result.counts()
    assert counts == {
        "unchanged": len(scenes) - 3,
        "changed": 1,
        "moved": 1,
        "added": 1,
        "omitted": 1,
    }
    by_kind = {c.kind: c for c in result.changes if c.kind is not ChangeKind.UNCHANGED}
    omitted_old = by_kind[ChangeKind.OMITTED].old
    assert omitted_old is not None and omitted_old.index == deleted.index
    moved_old, moved_new = by_kind[ChangeKind.MOVED].old, by_kind[ChangeKind.MOVED].new
    assert moved_old is not None and moved_old.index == 2
    assert moved_new is not None and moved_new.index == len(scenes)  # last now
    changed = by_kind[ChangeKind.CHANGED]
    assert changed.old is not None and changed.old.index == 3
    removed = [line.text for line in changed.diff if line.op is DiffOp.REMOVED]
    added = [line.text for line in changed.diff if line.op is DiffOp.INSERTED]
    assert len(removed) == len(added) == 1
    assert added[0].endswith("The kettle screams on the stove.")
    assert added[0].strip().startswith(original_text.replace("\n", " ").strip()[:20])
    added_new = by_kind[ChangeKind.ADDED].new
    assert added_new is not None and added_new.heading == "EXT. ROOFTOP GARDEN - NIGHT"
    # Marks: the edited paragraph and the whole new scene, nothing else.
    assert len(changed.marked) == 1
    assert len(by_kind[ChangeKind.ADDED].marked) == 4
    assert len(result.marked_elements()) == 5


def test_the_omitted_scene_is_listed_where_it_was() -> None:
    script = _read(SCRIPTS / "short" / "the-last-birthday-card.fountain")
    scenes = split_scenes(script)
    bodies = [_body(script, s) for s in scenes]
    new = _rebuild(script, bodies[:3] + bodies[4:], scenes[0].start)
    kinds = [c.kind for c in compare(script, new).changes]
    assert kinds[3] is ChangeKind.OMITTED
    assert kinds.count(ChangeKind.OMITTED) == 1


def test_numbered_scenes_pair_by_number_even_when_rewritten() -> None:
    old = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY", scene_number="1"),
            Element(ElementType.ACTION, "Marta peels onions."),
            Element(ElementType.SCENE_HEADING, "EXT. YARD - DAY", scene_number="2"),
            Element(ElementType.ACTION, "Dogs bark at the gate."),
        )
    )
    new = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY", scene_number="1"),
            Element(ElementType.ACTION, "Everything is different: a storm rattles the windows."),
            Element(ElementType.SCENE_HEADING, "EXT. YARD - DAY", scene_number="2"),
            Element(ElementType.ACTION, "Dogs bark at the gate."),
        )
    )
    changes = compare(old, new).changes
    assert [c.kind for c in changes] == [ChangeKind.CHANGED, ChangeKind.UNCHANGED]
    assert changes[0].marked == (1,)


def test_a_renumbered_draft_is_not_paired_by_its_shifted_numbers() -> None:
    script = _read(SCRIPTS / "short" / "brick-and-steel.fountain")
    scenes = split_scenes(script)

    def numbered(bodies: list[list[Element]]) -> Screenplay:
        out = []
        for n, body in enumerate(bodies, start=1):
            out.append([replace(body[0], scene_number=str(n)), *body[1:]])
        return _rebuild(script, out, scenes[0].start)

    bodies = [_body(script, s) for s in scenes]
    extra = [
        Element(ElementType.SCENE_HEADING, "INT. LAUNDROMAT - NIGHT"),
        Element(ElementType.ACTION, "Dryers thump. A lone sock circles."),
    ]
    result = compare(numbered(bodies), numbered([bodies[0], extra, *bodies[1:]]))
    assert result.counts()["added"] == 1
    assert result.counts()["unchanged"] + result.counts()["changed"] == len(scenes)
    assert result.counts()["omitted"] == 0


def test_omitted_placeholder_in_the_new_draft_counts_as_omitted() -> None:
    old = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY", scene_number="1"),
            Element(ElementType.ACTION, "Marta peels onions."),
        )
    )
    new = Screenplay(elements=(Element(ElementType.SCENE_HEADING, "OMITTED", scene_number="1"),))
    [change] = compare(old, new).changes
    assert change.kind is ChangeKind.OMITTED
    assert change.marked == (0,)  # the OMITTED line carries the revision mark


def test_notes_and_synopses_are_not_revisions() -> None:
    script = _read(SCRIPTS / "short" / "the-last-birthday-card.fountain")
    scenes = split_scenes(script)
    bodies = [_body(script, s) for s in scenes]
    bodies[1].insert(1, Element(ElementType.NOTE, "check this with legal"))
    bodies[2].insert(1, Element(ElementType.SYNOPSIS, "Tension rises."))
    assert not compare(script, _rebuild(script, bodies, scenes[0].start)).revised


def test_a_scene_that_grew_a_long_speech_is_still_the_same_scene() -> None:
    script = _read(SCRIPTS / "short" / "the-last-birthday-card.fountain")
    scenes = split_scenes(script)
    bodies = [_body(script, s) for s in scenes]
    bodies[1] += [
        Element(ElementType.CHARACTER, "MAILMAN"),
        Element(ElementType.DIALOGUE, "Package for you, it came all the way from Lisbon. " * 12),
    ]
    result = compare(script, _rebuild(script, bodies, scenes[0].start))
    assert result.counts()["changed"] == 1
    assert result.counts()["added"] == result.counts()["omitted"] == 0


def test_revision_marks_and_revised_pages_in_the_pdf() -> None:
    import io

    import pdfplumber

    from mosaico.screenplay.paginate import Paper, paginate
    from mosaico.screenplay.pdf_out import RevisionMark, revised_pages, write_pdf

    script = _read(SCRIPTS / "short" / "the-last-birthday-card.fountain")
    scenes = split_scenes(script)
    bodies = [_body(script, s) for s in scenes]
    at = next(i for i, e in enumerate(bodies[-2]) if e.kind is ElementType.ACTION)
    bodies[-2][at] = replace(bodies[-2][at], text="Zebras gallop past the window.")
    new = _rebuild(script, bodies, scenes[0].start)
    marks = compare(script, new).marked_elements()
    assert len(marks) == 1
    layout = paginate(new, Paper.LETTER)
    pages = revised_pages(layout, marks)
    assert len(pages) == 1
    revision = RevisionMark("Blue", "2024-05-03")
    data = write_pdf(new, marks=marks, revision=revision, revised_only=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        text = page.extract_text()
        assert "Blue Revision — 2024-05-03" in text
        assert f"{pages[0]}." in text  # the page keeps its own number
        words = page.extract_words()
        zebra = next(w for w in words if w["text"] == "Zebras")
        stars = [w for w in words if w["text"] == "*"]
        assert len(stars) == 1
        assert abs(stars[0]["top"] - zebra["top"]) < 1  # on the changed line
        assert stars[0]["x0"] > 7.6 * 72  # in the right margin, past the text
        # The page is printed on blue paper (a pale tint of #dce8fb), the whole sheet.
        [sheet] = [r for r in page.rects if r["width"] >= page.width - 1]
        blue = tuple(round(c, 2) for c in sheet["non_stroking_color"])
        assert blue == (0.86, 0.91, 0.98)
    # The whole script with marks: same page count as without, one asterisk in all.
    with pdfplumber.open(io.BytesIO(write_pdf(new, marks=marks, title_page=False))) as pdf:
        assert len(pdf.pages) == layout.page_count
        assert sum(w["text"] == "*" for p in pdf.pages for w in p.extract_words()) == 1


def test_only_the_printed_lines_holding_changed_words_are_starred() -> None:
    from mosaico.screenplay.paginate import Paper, paginate
    from mosaico.screenplay.pdf_out import starred_lines
    from mosaico.screenplay.revisions import changed_words

    long = " ".join(f"word{n}" for n in range(60))  # about six printed lines
    old = Screenplay(
        elements=(
            Element(ElementType.SCENE_HEADING, "INT. KITCHEN - DAY"),
            Element(ElementType.ACTION, long),
        )
    )
    edited = long.replace("word55", "ZEBRA")
    new = replace(old, elements=(old.elements[0], Element(ElementType.ACTION, edited)))
    assert changed_words(long, edited) == (55,)
    assert changed_words(long, "Something else entirely.") is None  # rewritten
    result = compare(old, new)
    marks, words = result.marked_elements(), result.marked_words()
    assert marks == {1} and words == {1: frozenset({55})}
    layout = paginate(new, Paper.LETTER)
    starred = starred_lines(layout, marks, words)
    [(page, row)] = starred
    line = layout.pages[page - 1].lines[row]
    assert line is not None and "ZEBRA" in line.text
    # Without word detail every line of the paragraph is starred.
    action_lines = sum(
        1 for p in layout.pages for ln in p.lines if ln is not None and ln.element_index == 1
    )
    assert action_lines > 3
    assert len(starred_lines(layout, marks)) == action_lines


def test_curly_quotes_and_dashes_are_not_revisions() -> None:
    # The same script with typographic quotes (CONT’D, WILL’S): nothing to star.
    straight = _read(SCRIPTS / "full-length" / "big-fish.fountain")
    curly = _read(SCRIPTS / "full-length" / "big-fish.curly-quotes.fountain")
    assert straight.elements != curly.elements
    result = compare(straight, curly)
    assert not result.revised
    assert result.counts()["unchanged"] == len(split_scenes(straight))


def test_the_same_script_from_another_program_reads_unchanged() -> None:
    fountain = _read(SCRIPTS / "short" / "the-last-birthday-card.fountain")
    fdx = _read(SCRIPTS / "short" / "the-last-birthday-card.screenplain-export.fdx")
    assert not compare(fountain, fdx).revised


def test_each_repeated_cue_maps_to_its_own_paragraph() -> None:
    from mosaico.screenplay.revisions import paragraph_map

    def scene(*lines: str) -> Screenplay:
        elements = [Element(ElementType.SCENE_HEADING, "INT. COURT - DAY")]
        for line in lines:
            elements += [
                Element(ElementType.CHARACTER, "BARRAZA"),
                Element(ElementType.DIALOGUE, line),
            ]
        return Screenplay(elements=tuple(elements))

    old = scene("One.", "Two.", "Three.")
    new = scene("Zero.", "One.", "Two, again.", "Three.")
    mapping = paragraph_map(old, new, (0, len(old.elements)), (0, len(new.elements)))
    # Old cues at 1, 3, 5 are new cues 3, 5, 7 (a speech came in before them).
    assert [mapping[i] for i in (1, 3, 5)] == [3, 5, 7]
    assert mapping[4] == 6  # "Two." edited into "Two, again." in place
    assert mapping[0] == 0
