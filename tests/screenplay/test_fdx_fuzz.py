"""Odd but well-formed FDX: read without a crash, and read the same after mosaico writes it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mosaico.errors import MosaicoError
from mosaico.screenplay.fdx import parse_fdx, write_fdx
from mosaico.screenplay.model import ElementType, Screenplay

_TYPES = st.sampled_from(
    [
        *("Scene Heading", "Action", "Character", "Dialogue", "Parenthetical", "Hologram"),
        *("Outline 3", "Outline Body", "New Act", "General", ""),
    ]
)
_TEXT = st.text(alphabet="ab *_\\<>&\n\r\t()É", max_size=12)
_STYLE = st.sampled_from(["Bold", "Italic", "Underline", "Bold+Italic", "AllCaps", ""])
_TAGDATA = (
    '<TagData><TagCategories><TagCategory Id="c1" Name="Props" Color="bad"/>'
    '<TagCategory Name=""/></TagCategories><TagDefinitions>'
    '<TagDefinition CatId="c1" Id="d1" Label="X"/><TagDefinition CatId="zz" Id="d2" Label="Y"/>'
    '</TagDefinitions><Tags><Tag Number="1"><DefId>d1</DefId><DefId>d2</DefId></Tag>'
    '<Tag Number="2"><DefId>nope</DefId></Tag></Tags></TagData>'
)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _paragraph(draw: st.DrawFn, depth: int = 0) -> str:
    attrs = ""
    if draw(st.booleans()):
        attrs += f' Type="{draw(_TYPES)}"'
    if draw(st.booleans()):
        attrs += f' Number="{_xml(draw(_TEXT))}"'
    if draw(st.booleans()):
        attrs += ' StartsNewPage="Yes"'
    if draw(st.booleans()):
        attrs += ' Alignment="Center"'
    inner = []
    for _ in range(draw(st.integers(0, 3))):
        run = f' Style="{draw(_STYLE)}"' if draw(st.booleans()) else ""
        if draw(st.booleans()):
            run += f' TagNumber="{draw(st.sampled_from(["1", "2", "x"]))}"'
        inner.append(f"<Text{run}>{_xml(draw(_TEXT))}</Text>")
    if draw(st.booleans()):
        inner.insert(
            0,
            f'<SceneProperties Length="{_xml(draw(_TEXT))}" Page="1"><Summary><Paragraph>'
            f"<Text>{_xml(draw(_TEXT))}</Text></Paragraph></Summary></SceneProperties>",
        )
    if draw(st.booleans()):
        inner.append(
            f"<ScriptNote><Paragraph><Text>{_xml(draw(_TEXT))}</Text></Paragraph></ScriptNote>"
        )
    if depth < 2 and draw(st.booleans()):
        columns = "".join(draw(st.lists(_paragraph(depth + 1), max_size=3)))
        inner.append(f"<DualDialogue>{columns}</DualDialogue>")
    return f"<Paragraph{attrs}>{''.join(inner)}</Paragraph>"


def _text_tags(screenplay: Screenplay) -> set[object]:
    # Final Draft tags script text only: tags on notes and synopses are not written.
    skip = (ElementType.NOTE, ElementType.SYNOPSIS)
    return {tag for tag in screenplay.tags if screenplay.elements[tag.element].kind not in skip}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_paragraph(), max_size=8),
    st.booleans(),
    st.sampled_from(["0,3", "x", "5,2", "100,200", ""]),
)
def test_any_paragraph_soup_reads_and_survives_a_write(
    paragraphs: list[str], tagged: bool, note_range: str
) -> None:
    body = "".join(paragraphs)
    document = (
        f"<FinalDraft><Content>{body}</Content>{_TAGDATA if tagged else ''}"
        f'<ScriptNotes><ScriptNote Range="{note_range}"><Paragraph><Text>n</Text></Paragraph>'
        f"</ScriptNote></ScriptNotes><TitlePage><Content>{body}</Content></TitlePage></FinalDraft>"
    )
    try:
        first = parse_fdx(document.encode(), "soup.fdx")
    except MosaicoError:  # a refusal is allowed; any other exception is a bug
        return
    again = parse_fdx(write_fdx(first))
    assert again.elements == first.elements
    assert again.title_page == first.title_page
    assert _text_tags(again) == _text_tags(first)
