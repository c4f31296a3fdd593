"""Breakdown tags in FDX ``TagData``: read from Final Draft, written the way Final Draft writes."""

from __future__ import annotations

from defusedxml.ElementTree import fromstring
from hypothesis import given
from hypothesis import strategies as st

from conftest import SCRIPTS
from mosaico.screenplay.fdx import parse_fdx, write_fdx
from mosaico.screenplay.fdx_tags import FINAL_DRAFT_CATEGORIES, color_from_fdx, color_to_fdx
from mosaico.screenplay.model import Element, ElementType, Screenplay, Tag, TagCategory

E = ElementType
PROPS = "05c556eb-6bc1-4a3a-b09f-f8b5ba1b6afa"
VEHICLES = "04721a56-f54b-49c8-80ad-d53887d6b851"
CAST = "01fc9642-84ff-4366-b37c-a3068dee57e8"

TAGGED = f"""<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
  <Content>
    <Paragraph Number="1" Type="Scene Heading"><Text>EXT. RANCH - DAY</Text></Paragraph>
    <Paragraph Type="Action">
      <Text>ÉRIKA loads the </Text><Text TagNumber="1">RED PICKUP</Text><Text> with a </Text><Text Style="Bold" TagNumber="2">SHOT</Text><Text TagNumber="2">GUN</Text><Text>.</Text>
    </Paragraph>
    <Paragraph Type="Character"><Text TagNumber="3">ÉRIKA</Text><Text> (O.S.)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>Vámonos.</Text></Paragraph>
    <Paragraph Type="Action"><Text TagNumber="4">The pickup</Text><Text> stalls.</Text></Paragraph>
  </Content>
  <TagData>
    <TagCategories>
      <TagCategory Color="#00000000FFFF" Id="{CAST}" Name="Cast" Number="1" Style="Bold"/>
      <TagCategory Color="#8B8B00000000" Id="{VEHICLES}" Name="Vehicles" Number="4" Style="Bold"/>
      <TagCategory Color="#FFFF00000000" Id="{PROPS}" Name="Props" Number="5" Style="Bold"/>
    </TagCategories>
    <TagDefinitions>
      <TagDefinition CatId="{VEHICLES}" Id="d-pickup" Label="RED PICKUP" Number="1"/>
      <TagDefinition CatId="{PROPS}" Id="d-pickup-prop" Label="PICKUP KEYS" Number="2"/>
      <TagDefinition CatId="{PROPS}" Id="d-gun" Label="SHOTGUN" Number="3"/>
      <TagDefinition CatId="{CAST}" Id="d-erika" Label="ÉRIKA" Number="4"/>
    </TagDefinitions>
    <Tags>
      <Tag Number="1"><DefId>d-pickup</DefId><DefId>d-pickup-prop</DefId></Tag>
      <Tag Number="2"><DefId>d-gun</DefId></Tag>
      <Tag Number="3"><DefId>d-erika</DefId></Tag>
      <Tag Number="4"><DefId>d-pickup</DefId></Tag>
    </Tags>
  </TagData>
</FinalDraft>
""".encode()


def _covered(screenplay: Screenplay) -> list[tuple[str, str, str]]:
    """Each tag as (category, name, the text it covers)."""
    return [
        (tag.category, tag.name, screenplay.elements[tag.element].text[tag.start : tag.end])
        for tag in screenplay.tags
    ]


def test_final_draft_tags_arrive_with_their_text() -> None:
    screenplay = parse_fdx(TAGGED, "tagged.fdx")
    assert screenplay.warnings == ()
    assert [c.name for c in screenplay.tag_categories] == ["Cast", "Vehicles", "Props"]
    assert screenplay.tag_categories[1] == TagCategory("Vehicles", "#8B0000", VEHICLES, 4)
    assert screenplay.elements[1].text == "ÉRIKA loads the RED PICKUP with a **SHOT**GUN."
    assert _covered(screenplay) == [
        # One stretch tagged in two categories gives a tag for each.
        ("Props", "PICKUP KEYS", "RED PICKUP"),
        ("Vehicles", "RED PICKUP", "RED PICKUP"),
        # Runs split by a style change are still one tag.
        ("Props", "SHOTGUN", "SHOT**GUN"),
        # On a cue, the tag covers the name.
        ("Cast", "ÉRIKA", "ÉRIKA"),
        ("Vehicles", "RED PICKUP", "The pickup"),
    ]
    assert [tag.element for tag in screenplay.tags] == [1, 1, 1, 2, 4]


def test_tags_survive_a_round_trip_through_mosaicos_fdx() -> None:
    screenplay = parse_fdx(TAGGED)
    again = parse_fdx(write_fdx(screenplay))
    assert again.elements == screenplay.elements
    assert again.tags == screenplay.tags
    assert again.tag_categories == screenplay.tag_categories
    # And a second trip writes the very same file.
    assert write_fdx(again) == write_fdx(screenplay)


def test_written_tags_have_final_drafts_structure() -> None:
    root = fromstring(write_fdx(parse_fdx(TAGGED)))
    data = root.find("TagData")
    assert data is not None
    assert [child.tag for child in data] == ["TagCategories", "TagDefinitions", "Tags"]
    categories = {c.get("Id"): c.attrib for c in data.iterfind("TagCategories/TagCategory")}
    assert categories[VEHICLES] == {
        "Color": "#8B8B00000000",
        "Id": VEHICLES,
        "Name": "Vehicles",
        "Number": "4",
        "Style": "Bold",
    }
    definitions = {d.get("Id"): d.attrib for d in data.iterfind("TagDefinitions/TagDefinition")}
    assert sorted((d["Label"], d["CatId"]) for d in definitions.values()) == [
        ("PICKUP KEYS", PROPS),
        ("RED PICKUP", VEHICLES),
        ("SHOTGUN", PROPS),
        ("ÉRIKA", CAST),
    ]
    assert all(len(def_id or "") == 36 for def_id in definitions)  # lower-case UUIDs
    tags = {
        t.get("Number"): [d.text for d in t.iterfind("DefId")] for t in data.iterfind("Tags/Tag")
    }
    assert all(ref in definitions for refs in tags.values() for ref in refs)
    numbers = {run.get("TagNumber") for run in root.iter("Text") if run.get("TagNumber")}
    assert numbers == set(tags)


def test_mosaico_tags_are_written_for_final_draft_and_read_back() -> None:
    elements = (
        Element(E.SCENE_HEADING, "EXT. MERCADO - DÍA"),
        Element(E.ACTION, "20 JORNALEROS wait by a HORSE and a CART."),
    )
    tags = (
        Tag("Background Actors", "jornaleros", 1, 0, 13),
        Tag("Animals", "HORSE", 1, 24, 29),
        Tag("Animal Wrangler", "HORSE WRANGLER", 1, 24, 29),
        Tag("Set Dressing", "market cart", 1, 36, 40),
        Tag("Props", "outside", 7, 0, 3),  # no such element: left out
    )
    screenplay = Screenplay(elements=elements, tags=tags)
    written = write_fdx(screenplay)
    again = parse_fdx(written)
    assert set(again.tags) == set(tags[:4])
    by_name = {c.name: c for c in again.tag_categories}
    # Final Draft's default categories keep Final Draft's ids and colours.
    assert by_name["Animals"].id == "09cb0d1c-ce01-4f22-bb64-b5f2e6c491c6"
    assert by_name["Animal Wrangler"].id == "0ae40617-cc7c-48e6-ae2b-5aaecc09986f"
    assert by_name["Set Dressing"].color == "#BA55D3"
    assert len({c.number for c in again.tag_categories}) == len(again.tag_categories)


def test_overlapping_tags_keep_their_own_spans() -> None:
    elements = (Element(E.ACTION, "A BLACK HORSE runs."),)
    tags = (Tag("Animals", "BLACK HORSE", 0, 2, 13), Tag("Props", "saddle", 0, 8, 18))
    again = parse_fdx(write_fdx(Screenplay(elements=elements, tags=tags)))
    assert set(again.tags) == set(tags)


def test_a_production_category_outside_final_drafts_list_gets_an_id_and_number() -> None:
    categories = (TagCategory("Weapons", "#FF8800"),)
    tags = (Tag("Weapons", "MACHETE", 0, 0, 7),)
    screenplay = Screenplay(
        elements=(Element(E.ACTION, "MACHETE on the table."),),
        tag_categories=categories,
        tags=tags,
    )
    again = parse_fdx(write_fdx(screenplay))
    (weapons,) = again.tag_categories
    assert (weapons.name, weapons.color) == ("Weapons", "#FF8800")
    assert len(weapons.id) == 36 and weapons.number > 0
    assert again.tags == tags


def test_final_drafts_default_categories_are_read_from_its_file() -> None:
    sample = parse_fdx((SCRIPTS / "fdx-real" / "screenplay-tools-TestFDX-FD.fdx").read_bytes())
    assert sorted(sample.tag_categories, key=lambda c: c.number) == list(FINAL_DRAFT_CATEGORIES)
    assert sample.tags == ()


def test_tags_of_an_unknown_category_are_kept_with_a_warning() -> None:
    data = TAGGED.replace(f'CatId="{PROPS}" Id="d-gun"'.encode(), b'CatId="nope" Id="d-gun"')
    screenplay = parse_fdx(data)
    assert ("Category nope", "SHOTGUN", "SHOT**GUN") in _covered(screenplay)
    (warning,) = screenplay.warnings
    assert "'SHOTGUN'" in warning.message and "'nope'" in warning.message
    assert warning.line is not None


def test_dangling_tag_references_are_warnings_not_failures() -> None:
    data = TAGGED.replace(b"<DefId>d-erika</DefId>", b"<DefId>d-missing</DefId>")
    data = data.replace(b'<Text TagNumber="4">', b'<Text TagNumber="99">')
    screenplay = parse_fdx(data)
    names = [tag.name for tag in screenplay.tags]
    assert "ÉRIKA" not in names
    assert names.count("RED PICKUP") == 1  # the run tagged 99 names no Tag
    assert any("'d-missing'" in w.message for w in screenplay.warnings)
    assert any(
        "tagged '99'" in w.message and "paragraph 5" in w.message for w in screenplay.warnings
    )


def test_colours_convert_between_final_draft_and_rgb() -> None:
    assert color_from_fdx("#8B8B45451313") == "#8B4513"
    assert color_from_fdx("#00ff7f") == "#00FF7F"
    assert color_from_fdx("red") == "#000000"
    assert color_to_fdx("#8B4513") == "#8B8B45451313"
    assert color_to_fdx(color_from_fdx("#CDCD85853F3F")) == "#CDCD85853F3F"


_WORDS = st.text(alphabet="abc ", min_size=1, max_size=30).map(lambda t: f"x{t}x")


def _merged(tags: set[Tag]) -> set[Tag]:
    """Tags of one element and definition that touch or overlap read back as one."""
    out: set[Tag] = set()
    keyed: dict[tuple[str, str, int], list[tuple[int, int]]] = {}
    for tag in tags:
        keyed.setdefault((tag.category, tag.name, tag.element), []).append((tag.start, tag.end))
    for (category, name, element), spans in keyed.items():
        spans.sort()
        start, end = spans[0]
        for next_start, next_end in spans[1:]:
            if next_start <= end:
                end = max(end, next_end)
            else:
                out.add(Tag(category, name, element, start, end))
                start, end = next_start, next_end
        out.add(Tag(category, name, element, start, end))
    return out


@st.composite
def _tagged_scripts(draw: st.DrawFn) -> Screenplay:
    texts = draw(st.lists(_WORDS, min_size=1, max_size=4))
    elements = tuple(Element(E.ACTION, text) for text in texts)
    tags = set()
    for _ in range(draw(st.integers(0, 6))):
        element = draw(st.integers(0, len(elements) - 1))
        size = len(elements[element].text)
        start = draw(st.integers(0, size - 1))
        end = draw(st.integers(start + 1, size))
        category = draw(st.sampled_from(["Props", "Animals", "Weapons"]))
        tags.add(Tag(category, draw(st.sampled_from(["A", "B"])), element, start, end))
    return Screenplay(elements=elements, tags=tuple(sorted(tags, key=repr)))


@given(_tagged_scripts())
def test_any_tags_on_plain_text_read_back(screenplay: Screenplay) -> None:
    again = parse_fdx(write_fdx(screenplay))
    assert again.elements == screenplay.elements
    assert set(again.tags) == _merged(set(screenplay.tags))


def test_tags_on_notes_and_synopses_are_left_out_of_the_file() -> None:
    elements = (
        Element(E.SCENE_HEADING, "INT. BARN - NIGHT"),
        Element(E.SYNOPSIS, "A LANTERN is lit."),
        Element(E.ACTION, "A LANTERN burns."),
        Element(E.NOTE, "LANTERN from props?"),
    )
    tags = (
        Tag("Props", "LANTERN", 1, 2, 9),
        Tag("Props", "LANTERN", 2, 2, 9),
        Tag("Props", "LANTERN", 3, 0, 7),
    )
    written = write_fdx(Screenplay(elements=elements, tags=tags))
    again = parse_fdx(written)
    assert again.elements == elements
    assert again.tags == (Tag("Props", "LANTERN", 2, 2, 9),)
    assert written.count(b"<Tag Number=") == 1
