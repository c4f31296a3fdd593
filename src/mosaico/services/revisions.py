"""Script revisions: a new draft compared with the current one, locked numbering,
omitted scenes restored, breakdown tags carried over, revised pages, changed strips.

Every function runs inside the caller's transaction and writes nothing before
everything that can fail on bad input has been checked, so a failed revision
leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mosaico.errors import Conflict, NotFound, ValidationError
from mosaico.screenplay.io import read_script, screenplay_from_data, screenplay_to_data
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import Screenplay
from mosaico.screenplay.numbering import (
    NumberingError,
    NumberStyle,
    Slot,
    apply_numbers,
    fill_numbers,
    first_numbers,
    splice,
)
from mosaico.screenplay.paginate import Paper, paginate
from mosaico.screenplay.pdf_out import RevisionMark, write_pdf
from mosaico.screenplay.revisions import (
    ChangeKind,
    Comparison,
    SceneChange,
    compare,
    paragraph_map,
)
from mosaico.screenplay.scenes import split_scenes
from mosaico.services import scripts
from mosaico.services.productions import get_or_raise
from mosaico.store.tables import (
    Character,
    Episode,
    EpisodeNumbering,
    Revision,
    Scene,
    SceneCharacter,
    ScriptVersion,
    Tag,
)

REVISION_COLOURS = scripts.REVISION_COLOURS


# --- what the shells show -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberingInfo:
    episode: int
    locked: bool
    style: str
    scenes: int
    omitted: int
    locked_at: datetime | None = None
    #: Numbers of the omitted scenes, in script order (each can be restored).
    omitted_numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """One revision of an episode; ``changes`` only when one revision is asked for."""

    episode: int
    number: int
    colour: str
    revision_date: date | None
    created_at: datetime | None
    counts: dict[str, int]
    tags_carried: int
    tags_review: int
    from_version: int | None
    to_version: int | None
    source_name: str = ""
    dry_run: bool = False
    changes: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StripChange:
    """What changed in one strip of the stripboard since an earlier draft.

    ``key`` is the strip's key now (for a strip gone, its old key); ``key_before`` the key
    the schedule knew it by (``None`` for a new scene). They differ when an unnumbered
    scene moved position: locked numbers keep keys stable.
    """

    key: str
    key_before: str | None
    episode: int
    number: str | None
    position: int | None
    kind: str
    eighths_before: int | None
    eighths_after: int | None
    cast_added: tuple[str, ...]
    cast_removed: tuple[str, ...]
    set_before: str | None
    set_after: str | None
    elements_added: tuple[str, ...]
    elements_removed: tuple[str, ...]

    @property
    def eighths_changed(self) -> bool:
        return self.eighths_before != self.eighths_after

    @property
    def set_changed(self) -> bool:
        return self.set_before != self.set_after

    @property
    def renamed(self) -> bool:
        return self.key_before is not None and self.key_before != self.key


# --- helpers ------------------------------------------------------------------------


def _episode(session: Session, production_id: int, production: str, number: int) -> Episode:
    episode = session.scalar(
        select(Episode).where(Episode.production_id == production_id, Episode.number == number)
    )
    if episode is None:
        raise NotFound("episode", number, production)
    return episode


def _current(session: Session, production_id: int, production: str, number: int) -> ScriptVersion:
    _episode(session, production_id, production, number)
    versions = scripts.current_versions(
        session=session, production_id=production_id, episode=number
    )
    if not versions:
        raise NotFound("script of episode", number, production)
    return versions[0]


def _screenplay(version: ScriptVersion) -> Screenplay:
    return screenplay_from_data(version.title_page, version.elements, version.tags)


def _numbering(session: Session, production_id: int, episode_id: int) -> EpisodeNumbering | None:
    return session.scalar(
        select(EpisodeNumbering).where(
            EpisodeNumbering.production_id == production_id,
            EpisodeNumbering.episode_id == episode_id,
        )
    )


def _style(value: str) -> NumberStyle:
    try:
        return NumberStyle(value.strip().upper())
    except ValueError:
        styles = ", ".join(style.value for style in NumberStyle)
        raise ValidationError(
            "style", f"{value[:20]!r} is not a numbering style ({styles})"
        ) from None


def next_colour(colour: str) -> str:
    """The colour after ``colour`` in the trade's order."""
    if colour not in REVISION_COLOURS:
        return REVISION_COLOURS[1]
    position = REVISION_COLOURS.index(colour)
    if position + 1 >= len(REVISION_COLOURS):
        raise ValidationError(
            "colour", f"{colour} is the last revision colour mosaico knows; name one with --colour"
        )
    return REVISION_COLOURS[position + 1]


def _change_data(change: SceneChange) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "old": asdict(change.old) if change.old else None,
        "new": asdict(change.new) if change.new else None,
        "similarity": change.similarity,
        "text_changed": change.text_changed,
        "diff": [[line.op.value, line.text] for line in change.diff],
        "marked": list(change.marked),
        "words": [[index, list(words)] for index, words in change.words],
    }


def _numbered_draft(
    old: Screenplay, new: Screenplay, style: NumberStyle
) -> tuple[Screenplay, Comparison, list[int | None]]:
    """``new`` with the locked numbers of ``old``: matched scenes keep theirs, new ones are
    lettered, scenes gone stay as ``OMITTED``. Returns it with its comparison to ``old``
    and, per scene of it, the scene's position in ``new`` (``None`` for a placeholder)."""
    first = compare(old, new)
    slots: list[Slot] = []
    numbers: list[str | None] = []
    for change in first.changes:
        if change.new is None:
            assert change.old is not None
            numbers.append(change.old.number)
            slots.append(Slot("", None, change.old.heading))
        else:
            numbers.append(change.old.number if change.old is not None else None)
            slots.append(Slot("", change.new.index))
    try:
        labels = fill_numbers(numbers, style)
        numbered = apply_numbers(
            new, [replace(slot, number=label) for slot, label in zip(slots, labels, strict=True)]
        )
    except NumberingError as exc:
        raise ValidationError("numbering", str(exc)) from exc
    return numbered, compare(old, numbered), [slot.new_index for slot in slots]


def _rewrite_scenes(
    session: Session,
    version: ScriptVersion,
    screenplay: Screenplay,
    source_positions: Sequence[int | None],
) -> dict[int, Scene]:
    """Store ``screenplay`` as the version's text and line its Scene rows up with it.

    ``source_positions`` gives, per scene of ``screenplay``, the position of the row
    that holds it now (``None``: an ``OMITTED`` placeholder gets a new row).
    Returns the rows by their new position.
    """
    rows = {
        row.position: row
        for row in session.scalars(
            select(Scene).where(
                Scene.script_version_id == version.id,
                Scene.production_id == version.production_id,
            )
        )
    }
    layout = paginate(screenplay, Paper.LETTER)
    scenes = split_scenes(screenplay)
    out: dict[int, Scene] = {}
    for scene, measure, source in zip(scenes, layout.scenes, source_positions, strict=True):
        row = rows.get(source) if source is not None else None
        if row is None:
            row = Scene(
                production_id=version.production_id,
                episode_id=version.episode_id,
                script_version_id=version.id,
                position=scene.index,
                heading=scene.heading_text,
                int_ext=scene.heading.int_ext.value,
                set_name=scene.heading.set_name[:300],
                time_of_day=scene.heading.time_of_day.value,
                eighths=0,
                page=measure.page,
                omitted=True,
            )
            session.add(row)
        row.position = scene.index
        row.heading = scene.heading_text
        row.int_ext = scene.heading.int_ext.value
        row.set_name = scene.heading.set_name[:300]
        row.time_of_day = scene.heading.time_of_day.value
        row.synopsis = scene.synopsis
        row.number = scene.number[:16] if scene.number else None
        row.page = measure.page
        row.omitted = scene.omitted
        row.eighths = 0 if scene.omitted else measure.eighths.value
        out[scene.index] = row
    stored = screenplay_to_data(screenplay)
    version.elements = stored["elements"]
    version.tags = stored["tags"]  # a file's own tags follow their paragraphs
    version.page_count = layout.page_count
    version.total_eighths = sum(r.eighths for r in out.values())
    session.flush()
    return out


def _carry_tags(
    session: Session,
    production_id: int,
    comparison: Comparison,
    old: Screenplay,
    new: Screenplay,
    old_rows: dict[int, Scene],
    new_rows: dict[int, Scene],
) -> tuple[int, int]:
    """Copy the breakdown tags of each matched scene to its new row.

    A tag that marks a stretch of text follows the text: to the same paragraph
    when it is still there, else to the paragraph of the scene that now holds it.
    When the text is gone the tag is kept for the scene but flagged ``review``.
    Rejected tags are carried too, so a rejected find stays rejected.
    """
    pairs = {
        old_rows[c.old.index].id: new_rows[c.new.index]
        for c in comparison.changes
        if c.old is not None
        and c.new is not None
        and c.kind is not ChangeKind.OMITTED
        and c.old.index in old_rows
        and c.new.index in new_rows
    }
    if not pairs:
        return 0, 0
    old_spans = {scene.index: (scene.start, scene.end) for scene in split_scenes(old)}
    new_spans = {scene.index: (scene.start, scene.end) for scene in split_scenes(new)}
    positions = {row.id: row.position for row in old_rows.values()}
    maps: dict[int, dict[int, int]] = {}
    carried = review = 0
    for tag in session.scalars(
        select(Tag)
        .where(Tag.production_id == production_id, Tag.scene_id.in_(list(pairs)))
        .order_by(Tag.id)
    ):
        target = pairs[tag.scene_id]
        span = new_spans[target.position]
        if tag.scene_id not in maps:
            maps[tag.scene_id] = paragraph_map(old, new, old_spans[positions[tag.scene_id]], span)
        place = _follow(tag, old, new, span, maps[tag.scene_id])
        status = tag.status
        if place is None and tag.source_text:
            status = "review"
            review += 1
        session.add(
            Tag(
                production_id=production_id,
                scene_id=target.id,
                element_id=tag.element_id,
                source_element=place[0] if place else None,
                source_start=place[1] if place else None,
                source_end=place[2] if place else None,
                source_text=tag.source_text,
                confidence=tag.confidence,
                origin=tag.origin,
                status=status,
                count=tag.count,
            )
        )
        carried += 1
    session.flush()
    return carried, review


def _follow(
    tag: Tag,
    old: Screenplay,
    new: Screenplay,
    span: tuple[int, int],
    paragraphs: dict[int, int],
) -> tuple[int, int, int] | None:
    """Where a tag's text is in the new scene, or None when it is gone."""
    text = tag.source_text
    if not text or tag.source_element is None or tag.source_start is None:
        return None
    start, end = span
    # Its own paragraph first (found through the scene's diff), at the same place when the
    # text there is unchanged, else wherever the paragraph now holds it.
    mapped = paragraphs.get(tag.source_element)
    if mapped is not None:
        paragraph = new.elements[mapped].text
        if paragraph[tag.source_start : tag.source_start + len(text)] == text:
            return mapped, tag.source_start, tag.source_start + len(text)
        found = paragraph.find(text)
        if found >= 0:
            return mapped, found, found + len(text)
    for index in range(start, end):
        found = new.elements[index].text.find(text)
        if found >= 0:
            return index, found, found + len(text)
    return None


def _rows_by_position(session: Session, version: ScriptVersion) -> dict[int, Scene]:
    return {
        row.position: row
        for row in session.scalars(
            select(Scene).where(
                Scene.script_version_id == version.id,
                Scene.production_id == version.production_id,
            )
        )
    }


# --- revise -------------------------------------------------------------------------


def revise(
    *,
    session: Session,
    production: str,
    episode: int,
    data: bytes,
    source: str,
    limits: Limits,
    files_dir: Path,
    colour: str | None = None,
    revision_date: date | None = None,
    dry_run: bool = False,
) -> RevisionInfo:
    """Import a new draft of an episode and record what changed, all or nothing.

    The draft is compared with the current one; on a locked episode it takes the
    locked numbers (new scenes lettered, scenes gone kept as ``OMITTED``); a
    ``Revision`` is stored with the next colour in the trade's order (or
    ``colour``), and the breakdown tags of matched scenes are carried over.
    ``dry_run`` compares and numbers but stores nothing.
    """
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    current = _current(session, info.id, production, episode)
    if colour is not None and colour not in REVISION_COLOURS:
        raise ValidationError(
            "colour", f"{colour!r} is not a revision colour ({', '.join(REVISION_COLOURS[:11])}…)"
        )
    chosen = colour or next_colour(current.colour)
    old = _screenplay(current)
    new = read_script(data, source, limits)  # a broken draft stops here, nothing written
    if not split_scenes(new):
        raise ValidationError("file", f"{Path(source).name}: the draft has no scene headings")
    numbering = _numbering(session, info.id, target.id)
    locked = numbering is not None and numbering.locked
    if locked:
        assert numbering is not None
        stored, comparison, sources = _numbered_draft(old, new, _style(numbering.style))
    else:
        stored, comparison = new, compare(old, new)
    number = (
        session.scalar(
            select(func.count()).select_from(Revision).where(Revision.episode_id == target.id)
        )
        or 0
    ) + 1
    result = RevisionInfo(
        episode=episode,
        number=number,
        colour=chosen,
        revision_date=revision_date,
        created_at=None,
        counts=comparison.counts(),
        tags_carried=0,
        tags_review=0,
        from_version=current.id,
        to_version=None,
        source_name=Path(source).name,
        dry_run=dry_run,
        changes=[_change_data(change) for change in comparison.changes],
    )
    if dry_run:
        return result

    imported = scripts.import_script(
        session=session,
        production=production,
        data=data,
        source=source,
        limits=limits,
        files_dir=files_dir,
        episode=episode,
        colour=chosen,
        script_date=revision_date,
    )
    if imported.already_imported:
        raise Conflict(
            f"{Path(source).name} is already stored for episode {episode}; "
            "a revision needs a changed draft"
        )
    version = _current(session, info.id, production, episode)
    old_rows = _rows_by_position(session, current)
    if locked:
        # The imported rows hold the draft's own scenes; put the placeholders among them.
        new_rows = _rewrite_scenes(session, version, stored, sources)
    else:
        new_rows = _rows_by_position(session, version)
    carried, review = _carry_tags(session, info.id, comparison, old, stored, old_rows, new_rows)
    row = Revision(
        production_id=info.id,
        episode_id=target.id,
        number=number,
        from_version_id=current.id,
        to_version_id=version.id,
        colour=chosen,
        revision_date=revision_date,
        counts=result.counts,
        changes=result.changes,
        tags_carried=carried,
        tags_review=review,
    )
    session.add(row)
    session.flush()
    return replace(
        result,
        created_at=row.created_at,
        to_version=version.id,
        tags_carried=carried,
        tags_review=review,
    )


# --- locked numbering ---------------------------------------------------------------


def numbering(*, session: Session, production: str, episode: int) -> NumberingInfo:
    """Whether the episode's numbering is locked, its style, its scenes and omitted ones."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    current = _current(session, info.id, production, episode)
    return _numbering_info(session, target, current, _numbering(session, info.id, target.id))


def _numbering_info(
    session: Session, target: Episode, current: ScriptVersion, row: EpisodeNumbering | None
) -> NumberingInfo:
    rows = [row for _, row in sorted(_rows_by_position(session, current).items())]
    return NumberingInfo(
        episode=target.number,
        locked=bool(row and row.locked),
        style=row.style if row else NumberStyle.SUFFIX.value,
        scenes=len(rows),
        omitted=sum(1 for r in rows if r.omitted),
        locked_at=row.locked_at if row and row.locked else None,
        omitted_numbers=tuple(r.number or f"#{r.position}" for r in rows if r.omitted),
    )


def lock(
    *, session: Session, production: str, episode: int, style: str = NumberStyle.SUFFIX.value
) -> NumberingInfo:
    """Lock an episode's scene numbers (numbering its scenes first when they have none).

    From now on a new draft keeps these numbers; inserted scenes are lettered in
    ``style`` (12A, 12AA or A12). Locking a locked episode again changes its style.
    """
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    chosen = _style(style)
    current = _current(session, info.id, production, episode)
    screenplay = _screenplay(current)
    scenes = split_scenes(screenplay)
    if not scenes:
        raise ValidationError("episode", f"episode {episode} has no scenes to number")
    given = [scene.number.strip().upper() if scene.number else None for scene in scenes]
    seen: dict[str, int] = {}
    for scene, number in zip(scenes, given, strict=True):
        if number is None:
            continue
        if number in seen:
            raise ValidationError(
                "numbering",
                f"scenes {seen[number]} and {scene.index} both carry number {number}; "
                "a locked script needs every number once",
            )
        seen[number] = scene.index
    try:
        numbers = first_numbers(len(scenes)) if not seen else fill_numbers(given, chosen)
    except NumberingError as exc:
        raise ValidationError("numbering", str(exc)) from exc
    if numbers != [scene.number for scene in scenes]:
        numbered = apply_numbers(
            screenplay, [Slot(n, scene.index) for n, scene in zip(numbers, scenes, strict=True)]
        )
        _rewrite_scenes(session, current, numbered, [scene.index for scene in scenes])
    row = _numbering(session, info.id, target.id)
    if row is None:
        row = EpisodeNumbering(production_id=info.id, episode_id=target.id)
        session.add(row)
    row.locked = True
    row.style = chosen.value
    row.locked_at = datetime.now(UTC)
    row.locked_version_id = current.id
    session.flush()
    return _numbering_info(session, target, current, row)


def unlock(*, session: Session, production: str, episode: int) -> NumberingInfo:
    """Unlock an episode's numbering: later drafts keep whatever numbers they carry."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    current = _current(session, info.id, production, episode)
    row = _numbering(session, info.id, target.id)
    if row is None or not row.locked:
        raise ValidationError("episode", f"the numbering of episode {episode} is not locked")
    row.locked = False
    row.locked_at = None
    session.flush()
    return _numbering_info(session, target, current, row)


def restore(*, session: Session, production: str, episode: int, number: str) -> NumberingInfo:
    """Bring an omitted scene back with the text, cast and breakdown tags it had in the last
    draft that held it."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    current = _current(session, info.id, production, episode)
    wanted = number.strip().upper()
    rows = _rows_by_position(session, current)
    row = next((r for r in rows.values() if (r.number or "").upper() == wanted), None)
    if row is None:
        raise NotFound("scene", number, production)
    if not row.omitted:
        raise ValidationError(
            "scene",
            f"scene {row.number} of episode {episode} is not omitted; "
            "only an omitted scene can be restored",
        )
    earlier = session.scalars(
        select(ScriptVersion)
        .where(
            ScriptVersion.production_id == info.id,
            ScriptVersion.episode_id == target.id,
            ScriptVersion.id < current.id,
        )
        .order_by(ScriptVersion.id.desc())
    )
    for version in earlier:
        old = _screenplay(version)
        found = next(
            (s for s in split_scenes(old) if (s.number or "").upper() == wanted and not s.omitted),
            None,
        )
        if found is not None:
            break
    else:
        raise ValidationError(
            "scene", f"scene {row.number} has no earlier draft with its text to restore"
        )
    screenplay = _screenplay(current)
    placeholder = next(s for s in split_scenes(screenplay) if s.index == row.position)
    body = [
        replace(old.elements[found.start], scene_number=row.number),
        *old.elements[found.start + 1 : found.end],
    ]
    restored = splice(screenplay, placeholder.start, placeholder.end, body)
    _rewrite_scenes(session, current, restored, sorted(rows))
    _shift_marks(session, info.id, current.id, placeholder.start, placeholder.end, len(body))
    old_row = session.scalar(
        select(Scene).where(
            Scene.script_version_id == version.id,
            Scene.production_id == info.id,
            Scene.position == found.index,
        )
    )
    if old_row is not None:
        # The scene's breakdown comes back too, its tags moved to where the text now is.
        shift = placeholder.start - found.start
        for tag in session.scalars(
            select(Tag).where(Tag.production_id == info.id, Tag.scene_id == old_row.id)
        ):
            session.add(
                Tag(
                    production_id=info.id,
                    scene_id=row.id,
                    element_id=tag.element_id,
                    source_element=(
                        tag.source_element + shift if tag.source_element is not None else None
                    ),
                    source_start=tag.source_start,
                    source_end=tag.source_end,
                    source_text=tag.source_text,
                    confidence=tag.confidence,
                    origin=tag.origin,
                    status=tag.status,
                    count=tag.count,
                )
            )
        for link in session.scalars(
            select(SceneCharacter).where(SceneCharacter.scene_id == old_row.id)
        ):
            session.add(
                SceneCharacter(
                    scene_id=row.id,
                    character_id=link.character_id,
                    production_id=info.id,
                    speaking=link.speaking,
                )
            )
    session.flush()
    return _numbering_info(session, target, current, _numbering(session, info.id, target.id))


def _shift_marks(
    session: Session, production_id: int, version_id: int, start: int, end: int, size: int
) -> None:
    """Keep the marks of revisions that made ``version_id`` on their paragraphs after
    elements ``[start, end)`` became ``size`` new ones (all of which carry a mark)."""

    def moved(index: int) -> list[int]:
        if index >= end:
            return [index + size - (end - start)]
        if index >= start:
            return list(range(start, start + size))
        return [index]

    for revision in session.scalars(
        select(Revision).where(
            Revision.production_id == production_id, Revision.to_version_id == version_id
        )
    ):
        changes = []
        for change in revision.changes:
            marked = sorted({new for index in change["marked"] for new in moved(index)})
            words = [
                [moved(index)[0], found]
                for index, found in change.get("words", [])
                if not start <= index < end
            ]
            changes.append({**change, "marked": marked, "words": words})
        revision.changes = changes  # a new list: JSON columns are not watched in place


# --- revisions stored -----------------------------------------------------------------


def _revision_info(session: Session, row: Revision, episode: int, full: bool) -> RevisionInfo:
    version = session.get(ScriptVersion, row.to_version_id)
    return RevisionInfo(
        episode=episode,
        number=row.number,
        colour=row.colour,
        revision_date=row.revision_date,
        created_at=row.created_at,
        counts=dict(row.counts),
        tags_carried=row.tags_carried,
        tags_review=row.tags_review,
        from_version=row.from_version_id,
        to_version=row.to_version_id,
        source_name=version.source_name if version else "",
        changes=list(row.changes) if full else [],
    )


def list_revisions(*, session: Session, production: str, episode: int) -> list[RevisionInfo]:
    """The episode's revisions, oldest first, without their diffs."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    rows = session.scalars(
        select(Revision)
        .where(Revision.production_id == info.id, Revision.episode_id == target.id)
        .order_by(Revision.number)
    )
    return [_revision_info(session, row, episode, full=False) for row in rows]


def get_revision(
    *, session: Session, production: str, episode: int, number: int | None = None
) -> RevisionInfo:
    """One revision with its scene-by-scene changes (the latest when ``number`` is None)."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    query = select(Revision).where(
        Revision.production_id == info.id, Revision.episode_id == target.id
    )
    if number is None:
        row = session.scalar(query.order_by(Revision.number.desc()).limit(1))
    else:
        row = session.scalar(query.where(Revision.number == number))
    if row is None:
        raise NotFound("revision", number if number is not None else "any", production)
    return _revision_info(session, row, episode, full=True)


# --- what the schedule needs to know ------------------------------------------------


def changed_strips(
    *, session: Session, production: str, episode: int, since_version: int | None = None
) -> list[StripChange]:
    """Strips whose eighths, cast, set or breakdown elements changed since a script version.

    ``since_version`` is a script version id of the episode; by default the version
    the current one replaced. Strips are keyed as the schedule keys them
    (``services.schedule.strip_key``); unchanged strips are left out.
    """
    from mosaico.services.schedule import strip_key  # the schedule area owns strip keys

    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    current = _current(session, info.id, production, episode)
    query = select(ScriptVersion).where(
        ScriptVersion.production_id == info.id, ScriptVersion.episode_id == target.id
    )
    if since_version is None:
        before = session.scalar(
            query.where(ScriptVersion.id < current.id).order_by(ScriptVersion.id.desc()).limit(1)
        )
        if before is None:
            return []
    else:
        before = session.scalar(query.where(ScriptVersion.id == since_version))
        if before is None:
            raise NotFound("script version", since_version, production)
    comparison = compare(_screenplay(before), _screenplay(current))
    old_rows = _rows_by_position(session, before)
    new_rows = _rows_by_position(session, current)
    ids = [r.id for r in (*old_rows.values(), *new_rows.values())]
    cast: dict[int, set[str]] = {i: set() for i in ids}
    for scene_id, name in session.execute(
        select(SceneCharacter.scene_id, Character.name)
        .join(Character, Character.id == SceneCharacter.character_id)
        .where(SceneCharacter.production_id == info.id, SceneCharacter.scene_id.in_(ids))
    ):
        cast[scene_id].add(name)
    elements: dict[int, set[str]] = {i: set() for i in ids}
    from mosaico.store.tables import Element

    for scene_id, category, name in session.execute(
        select(Tag.scene_id, Element.category, Element.name)
        .join(Element, Element.id == Tag.element_id)
        .where(Tag.production_id == info.id, Tag.scene_id.in_(ids), Tag.status != "rejected")
    ):
        elements[scene_id].add(f"{category}: {name}")
    out: list[StripChange] = []
    for change in comparison.changes:
        old_row = old_rows.get(change.old.index) if change.old else None
        new_row = new_rows.get(change.new.index) if change.new else None
        new_row_live = None if new_row is not None and new_row.omitted else new_row
        old_live = old_row if old_row is not None and not old_row.omitted else None
        before_cast = cast[old_live.id] if old_live else set()
        after_cast = cast[new_row_live.id] if new_row_live else set()
        before_el = elements[old_live.id] if old_live else set()
        after_el = elements[new_row_live.id] if new_row_live else set()
        shown = new_row if new_row is not None else old_row
        number = shown.number if shown is not None else None
        position = shown.position if shown is not None else 0
        strip = StripChange(
            key=strip_key(episode, number, position),
            key_before=strip_key(episode, old_live.number, old_live.position) if old_live else None,
            episode=episode,
            number=number,
            position=new_row.position if new_row is not None else None,
            kind=change.kind.value,
            eighths_before=old_live.eighths if old_live else None,
            eighths_after=new_row_live.eighths if new_row_live else None,
            cast_added=tuple(sorted(after_cast - before_cast)),
            cast_removed=tuple(sorted(before_cast - after_cast)),
            set_before=_set_of(old_live),
            set_after=_set_of(new_row_live),
            elements_added=tuple(sorted(after_el - before_el)),
            elements_removed=tuple(sorted(before_el - after_el)),
        )
        if (
            change.kind is not ChangeKind.UNCHANGED
            or strip.eighths_changed
            or strip.set_changed
            or strip.cast_added
            or strip.cast_removed
            or strip.elements_added
            or strip.elements_removed
            or strip.renamed
        ):
            out.append(strip)
    return out


def _set_of(row: Scene | None) -> str | None:
    if row is None:
        return None
    return " ".join(part for part in (row.int_ext, row.set_name, row.time_of_day) if part)


# --- revised pages ------------------------------------------------------------------


def revised_pdf(
    *,
    session: Session,
    production: str,
    episode: int,
    number: int | None = None,
    paper: Paper = Paper.LETTER,
    revised_only: bool = True,
) -> bytes:
    """The draft a revision made, as a PDF with its changed lines starred: only the revised
    pages (tinted, headed with colour and date) or the whole script."""
    info = get_or_raise(session=session, name=production)
    target = _episode(session, info.id, production, episode)
    revision = get_revision(session=session, production=production, episode=episode, number=number)
    version = session.get(ScriptVersion, revision.to_version)
    if version is None or version.production_id != info.id or version.episode_id != target.id:
        raise NotFound("script version", revision.to_version, production)
    marks = frozenset(index for change in revision.changes for index in change["marked"])
    words = {
        int(index): frozenset(found)
        for change in revision.changes
        for index, found in change.get("words", [])
    }
    if revised_only and not marks:
        raise ValidationError(
            "revision", f"revision {revision.number} of episode {episode} changes no printed line"
        )
    when = revision.revision_date or (revision.created_at.date() if revision.created_at else None)
    mark = RevisionMark(revision.colour, when.isoformat() if when else "")
    return write_pdf(
        _screenplay(version),
        paper,
        marks=marks,
        revision=mark,
        revised_only=revised_only,
        marked_words=words,
    )


@dataclass(frozen=True, slots=True)
class AffectedDay:
    """A shooting day of a schedule version that holds a strip the new draft changed."""

    number: int
    date: date
    strips: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScheduleImpact:
    """Where an episode's changed strips fall in a schedule version: the days to re-check,
    and the strips no day holds yet (new scenes, or scenes renumbered)."""

    schedule_version: int
    days: tuple[AffectedDay, ...]
    unscheduled: tuple[str, ...]
    strips: tuple[StripChange, ...]


def schedule_impact(
    *,
    session: Session,
    production: str,
    episode: int,
    since_version: int | None = None,
    schedule_version: int | None = None,
) -> ScheduleImpact:
    """The days of a schedule version (the latest by default) that hold a strip whose
    eighths, cast, set, elements or key changed since ``since_version`` (see
    ``changed_strips``), and the new strips no day holds."""
    from mosaico.services import schedule as schedules  # loads the solver: only when asked

    strips = changed_strips(
        session=session, production=production, episode=episode, since_version=since_version
    )
    version = schedules.get_version(session, production, schedule_version)
    # The schedule was solved on the earlier draft: its strips carry the earlier keys.
    keys = {strip.key_before for strip in strips if strip.key_before is not None}
    days = tuple(
        AffectedDay(day.number, day.date, tuple(key for key in day.strips if key in keys))
        for day in version.schedule.days
        if keys.intersection(day.strips)
    )
    unscheduled = tuple(strip.key for strip in strips if strip.key_before is None)
    return ScheduleImpact(version.number, days, unscheduled, tuple(strips))
