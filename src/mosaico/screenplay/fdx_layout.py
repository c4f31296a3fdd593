"""The parts of an FDX file around the script text: title page, element settings, page layout.

Final Draft's title page is free text: paragraphs placed by blank lines and
alignment, with no keys. mosaico writes Fountain's keys where Final Draft's own
template puts them and reads them back by place and wording:

    centred, in order      Title · Credit ("Written by", "Escrito por"…) · Author · Source
    left, at the foot      Copyright ("Copyright", "©", "(c)") · Draft date (a date,
                           or starting "Draft"/"Borrador") · Contact (the first other
                           paragraph; later ones join Notes)
    right, at the foot     Notes, then each key Final Draft has no place for
                           (``Episode``…) as its own "Key: value" paragraph

So the keys survive a round trip (standard ones in their usual case, ``Authors``
as ``Author``) as long as a draft date reads as a date or starts with "Draft", a
contact does not, and a note is not itself written as "Key: value".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence

from mosaico.screenplay.headings import parse_heading
from mosaico.screenplay.model import Element, ElementType, TitleEntry

CREDIT_WORDS = (
    "written by",
    "by",
    "screenplay by",
    "story by",
    "teleplay by",
    "escrito por",
    "guion de",
    "guión de",
    "guion",
    "guión",
    "un guion de",
    "un guión de",
)
_COPYRIGHT = re.compile(r"^\s*(copyright\b|©|\(c\))", re.IGNORECASE)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    "ene|abr|ago|dic|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "setiembre|octubre|noviembre|diciembre"
)
# A draft line starts with the word, or is a date: 2018-01-01, 1/27/2012,
# "May 4, 2026", "4 de mayo de 2026".
_DRAFT = re.compile(
    r"^\s*(draft|borrador|revis|versi[oó]n\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|"
    rf"(\d{{1,2}}\s+(de\s+)?)?({_MONTHS})[a-z]*\.?\s+(de\s+)?\d)",
    re.IGNORECASE,
)
# Keys Final Draft has no place for go on the right as "Key: value", one a paragraph.
_EXTRA = re.compile(r"^(?P<key>[A-Za-zÀ-ÿ][\w \-]{0,40}): (?P<value>.+)$", re.DOTALL)
_CENTRED_KEYS = ("title", "credit", "author", "authors", "source")
_FOOT_KEYS = ("copyright", "draft date", "contact")


def read_title_page(
    root: ET.Element, text_of: Callable[[list[ET.Element]], str]
) -> list[TitleEntry]:
    """Title-page entries from ``TitlePage/Content``, by alignment and wording.

    ``text_of`` reads paragraphs as one text, a line each, so a value made of
    several paragraphs reads as it would from one.
    """
    block = root.find("TitlePage/Content")
    if block is None:
        return []
    centred: list[ET.Element] = []
    foot: list[ET.Element] = []
    right: list[ET.Element] = []
    for paragraph in block.iterfind("Paragraph"):
        if text_of([paragraph]).strip():
            align = paragraph.get("Alignment")
            (centred if align == "Center" else right if align == "Right" else foot).append(
                paragraph
            )
    entries: list[TitleEntry] = []
    if centred:
        entries.append(TitleEntry("Title", text_of(centred[:1]).strip()))
        rest = centred[1:]
        if rest and text_of(rest[:1]).strip().casefold().rstrip(":") in CREDIT_WORDS:
            entries.append(TitleEntry("Credit", text_of([rest.pop(0)]).strip()))
        if rest:
            entries.append(TitleEntry("Author", text_of([rest.pop(0)]).strip()))
        if rest:
            entries.append(TitleEntry("Source", text_of(rest).strip()))
    notes: list[ET.Element] = []
    for paragraph in foot:
        text = text_of([paragraph]).strip()
        if _COPYRIGHT.match(text) and not _has(entries, "Copyright"):
            entries.append(TitleEntry("Copyright", text))
        elif _DRAFT.match(text) and not _has(entries, "Draft date"):
            entries.append(TitleEntry("Draft date", text))
        elif not _has(entries, "Contact"):
            entries.append(TitleEntry("Contact", text))
        else:
            notes.append(paragraph)
    extras: list[TitleEntry] = []
    for paragraph in right:
        match = _EXTRA.match(text_of([paragraph]).strip())
        if match and match.group("key").casefold() not in _CENTRED_KEYS + _FOOT_KEYS + ("notes",):
            extras.append(TitleEntry(match.group("key"), match.group("value")))
        else:
            notes.append(paragraph)
    if notes:
        entries.append(TitleEntry("Notes", text_of(notes).strip()))
    return entries + extras


def _has(entries: list[TitleEntry], key: str) -> bool:
    return any(entry.key == key for entry in entries)


def title_page_paragraphs(title_page: Sequence[TitleEntry]) -> Iterator[tuple[str, str]]:
    """``(alignment, text)`` for each title-page paragraph, blank ones included."""
    values = {entry.key.casefold(): entry.value for entry in title_page}
    if not title_page:
        return
    yield from (("Left", "") for _ in range(16))
    used = 0
    for key, gap in (("title", 0), ("credit", 3), ("author", 1), ("authors", 1), ("source", 2)):
        if values.get(key):
            if used:
                yield from (("Center", "") for _ in range(gap))
            yield "Center", values[key]
            used += 1
    foot = [values[key] for key in _FOOT_KEYS if values.get(key)]
    right = [values["notes"]] if values.get("notes") else []
    right += [
        f"{entry.key}: {entry.value}"
        for entry in title_page
        if entry.key.casefold() not in _CENTRED_KEYS + _FOOT_KEYS + ("notes",) and entry.value
    ]
    yield from (("Left", "") for _ in range(max(2, 22 - 2 * len(foot))))
    for index, text in enumerate(foot):
        if index:
            yield "Left", ""
        yield "Left", text
    for text in right:
        yield "Right", text


# --- SmartType: the lists Final Draft offers while typing --------------------------------


def smart_type(elements: Sequence[Element]) -> str:
    """``SmartType`` lists filled from the script (characters, extensions, sets, times)."""
    characters: dict[str, None] = {}
    extensions: dict[str, None] = dict.fromkeys(("(V.O.)", "(O.S.)", "(CONT'D)"))
    locations: dict[str, None] = {}
    times: dict[str, None] = dict.fromkeys(("DAY", "NIGHT", "CONTINUOUS", "LATER"))
    transitions: dict[str, None] = dict.fromkeys(
        ("CUT TO:", "FADE IN:", "FADE OUT.", "DISSOLVE TO:")
    )
    for element in elements:
        if element.kind is ElementType.CHARACTER and element.text:
            characters[element.text] = None
            if element.extension:
                extensions.update(dict.fromkeys(re.findall(r"\([^()]*\)", element.extension)))
        elif element.kind is ElementType.SCENE_HEADING:
            heading = parse_heading(element.text)
            if heading.set_name:
                locations[heading.set_name] = None
            if heading.time_text:
                times[heading.time_text] = None
        elif element.kind is ElementType.TRANSITION and element.text:
            transitions[element.text] = None

    def block(tag: str, item: str, values: dict[str, None], attrs: str = "") -> list[str]:
        inner = [f"      <{item}>{_escape(value)}</{item}>" for value in values]
        return [f"    <{tag}{attrs}>", *inner, f"    </{tag}>"]

    lines = ["  <SmartType>"]
    lines += block("Characters", "Character", characters)
    lines += block("Extensions", "Extension", extensions)
    lines += block(
        "SceneIntros", "SceneIntro", dict.fromkeys(("INT", "EXT", "INT./EXT")), ' Separator=". "'
    )
    lines += block("Locations", "Location", locations)
    lines += block("TimesOfDay", "TimeOfDay", times, ' Separator=" - "')
    lines += block("Transitions", "Transition", transitions)
    lines.append("  </SmartType>")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- fixed sections, with Final Draft's US Letter defaults --------------------------------

_FONT = (
    '<FontSpec AdornmentStyle="0" Background="#FFFFFFFFFFFF" Color="#000000000000" '
    'Font="Courier Final Draft" RevisionID="0" Size="12" Style="{style}"/>'
)

# type, style, alignment, first indent, left, right, space before, new page, paginate as,
# return key, outline level
_SETTINGS = (
    ("General", "", "Left", "0.00", "1.50", "7.50", "0", "No", "General", "General", "1"),
    (
        "Scene Heading",
        "AllCaps",
        "Left",
        "0.00",
        "1.50",
        "7.50",
        "24",
        "No",
        "Scene Heading",
        "Action",
        "2",
    ),
    ("Action", "", "Left", "0.00", "1.50", "7.50", "12", "No", "Action", "Action", "1"),
    (
        "Character",
        "AllCaps",
        "Left",
        "0.00",
        "3.50",
        "7.25",
        "12",
        "No",
        "Character",
        "Dialogue",
        "1",
    ),
    (
        "Parenthetical",
        "",
        "Left",
        "-0.10",
        "3.00",
        "5.50",
        "0",
        "No",
        "Parenthetical",
        "Dialogue",
        "1",
    ),
    ("Dialogue", "", "Left", "0.00", "2.50", "6.00", "0", "No", "Dialogue", "Action", "1"),
    (
        "Transition",
        "AllCaps",
        "Right",
        "0.00",
        "5.50",
        "7.10",
        "12",
        "No",
        "Transition",
        "Scene Heading",
        "1",
    ),
    ("Shot", "AllCaps", "Left", "0.00", "1.50", "7.50", "12", "No", "Scene Heading", "Action", "1"),
    ("Lyrics", "Italic", "Left", "0.00", "2.50", "6.00", "0", "No", "Dialogue", "Lyrics", "1"),
    ("Cast List", "AllCaps", "Left", "0.00", "1.50", "7.50", "0", "No", "Action", "Action", "1"),
    (
        "New Act",
        "Bold+Underline+AllCaps",
        "Center",
        "0.00",
        "1.50",
        "7.50",
        "12",
        "Yes",
        "Scene Heading",
        "Scene Heading",
        "4",
    ),
    (
        "End of Act",
        "Bold+Underline+AllCaps",
        "Center",
        "0.00",
        "1.50",
        "7.50",
        "24",
        "No",
        "Character",
        "New Act",
        "4",
    ),
    (
        "Outline Body",
        "Italic+HiddenText",
        "Left",
        "0.00",
        "1.50",
        "7.50",
        "0",
        "No",
        "General",
        "Outline Body",
        "0",
    ),
    (
        "Outline 1",
        "Italic+HiddenText",
        "Left",
        "0.00",
        "1.50",
        "7.50",
        "10",
        "No",
        "General",
        "Outline Body",
        "4",
    ),
    (
        "Outline 2",
        "Italic+HiddenText",
        "Left",
        "0.00",
        "1.63",
        "7.50",
        "10",
        "No",
        "General",
        "Outline Body",
        "3",
    ),
    (
        "Outline 3",
        "Bold+Italic+HiddenText",
        "Left",
        "0.00",
        "1.75",
        "7.50",
        "12",
        "No",
        "General",
        "Outline Body",
        "2",
    ),
    (
        "Outline 4",
        "Bold+Italic+HiddenText",
        "Left",
        "0.00",
        "1.88",
        "7.50",
        "12",
        "No",
        "General",
        "Outline Body",
        "1",
    ),
)


def element_settings() -> str:
    """One ``ElementSettings`` per paragraph type mosaico writes (and Final Draft's others)."""
    out: list[str] = []
    for kind, style, align, first, left, right, before, new_page, paginate, ret, level in _SETTINGS:
        hidden = "Yes" if "HiddenText" in style else "No"
        out += [
            f'  <ElementSettings Type="{kind}">',
            "    " + _FONT.format(style=style),
            f'    <ParagraphSpec Alignment="{align}" FirstIndent="{first}" Leading="Regular" '
            f'LeftIndent="{left}" RightIndent="{right}" SpaceBefore="{before}" Spacing="1" '
            f'StartsNewPage="{new_page}"/>',
            f'    <Behavior PaginateAs="{paginate}" ReturnKey="{ret}" Shortcut=""/>',
            f'    <Outline CanHide="{hidden}" Level="{level}"/>',
            "  </ElementSettings>",
        ]
    return "\n".join(out) + "\n"


HEADER_AND_FOOTER = (
    '  <HeaderAndFooter FooterFirstPage="No" FooterVisible="No" HeaderFirstPage="No" '
    'HeaderVisible="Yes" StartingPage="1">\n'
    "    <Header>\n"
    '      <Paragraph Alignment="Right" FirstIndent="0.00" Leading="Regular" LeftIndent="1.25" '
    'RightIndent="-1.00" SpaceBefore="0" Spacing="1" StartsNewPage="No">\n'
    '        <DynamicLabel Type="Page #"/>\n'
    "        <Text>.</Text>\n"
    "      </Paragraph>\n"
    "    </Header>\n"
    "    <Footer/>\n"
    "  </HeaderAndFooter>\n"
)

PAGE_LAYOUT = (
    '  <PageLayout BackgroundColor="#FFFFFFFFFFFF" BottomMargin="72" '
    'BreakDialogueAndActionAtSentences="Yes" DocumentLeading="Normal" FooterMargin="36" '
    'ForegroundColor="#000000000000" HeaderMargin="36" InvisiblesColor="#A0A0A0A0A0A0" '
    'TopMargin="72" UsesSmartQuotes="Yes">\n'
    '    <PageSize Height="11.00" Width="8.50"/>\n'
    '    <AutoCastList AddParentheses="Yes" AutomaticallyGenerate="Yes" CastListElement="Cast List"/>\n'
    "  </PageLayout>\n"
)

MORES_AND_CONTINUEDS = (
    "  <MoresAndContinueds>\n"
    "    " + _FONT.format(style="") + "\n"
    '    <DialogueBreaks AutomaticCharacterContinueds="Yes" BottomOfPage="Yes" '
    'DialogueBottom="(MORE)" DialogueTop="(CONT\'D)" TopOfNext="Yes"/>\n'
    '    <SceneBreaks ContinuedNumber="No" SceneBottom="(CONTINUED)" SceneBottomOfPage="No" '
    'SceneTop="CONTINUED:" SceneTopOfNext="No"/>\n'
    "  </MoresAndContinueds>\n"
)


def scene_number_options(numbered: bool) -> str:
    """Scene numbers shown on both sides when the script carries them."""
    show = "Yes" if numbered else "No"
    return (
        f'  <SceneNumberOptions LeftLocation="0.75" NumberScheme="1A" RightLocation="7.38" '
        f'ShowNumbersOnLeft="{show}" ShowNumbersOnRight="{show}">\n'
        "    " + _FONT.format(style="") + "\n"
        "  </SceneNumberOptions>\n"
    )
