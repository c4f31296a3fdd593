"""Spanish and English: gettext catalogs in ``locale/<lang>/LC_MESSAGES/mosaico.po``.

The ``.po`` files are the source and the only thing kept in git: each is
compiled in memory the first time a language is asked for, so no ``.mo``
binary is ever built or committed.

Adding strings (a later page only does this):

1. wrap them: ``{{ _("Call sheet") }}`` in a template, with
   ``{{ ngettext("%(num)d day", "%(num)d days", n) % {"num": n} }}`` for plurals
   (placeholders are filled after translation, so the words can move); in
   Python, ``N_("...")`` marks a word that a page translates later;
2. ``pybabel extract -F babel.cfg -k N_ -o /tmp/mosaico.pot src/mosaico``
3. ``pybabel update -i /tmp/mosaico.pot -d src/mosaico/locale -D mosaico --no-fuzzy-matching``
4. write the Spanish in ``es/…/mosaico.po`` (English may stay empty: the
   English text is the message id). ``tests/test_i18n.py`` fails while a
   string is missing from a catalog or untranslated in Spanish.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "mosaico"
LANGUAGES = ("es", "en")
LANGUAGE_NAMES = {"es": "Español", "en": "English"}
DEFAULT_LANGUAGE = "es"


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> Translations:
    """The compiled catalog of ``language`` (the default language for an unknown code)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(language: str, message: str) -> str:
    """``message`` in ``language``; an untranslated message comes back as written."""
    return translations(language).gettext(message)


def accepted_languages(header: str | None) -> list[str]:
    """Language codes of an ``Accept-Language`` header, best first (``q`` weights honoured)."""
    weighted: list[tuple[float, int, str]] = []
    for order, part in enumerate((header or "").split(",")[:32]):
        code, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        primary = code.strip().lower().split("-")[0]
        if primary and weight > 0:
            weighted.append((-weight, order, primary))
    return [code for _, _, code in sorted(weighted)]


def negotiate(
    *,
    query: str | None = None,
    cookie: str | None = None,
    accept: str | None = None,
    default: str | None = None,
) -> str:
    """The language of a request: ``?lang=``, the cookie, ``Accept-Language``, then ``default``."""
    for candidate in (query, cookie, *accepted_languages(accept), default):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE
