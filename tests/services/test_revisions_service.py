"""Revising an episode through the services, on SQLite and PostgreSQL: drafts compared,
locked numbers kept, omitted scenes restored, tags carried, bad input refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from conftest import SCRIPTS
from mosaico.errors import Conflict, NotFound, ScriptImportError, ValidationError
from mosaico.screenplay.io import ScriptFormat, read_script, write_script
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Element, ElementType, Screenplay
from mosaico.screenplay.scenes import split_scenes
from mosaico.services import productions, revisions, scripts
from mosaico.services.context import Workspace
from mosaico.store.tables import Base, Scene, Tag
from mosaico.store.tables import Element as BreakdownElement

CARD = SCRIPTS / "short" / "the-last-birthday-card.fountain"
GARAGE = [
    Element(ElementType.SCENE_HEADING, "INT. GARAGE - NIGHT"),
    Element(ElementType.ACTION, "A bicycle hangs from the ceiling like a sleeping bat."),
    Element(ElementType.CHARACTER, "MECHANIC"),
    Element(ElementType.DIALOGUE, "Chain's rusted through."),
]


def _script() -> Screenplay:
    return read_script(CARD.read_bytes(), CARD.name, Limits())


def _edit(
    script: Screenplay,
    *,
    drop: tuple[int, ...] = (),
    insert_after: int | None = None,
    append_to: int | None = None,
    text: str = " The kettle screams.",
) -> bytes:
    """The script with scenes (1-based) dropped, GARAGE put in, a line appended, as Fountain."""
    scenes = split_scenes(script)
    out = list(script.elements[: scenes[0].start])
    for scene in scenes:
        body = list(script.elements[scene.start : scene.end])
        if scene.index == append_to:
            at = next(i for i, e in enumerate(body) if e.kind is ElementType.ACTION)
            body[at] = replace(body[at], text=body[at].text + text)
        if scene.index not in drop:
            out.extend(body)
        if scene.index == insert_after:
            out.extend(GARAGE)
    return write_script(replace(script, elements=tuple(out)), ScriptFormat.FOUNTAIN)


def _counts(workspace: Workspace) -> dict[str, int]:
    with workspace.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _revise(workspace: Workspace, data: bytes, **kw: object) -> revisions.RevisionInfo:
    with workspace.transaction() as session:
        return revisions.revise(
            session=session,
            production=kw.pop("production", "demo"),  # type: ignore[arg-type]
            episode=kw.pop("episode", 1),  # type: ignore[arg-type]
            data=data,
            source=str(kw.pop("source", "draft-2.fountain")),
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            **kw,  # type: ignore[arg-type]
        )


def _rows(workspace: Workspace, production: str = "demo") -> list[Scene]:
    with workspace.transaction() as session:
        info = productions.get_or_raise(session=session, name=production)
        [version] = scripts.current_versions(session=session, production_id=info.id, episode=1)
        return list(
            session.scalars(
                select(Scene).where(Scene.script_version_id == version.id).order_by(Scene.position)
            )
        )


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    with workspace.transaction() as session:
        productions.create(session=session, name="demo", title="Demo")
        scripts.import_script(
            session=session,
            production="demo",
            data=CARD.read_bytes(),
            source=str(CARD),
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=1,
        )
    return workspace


def test_an_unlocked_revision_is_compared_and_stored_in_the_next_colour(demo: Workspace) -> None:
    script = _script()
    total = len(split_scenes(script))
    result = _revise(demo, _edit(script, drop=(4,), insert_after=6, append_to=10))
    assert result.counts == {
        "unchanged": total - 2, "changed": 1, "moved": 0, "added": 1, "omitted": 1,
    }  # fmt: skip
    assert (result.number, result.colour) == (1, "Blue")
    added = next(c for c in result.changes if c["kind"] == "added")
    assert added["new"]["heading"] == "INT. GARAGE - NIGHT"
    changed = next(c for c in result.changes if c["kind"] == "changed")
    assert any(op == "+" and line.endswith("The kettle screams.") for op, line in changed["diff"])
    # Unlocked: the new draft is stored as written, no placeholder for the dropped scene.
    assert len(_rows(demo)) == total
    second = _revise(demo, _edit(script, drop=(4, 5), insert_after=6), source="draft-3.fountain")
    assert (second.number, second.colour) == (2, "Pink")
    with demo.transaction() as session:
        listed = revisions.list_revisions(session=session, production="demo", episode=1)
        latest = revisions.get_revision(session=session, production="demo", episode=1)
        episodes = scripts.list_episodes(session=session, production="demo")
    assert [(r.number, r.colour) for r in listed] == [(1, "Blue"), (2, "Pink")]
    assert latest.number == 2 and latest.counts["omitted"] == 1 and latest.changes
    assert episodes[0].colour == "Pink"


def test_a_locked_episode_letters_new_scenes_and_keeps_omitted_ones(demo: Workspace) -> None:
    script = _script()
    total = len(split_scenes(script))
    with demo.transaction() as session:
        state = revisions.lock(session=session, production="demo", episode=1)
    assert state.locked and state.style == "12A"
    assert [r.number for r in _rows(demo)] == [str(n) for n in range(1, total + 1)]

    result = _revise(demo, _edit(script, drop=(4,), insert_after=6, append_to=10))
    rows = _rows(demo)
    assert len(rows) == total + 1  # the new scene, and scene 4 kept as OMITTED
    numbers = [r.number for r in rows]
    assert numbers[:8] == ["1", "2", "3", "4", "5", "6", "6A", "7"]
    assert rows[3].omitted and rows[3].heading == "OMITTED" and rows[3].eighths == 0
    assert rows[6].heading == "INT. GARAGE - NIGHT" and not rows[6].omitted
    assert result.counts["added"] == 1 and result.counts["omitted"] == 1
    # The stored text carries the locked numbers, so the export shows them.
    with demo.transaction() as session:
        text = scripts.export_script(
            session=session, production="demo", fmt=ScriptFormat.FOUNTAIN, episode=1
        ).decode()
    assert "#6A#" in text and "OMITTED #4#" in text

    # A later draft that again lacks scene 4 keeps it omitted; a new scene after 6A is 6B.
    _revise(
        demo,
        _edit(_reread(demo), drop=(), insert_after=7, text=""),
        source="draft-3.fountain",
    )
    numbers = [r.number for r in _rows(demo)]
    assert numbers[:9] == ["1", "2", "3", "4", "5", "6", "6A", "6B", "7"]

    with demo.transaction() as session:
        revisions.restore(session=session, production="demo", episode=1, number="4")
    rows = _rows(demo)
    assert not rows[3].omitted and rows[3].number == "4"
    assert rows[3].heading == split_scenes(script)[3].heading_text
    assert rows[3].eighths > 0


def _reread(workspace: Workspace) -> Screenplay:
    with workspace.transaction() as session:
        return scripts.load_screenplay(session=session, production="demo", episode=1)


def test_lock_styles_and_unlock(demo: Workspace) -> None:
    script = _script()
    with demo.transaction() as session:
        revisions.lock(session=session, production="demo", episode=1, style="A12")
    _revise(demo, _edit(script, insert_after=6))
    assert [r.number for r in _rows(demo)][5:8] == ["6", "A7", "7"]
    with demo.transaction() as session:
        state = revisions.unlock(session=session, production="demo", episode=1)
        assert not state.locked
        with pytest.raises(ValidationError, match="not locked"):
            revisions.unlock(session=session, production="demo", episode=1)
        with pytest.raises(ValidationError, match="not a numbering style"):
            revisions.lock(session=session, production="demo", episode=1, style="12-A")


def test_dry_run_shows_the_diff_and_stores_nothing(demo: Workspace) -> None:
    before = _counts(demo)
    result = _revise(demo, _edit(_script(), drop=(4,)), dry_run=True)
    assert result.dry_run and result.counts["omitted"] == 1 and result.to_version is None
    assert _counts(demo) == before


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (
            b'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action">',
            ScriptImportError,
            "draft",
        ),
        (b"Just a note to self, no scenes at all.\n", ValidationError, "no scene headings"),
    ],
)
def test_a_broken_draft_changes_nothing(
    demo: Workspace, data: bytes, error: type[Exception], message: str
) -> None:
    before = _counts(demo)
    with pytest.raises(error, match=message):
        _revise(demo, data, source="draft.fdx" if data.startswith(b"<") else "draft.fountain")
    assert _counts(demo) == before


def test_an_oversized_or_hostile_draft_is_refused_and_changes_nothing(demo: Workspace) -> None:
    from mosaico.errors import LimitExceeded

    before = _counts(demo)
    data = _edit(_script(), drop=(4,))
    with demo.transaction() as session, pytest.raises(LimitExceeded, match="over the limit"):
        revisions.revise(
            session=session, production="demo", episode=1, data=data, source="big.fountain",
            limits=replace(demo.settings.limits, max_bytes=len(data) - 1),
            files_dir=demo.settings.files_dir,
        )  # fmt: skip
    # An FDX with an entity bomb: XML entities are never expanded.
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<FinalDraft><Content><Paragraph Type="Scene Heading"><Text>&b;</Text></Paragraph>'
        b"</Content></FinalDraft>"
    )
    with pytest.raises(ScriptImportError):
        _revise(demo, bomb, source="bomb.fdx")
    assert _counts(demo) == before


def test_the_same_draft_twice_is_a_conflict_and_changes_nothing(demo: Workspace) -> None:
    data = _edit(_script(), drop=(4,))
    _revise(demo, data)
    before = _counts(demo)
    with pytest.raises(Conflict, match="already stored"):
        _revise(demo, data, source="again.fountain")
    assert _counts(demo) == before


def test_other_productions_and_missing_things_are_refused(demo: Workspace) -> None:
    with demo.transaction() as session:
        productions.create(session=session, name="other")
        scripts.import_script(
            session=session,
            production="other",
            data=(SCRIPTS / "short" / "brick-and-steel.fountain").read_bytes(),
            source="brick.fountain",
            limits=demo.settings.limits,
            files_dir=demo.settings.files_dir,
            episode=2,
        )
        info = productions.get_or_raise(session=session, name="other")
        [other_version] = scripts.current_versions(session=session, production_id=info.id)
        other_version_id = other_version.id
        revisions.lock(session=session, production="demo", episode=1)
    before = _counts(demo)
    data = _edit(_script(), drop=(4,))
    # Episode 2 belongs to "other": for "demo" it does not exist.
    with pytest.raises(NotFound, match="episode 2 not found in production 'demo'"):
        _revise(demo, data, episode=2)
    with pytest.raises(ValidationError, match="colour"):
        _revise(demo, data, colour="Mauve")
    with demo.transaction() as session:
        with pytest.raises(NotFound, match="script version"):
            revisions.changed_strips(
                session=session, production="demo", episode=1, since_version=other_version_id
            )
        with pytest.raises(ValidationError, match="scene 4 of episode 1 is not omitted"):
            revisions.restore(session=session, production="demo", episode=1, number="4")
        with pytest.raises(NotFound, match="scene '99'"):
            revisions.restore(session=session, production="demo", episode=1, number="99")
        with pytest.raises(NotFound, match="revision"):
            revisions.get_revision(session=session, production="demo", episode=1, number=3)
    assert _counts(demo) == before


def _tag(session: object, scene: Scene, screenplay: Screenplay, text: str, name: str) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    split = next(s for s in split_scenes(screenplay) if s.index == scene.position)
    for index in range(split.start, split.end):
        found = screenplay.elements[index].text.find(text)
        if found >= 0:
            break
    else:
        raise AssertionError(f"{text!r} not in scene {scene.position}")
    element = BreakdownElement(
        production_id=scene.production_id, category="props", name=name, key=name.lower()
    )
    session.add(element)
    session.flush()
    session.add(
        Tag(
            production_id=scene.production_id,
            scene_id=scene.id,
            element_id=element.id,
            source_element=index,
            source_start=found,
            source_end=found + len(text),
            source_text=text,
            confidence=1.0,
            origin="user",
            status="accepted",
        )
    )


def test_tags_follow_their_text_and_vanished_ones_are_flagged_for_review(demo: Workspace) -> None:
    script = _script()
    scenes = split_scenes(script)

    def actions_of(scene: object) -> list[int]:
        return [
            i
            for i in range(scene.start, scene.end)  # type: ignore[attr-defined]
            if script.elements[i].kind is ElementType.ACTION
        ]

    # A later scene with two action paragraphs: one tag on text that stays, one on text we cut.
    target = next(s for s in scenes[2:] if len(actions_of(s)) >= 2)
    actions = actions_of(target)
    kept_text = script.elements[actions[0]].text.split()[0]
    gone_paragraph = actions[-1]
    gone_text = script.elements[gone_paragraph].text.split()[-1].strip(".,")
    with demo.transaction() as session:
        rows = {
            r.position: r
            for r in session.scalars(select(Scene).where(Scene.production_id.isnot(None)))
        }
        _tag(session, rows[target.index], script, kept_text, "kept thing")
        _tag(session, rows[target.index], script, gone_text, "gone thing")
    elements = list(script.elements)
    elements[gone_paragraph] = replace(elements[gone_paragraph], text="Silence.")
    elements.insert(scenes[1].start, Element(ElementType.SCENE_HEADING, "EXT. ROOF - DAY"))
    elements.insert(scenes[1].start + 1, Element(ElementType.ACTION, "Wind."))
    draft = write_script(replace(script, elements=tuple(elements)), ScriptFormat.FOUNTAIN)
    result = _revise(demo, draft)
    assert (result.tags_carried, result.tags_review) == (2, 1)
    new_rows = _rows(demo)
    with demo.transaction() as session:
        stored = _reread(demo)
        tags = list(
            session.scalars(
                select(Tag).where(Tag.scene_id == new_rows[target.index].id).order_by(Tag.id)
            )
        )
    assert [t.status for t in tags] == ["accepted", "review"]
    kept = tags[0]
    assert kept.source_element is not None and kept.source_start is not None
    assert (
        stored.elements[kept.source_element].text[kept.source_start : kept.source_end] == kept_text
    )
    assert tags[1].source_element is None and tags[1].source_text == gone_text


def test_changed_strips_name_eighths_cast_and_set(demo: Workspace) -> None:
    script = _script()
    scenes = split_scenes(script)
    elements = list(script.elements)
    second = scenes[1]
    extra = [
        Element(ElementType.CHARACTER, "MAILMAN"),
        Element(ElementType.DIALOGUE, "Package for you. " * 30),
    ]
    elements[second.end : second.end] = extra
    draft = write_script(replace(script, elements=tuple(elements)), ScriptFormat.FOUNTAIN)
    _revise(demo, draft)
    with demo.transaction() as session:
        strips = revisions.changed_strips(session=session, production="demo", episode=1)
    by_position = {s.position: s for s in strips}
    strip = by_position[2]
    assert strip.key == "1-#2"
    assert strip.kind == "changed"
    assert strip.cast_added == ("MAILMAN",)
    assert strip.eighths_after is not None and strip.eighths_before is not None
    assert strip.eighths_after > strip.eighths_before
    assert not strip.set_changed
    assert 1 not in by_position  # scene 1 did not change at all


def test_a_restored_scene_gets_its_tags_back_where_its_text_is(demo: Workspace) -> None:
    script = _script()
    with demo.transaction() as session:
        revisions.lock(session=session, production="demo", episode=1)
    first = _reread(demo)
    rows = {r.position: r for r in _rows(demo)}
    word = next(
        e.text.split()[0]
        for s in split_scenes(first)
        if s.index == 4
        for e in first.elements[s.start + 1 : s.end]
        if e.kind is ElementType.ACTION
    )
    with demo.transaction() as session:
        _tag(session, rows[4], first, word, "restored thing")
    _revise(demo, _edit(script, drop=(4,), insert_after=1))
    with demo.transaction() as session:
        revisions.restore(session=session, production="demo", episode=1, number="4")
    restored = next(r for r in _rows(demo) if r.number == "4")
    stored = _reread(demo)
    with demo.transaction() as session:
        [tag] = session.scalars(select(Tag).where(Tag.scene_id == restored.id))
    assert tag.source_element is not None and tag.source_start is not None
    assert stored.elements[tag.source_element].text[tag.source_start : tag.source_end] == word
    assert tag.status == "accepted"


def test_schedule_impact_names_the_days_to_recheck(demo: Workspace) -> None:
    from mosaico.services import schedule

    solved = schedule.solve_schedule(demo, "demo", time_limit=3.0, workers=1)
    script = _script()
    scenes = split_scenes(script)
    elements = list(script.elements)
    elements[scenes[1].end : scenes[1].end] = [
        Element(ElementType.CHARACTER, "MAILMAN"),
        Element(ElementType.DIALOGUE, "Package for you. " * 30),
    ]
    elements.insert(scenes[5].start, Element(ElementType.SCENE_HEADING, "EXT. ROOF - DAY"))
    elements.insert(scenes[5].start + 1, Element(ElementType.ACTION, "Wind on the antennas."))
    _revise(demo, write_script(replace(script, elements=tuple(elements)), ScriptFormat.FOUNTAIN))
    with demo.transaction() as session:
        impact = revisions.schedule_impact(session=session, production="demo", episode=1)
    assert impact.schedule_version == solved.number
    day_of = {key: day.number for day in solved.schedule.days for key in day.strips}
    assert "1-#2" in day_of  # the schedule keys strips as changed_strips does
    assert [d.number for d in impact.days if "1-#2" in d.strips] == [day_of["1-#2"]]
    # The new scene is on no day yet; unnumbered scenes after it moved one position on,
    # so their strips are renamed and their days are re-checked too.
    assert impact.unscheduled == ("1-#6",)
    renamed = {s.key_before: s.key for s in impact.strips if s.renamed}
    assert renamed["1-#6"] == "1-#7"
    assert renamed[f"1-#{len(scenes)}"] == f"1-#{len(scenes) + 1}"
    rechecked = {key for day in impact.days for key in day.strips}
    assert {"1-#2", "1-#6", f"1-#{len(scenes)}"} <= rechecked
    assert "1-#1" not in rechecked


def test_with_locked_numbers_an_insert_renames_no_strip(demo: Workspace) -> None:
    with demo.transaction() as session:
        revisions.lock(session=session, production="demo", episode=1)
    _revise(demo, _edit(_script(), insert_after=5))
    with demo.transaction() as session:
        strips = revisions.changed_strips(session=session, production="demo", episode=1)
    assert [
        (s.key, s.key_before, s.kind) for s in strips if s.renamed or s.kind != "unchanged"
    ] == [("1-5A", None, "added")]


def test_marks_stay_on_their_lines_after_a_restore(demo: Workspace) -> None:
    with demo.transaction() as session:
        revisions.lock(session=session, production="demo", episode=1)
    _revise(demo, _edit(_script(), drop=(4,), append_to=10))

    def marked_texts() -> list[str]:
        stored = _reread(demo)
        with demo.transaction() as session:
            revision = revisions.get_revision(session=session, production="demo", episode=1)
        changed = next(c for c in revision.changes if c["kind"] == "changed")
        return [stored.elements[i].text for i in changed["marked"]]

    assert any(text.endswith("The kettle screams.") for text in marked_texts())
    with demo.transaction() as session:
        revisions.restore(session=session, production="demo", episode=1, number="4")
    assert any(text.endswith("The kettle screams.") for text in marked_texts())
    with demo.transaction() as session:
        pdf = revisions.revised_pdf(session=session, production="demo", episode=1)
    assert pdf.startswith(b"%PDF")
