"""Breakdown JSON API: the breakdown, the tagger run, tags, elements, links and categories.

Everything lives under ``/api/productions/{slug}/breakdown``. Changes to stored
rows carry the ``version`` the client read; a stale one answers 409. The HTML
pages are ``breakdown_pages.py``'s.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from pydantic import BaseModel, Field

from mosaico.errors import ValidationError
from mosaico.services import breakdown
from mosaico.web.deps import SessionDep, WorkspaceDep
from mosaico.web.routes.scripts import read_upload
from mosaico.web.schemas import ERRORS

router = APIRouter()
api = APIRouter(prefix="/api/productions", tags=["breakdown"], responses=ERRORS)

_BASE = "/{slug}/breakdown"


class SceneElementsOut(BaseModel):
    episode: int
    index: int = Field(description="Position of the scene in its episode's script, from 1.")
    number: str | None
    heading: str
    elements: dict[str, list[Any]] = Field(
        description="Element names per category key (cast, background as {name, count}, props…)."
    )


class AutoOut(BaseModel):
    episodes: int
    scenes: int
    added: int = Field(description="Tags proposed by this run.")
    kept: int = Field(description="Tags found again and left as they were.")
    dropped: int = Field(description="Proposed tags the tagger no longer finds, removed.")
    elements_added: int


class TagOut(BaseModel):
    id: int
    scene_id: int
    element_id: int
    category: str
    name: str
    source_element: int | None = Field(description="Index of the script element tagged.")
    source_start: int | None
    source_end: int | None
    source_text: str | None
    confidence: float
    origin: str = Field(description="auto, user or fdx.")
    status: str = Field(description="proposed, accepted, rejected or review.")
    count: int | None
    version: int


class SceneDetailOut(BaseModel):
    scene_id: int
    episode: int
    index: int
    number: str | None
    heading: str
    tags: list[TagOut] = Field(description="Every tag of the scene, rejected ones included.")
    elements: dict[str, list[Any]] = Field(description="What the scene shows, links applied.")


class ElementOut(BaseModel):
    id: int
    category: str
    name: str
    key: str
    notes: str
    photos: list[str] = Field(description="SHA-256 digests of stored photos.")
    department: str
    minor: bool
    age: int | None
    count: int | None
    version: int
    scenes: int = Field(description="Current scenes the element is tagged in.")


class ElementSceneOut(BaseModel):
    scene_id: int
    episode: int
    index: int
    number: str | None
    heading: str


class ElementDetailOut(BaseModel):
    element: ElementOut
    scenes: list[ElementSceneOut]
    links: list[int] = Field(description="Elements this one brings to its scenes.")
    linked_by: list[int] = Field(description="Elements that bring this one.")


class ElementIn(BaseModel):
    version: int = Field(description="The version read; a stale one is a conflict.")
    name: str | None = Field(default=None, max_length=300)
    notes: str | None = Field(default=None, max_length=20_000)
    department: str | None = Field(default=None, max_length=80)
    photos: list[str] | None = Field(default=None, max_length=50)
    minor: bool | None = None
    age: int | None = None
    count: int | None = None


class MergeIn(BaseModel):
    keep_id: int
    merge_ids: list[int] = Field(min_length=1, max_length=500)
    across_categories: bool = False


class LinkIn(BaseModel):
    anchor_id: int
    linked_id: int


class LinkOut(BaseModel):
    anchor_id: int
    linked_id: int


class SourceIn(BaseModel):
    element: int = Field(description="Index of the script element (as in the scene's tags).")
    start: int
    end: int


class TagIn(BaseModel):
    scene_id: int
    category: str = Field(max_length=40)
    name: str = Field(max_length=300)
    source: SourceIn | None = None
    count: int | None = None


class TagChangeIn(BaseModel):
    version: int = Field(description="The version read; a stale one is a conflict.")
    status: str | None = Field(default=None, description="proposed, accepted, rejected, review.")
    category: str | None = Field(default=None, max_length=40, description="Re-categorise.")


class CategoryOut(BaseModel):
    key: str
    name_en: str
    name_es: str
    colour: str
    position: int
    custom: bool = Field(description="Made or changed by the production.")
    version: int | None = Field(description="null for a default the production has not changed.")


class CategoryIn(BaseModel):
    key: str = Field(max_length=40, examples=["drones"])
    name_en: str = Field(max_length=80)
    name_es: str | None = Field(default=None, max_length=80)
    colour: str = Field(default="#808080", examples=["#336699"])
    position: int | None = None


class CategoryChangeIn(BaseModel):
    version: int | None = Field(description="The version read (null for an unchanged default).")
    name_en: str | None = Field(default=None, max_length=80)
    name_es: str | None = Field(default=None, max_length=80)
    colour: str | None = None
    position: int | None = None


def _tag(info: breakdown.TagInfo) -> TagOut:
    return TagOut(**asdict(info))


def _element(info: breakdown.ElementInfo) -> ElementOut:
    return ElementOut(**asdict(info))


@api.get(
    _BASE,
    response_model=list[SceneElementsOut],
    summary="The breakdown of every scene (stored, or computed when none is stored)",
)
def show(
    slug: str,
    session: SessionDep,
    episode: Annotated[int | None, Query(ge=1, description="Only this episode.")] = None,
) -> list[SceneElementsOut]:
    rows = breakdown.show_rows(session=session, production=slug, episode=episode)
    return [SceneElementsOut(**asdict(row)) for row in rows]


@api.post(f"{_BASE}/auto", response_model=AutoOut, summary="Run the tagger and store its finds")
def run_auto(
    slug: str,
    session: SessionDep,
    episode: Annotated[int | None, Query(ge=1, description="Only this episode.")] = None,
) -> AutoOut:
    summary = breakdown.run_auto(session=session, production=slug, episode=episode)
    return AutoOut(**asdict(summary))


@api.get(
    f"{_BASE}/episodes/{{episode}}/scenes/{{index}}",
    response_model=SceneDetailOut,
    summary="One scene's tags and elements",
)
def scene(slug: str, episode: int, index: int, session: SessionDep) -> SceneDetailOut:
    detail = breakdown.scene_breakdown(
        session=session, production=slug, episode=episode, index=index
    )
    return SceneDetailOut(
        scene_id=detail.scene_id,
        episode=detail.episode,
        index=detail.index,
        number=detail.number,
        heading=detail.heading,
        tags=[_tag(tag) for tag in detail.tags],
        elements=detail.elements,
    )


@api.post(
    f"{_BASE}/tags",
    response_model=TagOut,
    status_code=status.HTTP_201_CREATED,
    summary="Tag an element in a scene",
)
def add_tag(slug: str, body: TagIn, session: SessionDep) -> TagOut:
    source = (body.source.element, body.source.start, body.source.end) if body.source else None
    info = breakdown.add_tag(
        session=session,
        production=slug,
        scene_id=body.scene_id,
        category=body.category,
        name=body.name,
        source=source,
        count=body.count,
    )
    return _tag(info)


@api.patch(
    f"{_BASE}/tags/{{tag_id}}", response_model=TagOut, summary="Accept, reject, re-categorise"
)
def change_tag(slug: str, tag_id: int, body: TagChangeIn, session: SessionDep) -> TagOut:
    if body.status is None and body.category is None:
        raise ValidationError("body", "give a status, a category or both")
    version = body.version
    info: breakdown.TagInfo | None = None
    if body.category is not None:
        info = breakdown.recategorise_tag(
            session=session, production=slug, tag_id=tag_id, category=body.category, version=version
        )
        version = info.version
    if body.status is not None:
        info = breakdown.set_tag_status(
            session=session, production=slug, tag_id=tag_id, status=body.status, version=version
        )
    assert info is not None
    return _tag(info)


@api.get(f"{_BASE}/elements", response_model=list[ElementOut], summary="The production's elements")
def list_elements(
    slug: str,
    session: SessionDep,
    category: Annotated[str | None, Query(max_length=40, description="Only this category.")] = None,
) -> list[ElementOut]:
    items = breakdown.list_elements(session=session, production=slug, category=category)
    return [_element(item) for item in items]


@api.get(
    f"{_BASE}/elements/{{element_id}}",
    response_model=ElementDetailOut,
    summary="One element, its scenes and links",
)
def get_element(slug: str, element_id: int, session: SessionDep) -> ElementDetailOut:
    detail = breakdown.get_element(session=session, production=slug, element_id=element_id)
    return ElementDetailOut(
        element=_element(detail.element),
        scenes=[ElementSceneOut(**asdict(place)) for place in detail.scenes],
        links=list(detail.links),
        linked_by=list(detail.linked_by),
    )


@api.patch(
    f"{_BASE}/elements/{{element_id}}", response_model=ElementOut, summary="Change an element"
)
def update_element(slug: str, element_id: int, body: ElementIn, session: SessionDep) -> ElementOut:
    info = breakdown.update_element(
        session=session,
        production=slug,
        element_id=element_id,
        version=body.version,
        name=body.name,
        notes=body.notes,
        department=body.department,
        photos=body.photos,
        minor=body.minor,
        age=body.age,
        count=body.count,
    )
    return _element(info)


@api.post(
    f"{_BASE}/elements/{{element_id}}/photos",
    response_model=ElementOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a photo to an element",
)
async def add_photo(
    slug: str,
    element_id: int,
    session: SessionDep,
    workspace: WorkspaceDep,
    version: Annotated[int, Query(description="The element's version read.")],
    file: Annotated[UploadFile, File(description="An image.")],
) -> ElementOut:
    limit = workspace.settings.limits.max_bytes
    info = breakdown.add_photo(
        session=session,
        production=slug,
        element_id=element_id,
        version=version,
        data=await read_upload(file, limit),
        files_dir=workspace.settings.files_dir,
        max_bytes=limit,
    )
    return _element(info)


@api.post(f"{_BASE}/elements/merge", response_model=ElementOut, summary="Merge elements into one")
def merge(slug: str, body: MergeIn, session: SessionDep) -> ElementOut:
    info = breakdown.merge_elements(
        session=session,
        production=slug,
        keep_id=body.keep_id,
        merge_ids=body.merge_ids,
        across_categories=body.across_categories,
    )
    return _element(info)


@api.post(
    f"{_BASE}/links",
    response_model=LinkOut,
    status_code=status.HTTP_201_CREATED,
    summary="Link an element to an anchor",
)
def link(slug: str, body: LinkIn, session: SessionDep) -> LinkOut:
    info = breakdown.link_elements(
        session=session, production=slug, anchor_id=body.anchor_id, linked_id=body.linked_id
    )
    return LinkOut(anchor_id=info.anchor_id, linked_id=info.linked_id)


@api.delete(
    f"{_BASE}/links/{{anchor_id}}/{{linked_id}}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a link",
)
def unlink(slug: str, anchor_id: int, linked_id: int, session: SessionDep) -> Response:
    breakdown.unlink_elements(
        session=session, production=slug, anchor_id=anchor_id, linked_id=linked_id
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@api.get(f"{_BASE}/categories", response_model=list[CategoryOut], summary="Its categories")
def list_categories(slug: str, session: SessionDep) -> list[CategoryOut]:
    items = breakdown.list_categories(session=session, production=slug)
    return [CategoryOut(**asdict(item)) for item in items]


@api.post(
    f"{_BASE}/categories",
    response_model=CategoryOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a category of its own",
)
def add_category(slug: str, body: CategoryIn, session: SessionDep) -> CategoryOut:
    info = breakdown.add_category(
        session=session,
        production=slug,
        key=body.key,
        name_en=body.name_en,
        name_es=body.name_es,
        colour=body.colour,
        position=body.position,
    )
    return CategoryOut(**asdict(info))


@api.patch(
    f"{_BASE}/categories/{{key}}",
    response_model=CategoryOut,
    summary="Rename, recolour or move a category",
)
def update_category(
    slug: str, key: str, body: CategoryChangeIn, session: SessionDep
) -> CategoryOut:
    info = breakdown.update_category(
        session=session,
        production=slug,
        key=key,
        version=body.version,
        name_en=body.name_en,
        name_es=body.name_es,
        colour=body.colour,
        position=body.position,
    )
    return CategoryOut(**asdict(info))
