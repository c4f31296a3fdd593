"""Bodies and responses of the JSON API (Pydantic lives here, never below the web layer)."""

from __future__ import annotations

from pydantic import AliasChoices, BaseModel, Field

from mosaico.screenplay.eighths import Eighths
from mosaico.services.productions import ProductionInfo
from mosaico.services.scenes import SceneRow
from mosaico.services.scripts import EpisodeInfo, ImportResult


class ErrorOut(BaseModel):
    """Every error: what went wrong, and the field or script line it is about when known."""

    error: str
    field: str | None = None
    line: int | None = None


class ProductionIn(BaseModel):
    name: str = Field(
        description="Short handle, also its address: lower-case letters, digits, - and _.",
        max_length=120,
        validation_alias=AliasChoices("name", "slug"),
        examples=["somos"],
    )
    title: str | None = Field(default=None, max_length=300, examples=["Somos."])
    language: str = Field(default="es", description="Language of its scripts and pages: es or en.")
    timezone: str = Field(
        default="America/Mexico_City", max_length=64, description="IANA zone of its dates."
    )


class ProductionOut(BaseModel):
    id: int
    name: str
    slug: str = Field(description="Its address: /api/productions/{slug}.")
    title: str
    language: str
    timezone: str
    episodes: int
    scenes: int
    version: int = Field(description="Send it back with an update; a stale one is a conflict.")

    @classmethod
    def of(cls, info: ProductionInfo) -> ProductionOut:
        return cls(
            id=info.id,
            name=info.name,
            slug=info.slug or info.name,
            title=info.title,
            language=info.language,
            timezone=info.timezone,
            episodes=info.episodes,
            scenes=info.scenes,
            version=info.version,
        )


class EpisodeOut(BaseModel):
    number: int
    title: str
    scenes: int
    pages: int
    eighths: str = Field(description="Length of its scenes together, e.g. '42 3/8'.")
    source_name: str
    colour: str = Field(description="Revision colour of the current version.")
    draft: str

    @classmethod
    def of(cls, info: EpisodeInfo) -> EpisodeOut:
        return cls(
            number=info.number,
            title=info.title,
            scenes=info.scenes,
            pages=info.pages,
            eighths=str(Eighths(info.eighths)),
            source_name=info.source_name,
            colour=info.colour,
            draft=info.draft,
        )


class ImportOut(BaseModel):
    source: str
    format: str = Field(description="The format read from the file's content.")
    episode: int
    scenes: int
    pages: int
    eighths: int = Field(description="Length of all its scenes, in eighths of a page.")
    characters: int
    already_imported: bool = Field(description="The same file was imported before: nothing new.")
    warnings: list[str]

    @classmethod
    def of(cls, result: ImportResult) -> ImportOut:
        return cls(
            source=result.source,
            format=result.format.value,
            episode=result.episode,
            scenes=result.scenes,
            pages=result.pages,
            eighths=result.eighths,
            characters=result.characters,
            already_imported=result.already_imported,
            warnings=list(result.warnings),
        )


class SceneOut(BaseModel):
    id: int
    episode: int
    index: int = Field(description="Position in the episode's script, from 1.")
    number: str | None = Field(description="Scene number as written (may carry letters: 12A).")
    heading: str
    int_ext: str
    set: str
    time_of_day: str
    eighths: str = Field(description="Length as the trade writes it, e.g. '1 3/8'.")
    eighths_total: int = Field(description="Length in eighths of a page.")
    imported_eighths: str | None = Field(
        description="Final Draft's own length, when imported from FDX."
    )
    page: int
    synopsis: str | None
    omitted: bool
    speaking: list[str]
    silent: list[str]

    @classmethod
    def of(cls, row: SceneRow) -> SceneOut:
        return cls(
            id=row.id,
            episode=row.episode,
            index=row.position,
            number=row.number,
            heading=row.heading,
            int_ext=row.int_ext,
            set=row.set_name,
            time_of_day=row.time_of_day,
            eighths=str(row.eighths),
            eighths_total=row.eighths.value,
            imported_eighths=str(row.imported_eighths) if row.imported_eighths else None,
            page=row.page,
            synopsis=row.synopsis,
            omitted=row.omitted,
            speaking=list(row.speaking),
            silent=list(row.silent),
        )


#: What the API documents for its error statuses.
ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorOut, "description": description}
    for status, description in (
        (400, "Unreadable input (a script names its file and line)"),
        (404, "No such production, episode or script in this production"),
        (409, "The name is taken"),
        (413, "Over a size limit"),
        (422, "A field with a wrong value or type (named in `field`)"),
    )
}
