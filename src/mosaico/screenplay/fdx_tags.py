"""Final Draft's breakdown tags (``TagData``), read into the model and written back.

In an FDX file a tag lives in three places::

    <Text TagNumber="7">RED PICKUP</Text>                       in a paragraph
    <Tag Number="7"><DefId>d1…</DefId></Tag>                    an occurrence
    <TagDefinition CatId="c4…" Id="d1…" Label="RED PICKUP" Number="3"/>   the element
    <TagCategory Color="#8B8B00000000" Id="c4…" Name="Vehicles" Number="4"/>

One occurrence may carry several definitions (the same words tagged in two
categories). The model keeps a flat ``Tag(category, name, element, start, end)``
per definition and stretch of text; the writer groups them back into
occurrences, one ``Tag`` number per stretch with the same definitions.
Definition and category ids that mosaico makes are name-based UUIDs, so writing
the same script twice gives the same file.
"""

from __future__ import annotations

import itertools
import re
import uuid
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from mosaico.screenplay.model import ReadWarning, Tag, TagCategory

#: The Tagger's default categories as Final Draft writes them in a new script
#: (ids, numbers and colours as in ``fdx-real/screenplay-tools-TestFDX-FD.fdx``).
#: A category with one of these names keeps Final Draft's id when mosaico writes it.
FINAL_DRAFT_CATEGORIES: tuple[TagCategory, ...] = tuple(
    TagCategory(name, color, f"{prefix}-{rest}", number)
    for number, name, color, prefix, rest in (
        (1, "Cast", "#0000FF", "01fc9642", "84ff-4366-b37c-a3068dee57e8"),
        (2, "Background Actors", "#00BFFF", "028a4e2b", "b507-4d09-88ab-90e3edae9071"),
        (3, "Stunts", "#FFA500", "0377dbe6", "77a3-41af-bda8-86eb2468fdbf"),
        (4, "Vehicles", "#8B0000", "04721a56", "f54b-49c8-80ad-d53887d6b851"),
        (5, "Props", "#FF0000", "05c556eb", "6bc1-4a3a-b09f-f8b5ba1b6afa"),
        (6, "Camera", "#CCFF00", "47b02ff1", "5161-4137-b736-f36eebba7643"),
        (7, "Special Effects", "#1E90FF", "069e18b8", "2109-4f3d-94e7-d802027a60a8"),
        (8, "Wardrobe", "#800080", "0726fa85", "1e65-4ab8-87de-bf21d09b01f0"),
        (9, "Makeup/Hair", "#9370DB", "08ae1eef", "32ce-415f-9a9b-0982d2453ec4"),
        (10, "Animals", "#CD853F", "09cb0d1c", "ce01-4f22-bb64-b5f2e6c491c6"),
        (11, "Animal Handler", "#8B4513", "0ae40617", "cc7c-48e6-ae2b-5aaecc09986f"),
        (12, "Music", "#20B2AA", "0b0b44c9", "aa4b-4c40-88b1-d94472ad7a26"),
        (13, "Sound", "#008080", "0ce7d308", "096d-4603-8fe8-349f72cd89ff"),
        (14, "Set Dressing", "#BA55D3", "0debb71b", "5743-4c53-80cc-e17e841ce645"),
        (15, "Greenery", "#008000", "0e7a8fc5", "5441-4bad-a9bf-5ddd3fe51c69"),
        (16, "Special Equipment", "#BDB76B", "0ff5cda4", "4d43-4cfe-940f-91380c46fdad"),
        (17, "Security", "#DAA520", "109d0eaa", "0334-4823-ac0c-b44d3f209dc4"),
        (18, "Additional Labor", "#B8860B", "1179a4b1", "70ee-4011-b4a2-809a0af09e92"),
        (19, "Visual Effects", "#32CD32", "12ab0932", "e3b9-4b4a-bcd0-3da1b4e61d5e"),
        (20, "Mechanical Effects", "#B22222", "135cc9d1", "c4d5-4d00-83d9-571f584ea9cd"),
        (21, "Miscellaneous", "#708090", "148267ae", "50ae-4746-8202-659fb7447b55"),
        (22, "Notes", "#FFD700", "15b6f4fd", "4e74-4ad8-9971-b239d88c2997"),
    )
)
# Other names the trade uses for the same defaults (mosaico's and older Final Drafts').
_ALIASES = {
    "cast members": "Cast",
    "animal wrangler": "Animal Handler",
    "optical fx": "Visual Effects",
    "vfx": "Visual Effects",
    "mechanical fx": "Mechanical Effects",
}
_BY_NAME = {category.name.casefold(): category for category in FINAL_DRAFT_CATEGORIES}
_NAMESPACE = uuid.UUID("6f1c0a52-4a8e-4f7e-9d55-3b7f0c9e2d11")  # mosaico's own, for uuid5
_COLOR = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{12})$")


def color_from_fdx(value: str | None) -> str:
    """``#RRRRGGGGBBBB`` (16 bits a channel) → ``#RRGGBB``; anything unreadable → black."""
    match = _COLOR.match(value or "")
    if match is None:
        return "#000000"
    digits = match.group(1).upper()
    if len(digits) == 6:
        return f"#{digits}"
    return "#" + digits[0:2] + digits[4:6] + digits[8:10]


def color_to_fdx(value: str) -> str:
    """``#RRGGBB`` → Final Draft's ``#RRRRGGGGBBBB``."""
    match = _COLOR.match(value)
    if match is None:
        return "#000000000000"
    digits = match.group(1).upper()
    if len(digits) == 12:
        return f"#{digits}"
    return "#" + "".join(digits[i : i + 2] * 2 for i in range(0, 6, 2))


# --- reading -----------------------------------------------------------------------


@dataclass(slots=True)
class TagIndex:
    """What a file's ``TagData`` says: its categories, and each ``Tag`` number's (category, name)."""

    categories: list[TagCategory] = field(default_factory=list)
    occurrences: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    warnings: list[ReadWarning] = field(default_factory=list)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def read_tag_data(root: ET.Element, lines: dict[ET.Element, int]) -> TagIndex:
    """Read ``TagData``; dangling references become warnings, never failures."""
    index = TagIndex()
    block = root.find("TagData")
    if block is None:
        return index
    by_id: dict[str, str] = {}
    for node in block.iterfind("TagCategories/TagCategory"):
        name = (node.get("Name") or "").strip()
        if not name:
            index.warnings.append(ReadWarning(lines.get(node), "a tag category without a name"))
            continue
        category = TagCategory(
            name, color_from_fdx(node.get("Color")), node.get("Id") or "", _int(node.get("Number"))
        )
        index.categories.append(category)
        if category.id:
            by_id[category.id] = name
    definitions: dict[str, tuple[str, str]] = {}
    for node in block.iterfind("TagDefinitions/TagDefinition"):
        label = (node.get("Label") or "").strip()
        cat_id = node.get("CatId") or ""
        category_name = by_id.get(cat_id)
        if category_name is None:
            category_name = f"Category {cat_id or '?'}"
            by_id[cat_id] = category_name
            index.categories.append(TagCategory(category_name, id=cat_id))
            index.warnings.append(
                ReadWarning(
                    lines.get(node),
                    f"tag {label!r} names a category that is not in TagCategories "
                    f"({cat_id!r}); kept under {category_name!r}",
                )
            )
        definitions[node.get("Id") or ""] = (category_name, label)
    for node in block.iterfind("Tags/Tag"):
        number = node.get("Number") or ""
        found: list[tuple[str, str]] = []
        for ref in node.iterfind("DefId"):
            definition = definitions.get((ref.text or "").strip())
            if definition is None:
                index.warnings.append(
                    ReadWarning(
                        lines.get(node),
                        f"tag {number} refers to a tag definition that does not exist "
                        f"({(ref.text or '').strip()!r}); left out",
                    )
                )
            elif definition not in found:
                found.append(definition)
        index.occurrences[number] = found
    return index


def collect_tags(
    element: int, tagged_runs: Iterable[tuple[int, int, str]], index: TagIndex
) -> list[Tag]:
    """Tags of one element from its runs' ``(start, end, TagNumber)``, in text order.

    Runs next to each other that carry the same definition make one tag: Final
    Draft splits a tagged phrase into runs where its style changes.
    """
    open_spans: dict[tuple[str, str], tuple[int, int]] = {}
    out: list[Tag] = []
    previous: set[tuple[str, str]] = set()
    for start, end, number in tagged_runs:
        if start >= end:  # an empty run neither starts nor breaks a tag
            continue
        current = set(index.occurrences.get(number, ()))
        for key in previous - current:
            span = open_spans.pop(key)
            out.append(Tag(key[0], key[1], element, span[0], span[1]))
        for key in index.occurrences.get(number, ()):
            first = open_spans.get(key, (start, end))[0]
            open_spans[key] = (first, end)
        previous = current
    for key, span in open_spans.items():
        out.append(Tag(key[0], key[1], element, span[0], span[1]))
    out = [tag for tag in out if tag.start < tag.end]  # an empty tagged run covers nothing
    out.sort(key=lambda tag: (tag.start, tag.end, tag.category, tag.name))
    return out


# --- writing -----------------------------------------------------------------------


@dataclass(slots=True)
class TagPlan:
    """How the writer lays tags out: per element, ``(start, end, tag number)`` stretches."""

    stretches: dict[int, list[tuple[int, int, int]]]
    xml: str


def _category_for(name: str, taken: set[int]) -> TagCategory:
    """A category for a name: Final Draft's own when it is one of its defaults, else a new one."""
    default = _BY_NAME.get(_ALIASES.get(name.casefold(), name).casefold())
    if default is not None:
        number = default.number if default.number not in taken else max(taken, default=0) + 1
        return TagCategory(name, default.color, default.id, number)
    return TagCategory(
        name, "#808080", str(uuid.uuid5(_NAMESPACE, "category:" + name)), max(taken, default=0) + 1
    )


def plan_tags(categories: Sequence[TagCategory], tags: Sequence[Tag], elements: int) -> TagPlan:
    """Categories, definitions and occurrences for ``TagData``, and where each goes in the text.

    Tags on elements that do not exist or with empty spans are left out.
    """
    known: dict[str, TagCategory] = {}
    taken: set[int] = set()
    for category in categories:
        filled = category
        if not category.id or not category.number:
            made = _category_for(category.name, taken)
            filled = TagCategory(
                category.name,
                category.color,
                category.id or made.id,
                category.number or made.number,
            )
        known[filled.name] = filled
        taken.add(filled.number)
    per_element: dict[int, list[Tag]] = defaultdict(list)
    for tag in tags:
        if 0 <= tag.element < elements and tag.start < tag.end:
            per_element[tag.element].append(tag)
            if tag.category not in known:
                known[tag.category] = _category_for(tag.category, taken)
                taken.add(known[tag.category].number)
    definitions: dict[tuple[str, str], tuple[str, int]] = {}
    occurrences: list[list[str]] = []
    stretches: dict[int, list[tuple[int, int, int]]] = {}
    for element in sorted(per_element):
        marks = sorted(
            {tag.start for tag in per_element[element]} | {tag.end for tag in per_element[element]}
        )
        laid: list[tuple[int, int, int]] = []
        previous: tuple[tuple[str, str], ...] = ()
        for start, end in itertools.pairwise(marks):
            keys = tuple(
                sorted(
                    {
                        (tag.category, tag.name)
                        for tag in per_element[element]
                        if tag.start <= start and end <= tag.end
                    }
                )
            )
            if not keys:
                previous = ()
                continue
            ids = []
            for key in keys:
                if key not in definitions:
                    category = known[key[0]]
                    def_id = str(uuid.uuid5(_NAMESPACE, f"definition:{category.id}:{key[1]}"))
                    definitions[key] = (def_id, len(definitions) + 1)
                ids.append(definitions[key][0])
            if keys == previous and laid and laid[-1][1] == start:
                laid[-1] = (laid[-1][0], end, laid[-1][2])
            else:
                occurrences.append(ids)
                laid.append((start, end, len(occurrences)))
            previous = keys
        stretches[element] = laid
    return TagPlan(stretches, _tag_data_xml(list(known.values()), definitions, occurrences))


def _tag_data_xml(
    categories: list[TagCategory],
    definitions: dict[tuple[str, str], tuple[str, int]],
    occurrences: list[list[str]],
) -> str:
    out = ["  <TagData>", "    <TagCategories>"]
    for category in categories:
        out.append(
            f"      <TagCategory Color={quoteattr(color_to_fdx(category.color))} "
            f"Id={quoteattr(category.id)} Name={quoteattr(category.name)} "
            f'Number="{category.number}" Style="Bold"/>'
        )
    out.append("    </TagCategories>")
    ids = {category.name: category.id for category in categories}
    if definitions:
        out.append("    <TagDefinitions>")
        for (category_name, label), (def_id, number) in definitions.items():
            out.append(
                f"      <TagDefinition CatId={quoteattr(ids[category_name])} Id={quoteattr(def_id)} "
                f'Label={quoteattr(label)} Number="{number}"/>'
            )
        out.append("    </TagDefinitions>")
    if occurrences:
        out.append("    <Tags>")
        for number, refs in enumerate(occurrences, start=1):
            out.append(f'      <Tag Number="{number}">')
            out.extend(f"        <DefId>{escape(ref)}</DefId>" for ref in refs)
            out.append("      </Tag>")
        out.append("    </Tags>")
    out.append("  </TagData>")
    return "\n".join(out) + "\n"
