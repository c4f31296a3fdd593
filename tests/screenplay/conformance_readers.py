"""Readers for the expected outputs of other parsers' Fountain fixtures.

Each returns a list of ``(kind, text)`` pairs in mosaico's vocabulary, so one
comparison serves every fixture set.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from mosaico.screenplay.model import ElementType, Screenplay

Stream = list[tuple[str, str]]

_TOOLS_KINDS = {
    "HEADING": "scene_heading",
    "ACTION": "action",
    "CHARACTER": "character",
    "DIALOGUE": "dialogue",
    "PARENTHETICAL": "parenthetical",
    "TRANSITION": "transition",
    "LYRIC": "lyrics",
    "SECTION": "section",
    "SYNOPSIS": "synopsis",
    "PAGEBREAK": "page_break",
}
_RECORD = re.compile(r"^([A-Z]+):", re.MULTILINE)


def ours(screenplay: Screenplay) -> Stream:
    """mosaico's elements as (kind, text); notes are left out (no fixture set lists them)."""
    return normalise(
        [
            (element.kind.value, element.text)
            for element in screenplay.elements
            if element.kind is not ElementType.NOTE
        ]
    )


def normalise(stream: Stream) -> Stream:
    """What every reader agrees on: one action element per paragraph, parentheticals
    without their brackets, trailing spaces and empty paragraphs dropped."""
    out: Stream = []
    for kind, text in stream:
        if kind == "action":
            out += [("action", _clean(p)) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
        elif kind == "transition":  # shown in capitals by every program, written either way
            out.append((kind, _clean(text).upper()))
        elif kind == "parenthetical":
            out.append((kind, text.strip().removeprefix("(").removesuffix(")").strip()))
        else:
            out.append((kind, _clean(text)))
    return out


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


def screenplay_tools(path: Path) -> Stream:
    """``KIND:"text" ["(ext)"] [(number)]`` records; title entries are skipped."""
    raw = path.read_text(encoding="utf-8")
    starts = [
        m for m in _RECORD.finditer(raw) if m.group(1) in _TOOLS_KINDS or m.group(1) == "TITLEENTRY"
    ]
    stream: Stream = []
    for here, nxt in zip(starts, [*starts[1:], None], strict=False):
        body = raw[here.end() : nxt.start() if nxt else len(raw)].rstrip("\n")
        kind = here.group(1)
        if kind == "TITLEENTRY":
            continue
        body = re.sub(r"\s\((?:Dual|[A-Za-z0-9.\-]+)\)$", "", body)  # dual marker, scene number
        body = re.sub(r'"\s"\(.*\)"$', '"', body)  # cue extension
        text = body[1:-1] if body.startswith('"') and body.endswith('"') else body
        stream.append((_TOOLS_KINDS[kind], text))
    return normalise(stream)


_JOUVENCE_PREFIX = {
    ".": "scene_heading",
    "!": "action",
    "@": "character",
    "=": "dialogue",
    "_": "parenthetical",
    ">": "transition",
    "~": "lyrics",
    "#": "section",
    "+": "synopsis",
}


def jouvence_cases(path: Path) -> list[tuple[str, Stream]]:
    """(input, expected stream) per YAML document. Jouvence merges an action's
    paragraphs into one element with blank lines inside; mosaico makes one
    element per paragraph, so expected actions are split on blank lines here."""
    cases = []
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        if not doc or "in" not in doc:
            continue
        stream: Stream = []
        for item in doc.get("out") or []:
            item = str(item)
            if item == "<pagebreak>":
                stream.append(("page_break", ""))
                continue
            prefix, text = item[0], item[1:]
            if prefix == "!" and text.startswith("><"):
                stream.append(("centered", _clean(text[2:])))
                continue
            kind = _JOUVENCE_PREFIX[prefix]
            if kind == "character":
                text = re.sub(r"\s*\(.*\)\s*$", "", text).rstrip("^ ").strip()
            if kind == "section":
                text = text.lstrip("#").strip()
            stream.append((kind, text))
        cases.append((str(doc["in"]), normalise(stream)))
    return cases


class _ScreenplainHTML(HTMLParser):
    """Collects (kind, text) from screenplain's HTML output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stream: Stream = []
        self.block: str | None = None  # the enclosing div's class
        self.kind: str | None = None
        self.text = ""
        self.skip = False  # inside a scene-number span

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        if tag == "div" and css in ("left", "right"):  # the columns of a dual dialogue
            self.block = "dialog"
        elif tag == "div" and css in ("action", "dialog", "transition", "centered"):
            self.block = css
            if css in ("transition", "centered"):
                self.kind, self.text = css, ""
        elif tag == "h6":
            if "page-break" in css:
                self.stream.append(("page_break", ""))
            self.kind, self.text = "scene_heading", ""
        elif tag in ("h1", "h2", "h3", "h4", "h5"):
            self.kind, self.text = "section", ""
        elif tag == "span" and css.startswith("scnum"):
            self.skip = True
        elif tag == "span" and css.endswith("synopsis"):
            self.kind, self.text = "synopsis", ""
        elif tag == "p" and self.block == "dialog":
            self.kind = {"character": "character", "parenthetical": "parenthetical"}.get(
                css, "dialogue"
            )
            self.text = ""
        elif tag == "p" and self.block == "action":
            self.kind, self.text = "action", ""
        elif tag == "br" and self.kind:
            self.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.skip:
            self.skip = False
            return
        closes = {"p", "h1", "h2", "h3", "h4", "h5", "h6"} | (
            {"div"} if self.kind in ("transition", "centered") else set()
        )
        if tag == "span" and self.kind == "synopsis":
            closes = {"span"}
        if tag in closes and self.kind:
            text = self.text.replace("\xa0", " ")
            if self.kind == "character":
                text = re.sub(r"\s*\(.*\)\s*$", "", text)
            if self.kind == "dialogue" and self.stream and self.stream[-1][0] == "dialogue":
                merged = self.stream[-1][1] + "\n" + ("" if not text.strip() else text)
                self.stream[-1] = ("dialogue", merged)
            else:
                self.stream.append((self.kind, text))
            self.kind = None
        if tag == "div":
            self.block = None

    def handle_data(self, data: str) -> None:
        if self.kind and not self.skip:
            self.text += data


def screenplain_html(path: Path) -> Stream:
    reader = _ScreenplainHTML()
    reader.feed(path.read_text(encoding="utf-8"))
    return normalise(reader.stream)


_FDX_KINDS = {
    "Scene Heading": "scene_heading",
    "Action": "action",
    "Character": "character",
    "Dialogue": "dialogue",
    "Parenthetical": "parenthetical",
    "Transition": "transition",
    "Lyrics": "lyrics",
    "Shot": "action",
    "General": "action",
}


def screenplain_fdx(path: Path) -> Stream:
    """(kind, text) from screenplain's FDX output: typed paragraphs in document order,
    a speech's consecutive Dialogue paragraphs joined (an empty one is a blank line)."""
    from defusedxml import ElementTree

    root = ElementTree.fromstring(path.read_bytes())
    stream: Stream = []
    previous = ""
    for paragraph in root.iter("Paragraph"):
        kind = _FDX_KINDS.get(paragraph.get("Type") or "")
        if kind is None:  # the untyped wrapper of a DualDialogue
            continue
        text = "".join(node.text or "" for node in paragraph.iter("Text"))
        if kind == "character":
            text = re.sub(r"\s*\(.*\)\s*$", "", text)
        if kind == "dialogue" and previous == "dialogue":
            stream[-1] = ("dialogue", stream[-1][1] + "\n" + text)
        else:
            stream.append((kind, text))
        previous = kind
    return normalise(stream)
