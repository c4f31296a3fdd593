"""Reading and writing scripts in any supported format, chosen from the content."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import StrEnum
from typing import Any

from mosaico.errors import LimitExceeded, ScriptImportError
from mosaico.screenplay import fountain
from mosaico.screenplay.eighths import Eighths
from mosaico.screenplay.limits import DEFAULT_LIMITS, Limits
from mosaico.screenplay.model import (
    DualSide,
    Element,
    ElementType,
    Screenplay,
    Tag,
    TagCategory,
    TitleEntry,
)
from mosaico.screenplay.paginate import Paper, paginate


class ScriptFormat(StrEnum):
    """Formats mosaico reads and writes."""

    FOUNTAIN = "fountain"
    FDX = "fdx"
    PDF = "pdf"
    JSON = "json"


def detect_format(data: bytes, filename: str | None = None) -> ScriptFormat:
    """The format of ``data``, from its content first; the extension only breaks ties.

    A PDF header anywhere in the first KiB (as PDF readers allow) means PDF; an
    XML declaration or a ``<FinalDraft`` root means FDX; any other text is
    Fountain. A file that opens with some other ``<`` tag is FDX only when its
    name says so (a Fountain paragraph may start with ``<`` too).
    """
    if b"%PDF-" in data[:1024]:
        return ScriptFormat.PDF
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<FinalDraft"):
        return ScriptFormat.FDX
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if head.startswith(b"<") and suffix in ("fdx", "xml"):
        return ScriptFormat.FDX
    return ScriptFormat.FOUNTAIN


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text script as ``str``: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data[:65536]:
        raise ScriptImportError(source, "this is not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for char in text[:65536] if ord(char) < 32 and char not in "\t\r\n\f")
    if controls > 0 or text.count("\ufffd") > len(text) // 100:
        raise ScriptImportError(source, "this is not a text file (binary content)")
    return text


def read_script(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Screenplay:
    """Parse a script file's bytes into a ``Screenplay``; the format comes from the content.

    ``source`` (the file's name) is only used in messages and to break format ties.
    """
    if len(data) > limits.max_bytes:
        raise LimitExceeded(
            f"{source}: {len(data):,} bytes is over the limit of {limits.max_bytes:,} "
            "(setting MOSAICO_MAX_BYTES)"
        )
    if not data.strip():
        raise ScriptImportError(source, "the file is empty: no screenplay content")
    fmt = detect_format(data, source)
    if fmt is ScriptFormat.PDF:
        from mosaico.screenplay import pdf_in

        return pdf_in.read_pdf(data, source, limits)
    if fmt is ScriptFormat.FDX:
        from mosaico.screenplay import fdx

        return fdx.parse_fdx(data, source, limits)
    screenplay = fountain.parse(decode_text(data, source), source, limits)
    if not screenplay.elements:
        raise ScriptImportError(source, "no screenplay content (no scenes, action or dialogue)")
    return screenplay


def element_to_data(element: Element) -> dict[str, Any]:
    """An element as a plain dict (only the fields that are set)."""
    data: dict[str, Any] = {"kind": element.kind.value}
    for key in ("text", "scene_number", "extension", "depth", "line", "imported_page"):
        value = getattr(element, key)
        if value not in (None, 0, ""):
            data[key] = value
    if element.dual is not None:
        data["dual"] = element.dual.value
    if element.imported_length is not None:
        data["imported_length"] = element.imported_length.value
    return data


def element_from_data(data: dict[str, Any]) -> Element:
    """The inverse of ``element_to_data``."""
    dual = data.get("dual")
    length = data.get("imported_length")
    return Element(
        kind=ElementType(data["kind"]),
        text=data.get("text", ""),
        scene_number=data.get("scene_number"),
        extension=data.get("extension"),
        dual=DualSide(dual) if dual else None,
        depth=data.get("depth", 0),
        line=data.get("line", 0),
        imported_length=Eighths(length) if length is not None else None,
        imported_page=data.get("imported_page"),
    )


def tags_to_data(screenplay: Screenplay) -> dict[str, Any]:
    """Breakdown tags that came with the file, as plain lists (empty when none)."""
    if not screenplay.tag_categories and not screenplay.tags:
        return {}
    return {
        "categories": [asdict(category) for category in screenplay.tag_categories],
        "tags": [asdict(tag) for tag in screenplay.tags],
    }


def screenplay_to_data(screenplay: Screenplay) -> dict[str, Any]:
    """Title page, elements and tags as plain lists, for JSON and the store."""
    return {
        "title_page": [asdict(entry) for entry in screenplay.title_page],
        "elements": [element_to_data(element) for element in screenplay.elements],
        "tags": tags_to_data(screenplay),
    }


def screenplay_from_data(
    title_page: list[Any], elements: list[Any], tags: dict[str, Any] | None = None
) -> Screenplay:
    """Rebuild a screenplay from ``screenplay_to_data``'s lists."""
    tags = tags or {}
    return Screenplay(
        title_page=tuple(TitleEntry(entry["key"], entry["value"]) for entry in title_page),
        elements=tuple(element_from_data(item) for item in elements),
        tag_categories=tuple(TagCategory(**item) for item in tags.get("categories", ())),
        tags=tuple(Tag(**item) for item in tags.get("tags", ())),
    )


def to_json(screenplay: Screenplay) -> str:
    """The screenplay as JSON: title page and elements, in order."""
    return json.dumps(screenplay_to_data(screenplay), ensure_ascii=False, indent=2)


def write_script(screenplay: Screenplay, fmt: ScriptFormat, paper: Paper = Paper.LETTER) -> bytes:
    """The screenplay in ``fmt``, as bytes ready to save."""
    if fmt is ScriptFormat.FOUNTAIN:
        return fountain.write(screenplay).encode("utf-8")
    if fmt is ScriptFormat.JSON:
        return to_json(screenplay).encode("utf-8")
    if fmt is ScriptFormat.FDX:
        from mosaico.screenplay import fdx

        return fdx.write_fdx(screenplay, _scene_lengths(screenplay, paper))
    from mosaico.screenplay import pdf_out

    return pdf_out.write_pdf(screenplay, paper)


def _scene_lengths(screenplay: Screenplay, paper: Paper) -> list[tuple[Eighths, int]] | None:
    """Our (length, page) per heading for an FDX, unless the script kept Final Draft's own."""
    headings = [e for e in screenplay.elements if e.kind is ElementType.SCENE_HEADING]
    if any(heading.imported_length is not None for heading in headings):
        return None
    return [(scene.eighths, scene.page) for scene in paginate(screenplay, paper).scenes]
