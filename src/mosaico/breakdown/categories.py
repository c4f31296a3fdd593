"""Breakdown categories as data: a key for machine output, a name as people see it, a colour.

The defaults follow Final Draft's Tagger (its category names) and the colours a
breakdown sheet customarily uses (cast red, stunts orange, background green,
special effects blue, props violet, vehicles and animals pink, and so on).
Shops differ, so a production copies ``DEFAULT_CATEGORIES``, renames, recolours
or adds its own; nothing in the code branches on a particular category.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mosaico.errors import ValidationError

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True, slots=True)
class Category:
    """One breakdown category: ``key`` is stable (stored, sent over the API); the rest is editable."""

    key: str
    name: str
    name_es: str
    color: str


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("cast", "Cast Members", "Reparto", "#FF0000"),
    Category("cast_silent", "Cast Members (Silent)", "Reparto (sin diálogo)", "#FF6666"),
    Category("background", "Background Actors", "Extras", "#00A000"),
    Category("stunts", "Stunts", "Dobles y acrobacias", "#FF8C00"),
    Category("vehicles", "Vehicles", "Vehículos", "#FF66CC"),
    Category("props", "Props", "Utilería", "#8A2BE2"),
    Category("camera", "Camera", "Cámara", "#4682B4"),
    Category("special_effects", "Special Effects", "Efectos especiales", "#0000FF"),
    Category("wardrobe", "Wardrobe", "Vestuario", "#00CED1"),
    Category("makeup_hair", "Makeup/Hair", "Maquillaje y peinado", "#FF69B4"),
    Category("animals", "Animals", "Animales", "#C71585"),
    Category("animal_wrangler", "Animal Wrangler", "Entrenador de animales", "#DA70D6"),
    Category("music", "Music", "Música", "#A0522D"),
    Category("sound", "Sound", "Sonido", "#8B4513"),
    Category("art_department", "Art Department", "Departamento de arte", "#6B8E23"),
    Category("set_dressing", "Set Dressing", "Ambientación", "#D2B48C"),
    Category("greenery", "Greenery", "Vegetación", "#228B22"),
    Category("special_equipment", "Special Equipment", "Equipo especial", "#708090"),
    Category("security", "Security", "Seguridad", "#2F4F4F"),
    Category("additional_labor", "Additional Labor", "Personal adicional", "#B8860B"),
    Category("vfx", "Optical FX", "Efectos visuales", "#1E90FF"),
    Category("mechanical_fx", "Mechanical FX", "Efectos mecánicos", "#4169E1"),
    Category("weapons", "Weapons", "Armas", "#800000"),
    Category("misc", "Miscellaneous", "Varios", "#808080"),
    Category("notes", "Notes", "Notas", "#FFD700"),
)


def check_categories(categories: Iterable[Category]) -> tuple[Category, ...]:
    """The categories, checked: keys well formed and unique, colours ``#RRGGBB``, names present.

    A production's own list comes from people, so each fault names its field.
    """
    checked: list[Category] = []
    seen: set[str] = set()
    for position, category in enumerate(categories, start=1):
        where = f"categories[{position}]"
        if not _KEY.match(category.key):
            raise ValidationError(f"{where}.key", f"{category.key!r} is not a lower-case key")
        if category.key in seen:
            raise ValidationError(f"{where}.key", f"{category.key!r} appears twice")
        if not category.name.strip():
            raise ValidationError(f"{where}.name", "a category needs a name")
        if not _COLOUR.match(category.color):
            raise ValidationError(f"{where}.color", f"{category.color!r} is not #RRGGBB")
        seen.add(category.key)
        checked.append(category)
    return tuple(checked)


def by_key(categories: Sequence[Category]) -> dict[str, Category]:
    """Categories indexed by key, for lookups while tagging or drawing a sheet."""
    return {category.key: category for category in categories}


# Final Draft's Tagger names (and older spellings) that differ from the defaults' names.
_FILE_NAMES = {
    "cast": "cast",
    "cast member": "cast",
    "animal handler": "animal_wrangler",
    "visual effects": "vfx",
    "vfx": "vfx",
    "mechanical effects": "mechanical_fx",
    "makeup": "makeup_hair",
    "hair/makeup": "makeup_hair",
    "extras": "background",
}


def key_for_name(name: str, categories: Sequence[Category]) -> str | None:
    """The key of the category a script file names (``Props``, ``Animal Handler``, ``Utilería``).

    Compared without case against each category's key, English and Spanish
    names, then Final Draft's own names; ``None`` when none matches.
    """
    wanted = name.strip().casefold()
    for category in categories:
        if wanted in (category.key, category.name.casefold(), category.name_es.casefold()):
            return category.key
    key = _FILE_NAMES.get(wanted)
    if key is not None and any(category.key == key for category in categories):
        return key
    return None


def new_key(name: str, taken: Iterable[str]) -> str:
    """A key for a category known only by its name (``Drones & Rigs`` → ``drones_rigs``)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:32] or "category"
    if not base[0].isalpha():
        base = f"c_{base}"[:32]
    used = set(taken)
    key, number = base, 2
    while key in used:
        key, number = f"{base}_{number}", number + 1
    return key
