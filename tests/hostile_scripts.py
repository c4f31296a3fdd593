"""Script files a user (or an attacker) might send, each with what its error must say.

Shared by the service and CLI tests, so both edges are shown the same files.
"""

from __future__ import annotations

from dataclasses import dataclass

from mosaico.errors import LimitExceeded, MosaicoError, ScriptImportError

_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    b'<FinalDraft DocumentType="Script" Version="5"><Content>'
    b'<Paragraph Type="Action"><Text>&lol4;</Text></Paragraph></Content></FinalDraft>'
)
_EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b'<FinalDraft><Content><Paragraph Type="Action"><Text>&secret;</Text></Paragraph>'
    b"</Content></FinalDraft>"
)


def _invoice_pdf() -> bytes:
    from weasyprint import HTML

    html = "<h1>Invoice 2041</h1><p>Catering, 14 March: 1,200 pesos.</p><p>Thank you.</p>"
    document: bytes = HTML(string=html).write_pdf()
    return document


@dataclass(frozen=True)
class Hostile:
    """A bad file: its name, how to make its bytes, the error, and what the message says."""

    name: str
    error: type[MosaicoError]
    says: str
    line: int | None = None

    def data(self) -> bytes:
        return _MAKERS[self.name]()


_MAKERS = {
    "empty.fountain": lambda: b"",
    "blank.fountain": lambda: b"\n\n   \r\n\t\n",
    "photo.fountain": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,
    "long-line.fountain": lambda: b"INT. HOUSE - DAY\n\n" + b"x" * 100_000 + b"\n",
    "bomb.fdx": lambda: _LAUGHS,
    "external-entity.fdx": lambda: _EXTERNAL,
    "broken.fdx": lambda: b'<?xml version="1.0"?><FinalDraft><Content><Paragraph>',
    "invoice.pdf": _invoice_pdf,
    "truncated.pdf": lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog",
}

HOSTILE = (
    Hostile("empty.fountain", ScriptImportError, "empty"),
    Hostile("blank.fountain", ScriptImportError, "empty"),
    Hostile("photo.fountain", ScriptImportError, "not a text file"),
    Hostile("long-line.fountain", ScriptImportError, "100,000 characters", line=3),
    Hostile("bomb.fdx", ScriptImportError, "DTD"),
    Hostile("external-entity.fdx", ScriptImportError, "DTD"),
    Hostile("broken.fdx", ScriptImportError, "XML"),
    Hostile("invoice.pdf", ScriptImportError, "does not look like a screenplay"),
    Hostile("truncated.pdf", ScriptImportError, "not a readable PDF"),
)

FIFTY_MB = 50 * 1024 * 1024


def fifty_megabytes() -> bytes:
    """A 50 MB Fountain file: many copies of one short scene."""
    scene = b"INT. BODEGA - NOCHE\n\nCajas y cajas.\n\n"
    return scene * (FIFTY_MB // len(scene) + 1)


OVERSIZE = Hostile("huge.fountain", LimitExceeded, "over the limit")
