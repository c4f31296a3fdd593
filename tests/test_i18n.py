"""Spanish and English: choosing the language, and catalogs that hold every string."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from mosaico import i18n

SRC = Path(i18n.__file__).parent
ROOT = SRC.parents[1]
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _extracted() -> set[str]:
    """Every message id the code and templates ask for, extracted as babel.cfg says."""
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def _catalog(language: str) -> dict[str, object]:
    with i18n.catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        (m.id if isinstance(m.id, str) else m.id[0]): m.string
        for m in catalog
        if m.id and not m.fuzzy
    }


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "default", "expected"),
    [
        ("en", "es", "es", "es", "en"),  # ?lang= first
        (None, "en", "es-MX,es;q=0.9", "es", "en"),  # then the cookie
        (None, None, "fr-FR,fr;q=0.9,en;q=0.8,es;q=0.7", "es", "en"),  # then Accept-Language
        (None, None, "es;q=0.2, en;q=0.9", None, "en"),  # weights, not order
        (None, None, "en;q=0, es", None, "es"),  # q=0 means "not this one"
        (None, None, "fr, de", "en", "en"),  # then the production's language
        ("xx", "yy", "*", None, "es"),  # nothing usable: Spanish
        (None, None, "en;q=bad, es-ES", None, "es"),
    ],
)
def test_negotiate(
    query: str | None, cookie: str | None, accept: str | None, default: str | None, expected: str
) -> None:
    assert i18n.negotiate(query=query, cookie=cookie, accept=accept, default=default) == expected


def test_gettext_translates_and_falls_back() -> None:
    assert i18n.gettext("es", "Productions") == "Producciones"
    assert i18n.gettext("en", "Productions") == "Productions"
    assert i18n.gettext("es", "A string nobody wrote") == "A string nobody wrote"
    assert i18n.gettext("klingon", "Scenes") == "Escenas"  # unknown code: the default


def test_plurals() -> None:
    spanish = i18n.translations("es")
    assert spanish.ngettext("%(num)d scene", "%(num)d scenes", 1) % {"num": 1} == "1 escena"
    assert spanish.ngettext("%(num)d scene", "%(num)d scenes", 3) % {"num": 3} == "3 escenas"
    english = i18n.translations("en")
    assert english.ngettext("%(num)d scene", "%(num)d scenes", 0) % {"num": 0} == "0 scenes"


def test_catalogs_hold_every_string_and_spanish_translates_each() -> None:
    wanted = _extracted()
    assert "Productions" in wanted and "Day" in wanted  # templates and N_() both found
    for language in i18n.LANGUAGES:
        missing = wanted - set(_catalog(language))
        assert not missing, f"run the pybabel update in mosaico/i18n.py; {language} lacks {missing}"
    untranslated = [key for key, value in _catalog("es").items() if not value or value == ("", "")]
    assert untranslated == []


def test_translations_keep_their_placeholders() -> None:
    for language in i18n.LANGUAGES:
        for key, value in _catalog(language).items():
            for text in [value] if isinstance(value, str) else list(value):
                if text:
                    assert sorted(_PLACEHOLDER.findall(text)) == sorted(
                        _PLACEHOLDER.findall(key)
                    ), (language, key)


def test_no_compiled_catalog_is_kept() -> None:
    assert not list((SRC / "locale").rglob("*.mo"))
    assert (ROOT / "babel.cfg").exists()
