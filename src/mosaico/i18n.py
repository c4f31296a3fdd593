"""Spanish and English: gettext catalogs (``locale/<lang>/LC_MESSAGES/mosaico.po``).

The ``.po`` files are the source; they are read with Babel at start-up, so no
compiled binaries are kept in the repository. To add strings: wrap them in
``_()`` in templates or code, then run
``pybabel extract -F babel.cfg -o messages.pot src/mosaico`` and
``pybabel update -i messages.pot -d src/mosaico/locale -D mosaico``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"


@cache
def _messages(language: str) -> dict[str, str]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "mosaico.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def translator(language: str) -> Callable[[str], str]:
    """A ``gettext`` for one language; unknown strings come back unchanged."""
    messages = _messages(language if language in LANGUAGES else DEFAULT_LANGUAGE)

    def gettext(text: str) -> str:
        return messages.get(text, text)

    return gettext


def negotiate(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The language for a request: ``?lang=``, then the cookie, then Accept-Language."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE
