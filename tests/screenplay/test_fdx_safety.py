"""An FDX from outside is untrusted: every bad file gets a clear error naming it."""

from __future__ import annotations

import pytest

from mosaico.errors import InputError, LimitExceeded, ScriptImportError
from mosaico.screenplay.fdx import parse_fdx
from mosaico.screenplay.limits import Limits
from mosaico.screenplay.model import ElementType


def _fdx(content: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{content}\n</Content>\n</FinalDraft>\n"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol4;</Text></Paragraph></Content></FinalDraft>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&secret;</Text></Paragraph></Content></FinalDraft>
"""

PLAIN_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft SYSTEM "http://example.com/finaldraft.dtd">
<FinalDraft><Content/></FinalDraft>
"""


@pytest.mark.parametrize(
    ("data", "line"),
    [(BILLION_LAUGHS, 2), (EXTERNAL_ENTITY, 2), (PLAIN_DTD, 2)],
    ids=["billion-laughs", "external-entity", "dtd"],
)
def test_dtds_and_entities_are_refused_naming_file_and_line(data: bytes, line: int) -> None:
    with pytest.raises(ScriptImportError) as caught:
        parse_fdx(data, "bomb.fdx")
    assert caught.value.source == "bomb.fdx"
    assert caught.value.line == line
    assert "bomb.fdx, line 2" in str(caught.value)
    assert "DTD" in str(caught.value)


def test_malformed_xml_reports_the_parsers_line() -> None:
    data = _fdx('<Paragraph Type="Action">\n<Text>unclosed</Paragraph>')
    with pytest.raises(ScriptImportError) as caught:
        parse_fdx(data, "broken.fdx")
    assert caught.value.line == 5
    assert "broken.fdx, line 5" in str(caught.value)
    assert "not well-formed" in str(caught.value)


def test_xml_that_is_not_final_draft_is_refused() -> None:
    with pytest.raises(ScriptImportError, match=r"notes\.xml: not a Final Draft file.*<html>"):
        parse_fdx(b"<html><body>hello</body></html>", "notes.xml")


def test_final_draft_root_without_content_is_refused() -> None:
    with pytest.raises(ScriptImportError, match="has no <Content>"):
        parse_fdx(b'<FinalDraft DocumentType="Script"/>', "empty.fdx")


def test_empty_bytes_are_malformed_xml() -> None:
    with pytest.raises(ScriptImportError, match=r"empty\.fdx.*not well-formed"):
        parse_fdx(b"", "empty.fdx")


def test_binary_garbage_is_an_import_error_not_a_crash() -> None:
    with pytest.raises(ScriptImportError, match=r"garbage\.fdx"):
        parse_fdx(bytes(range(256)) * 4, "garbage.fdx")


def test_nesting_deeper_than_the_limit_is_refused_while_parsing() -> None:
    deep = "<Text>" * 200 + "</Text>" * 200
    data = _fdx(f'<Paragraph Type="Action">{deep}</Paragraph>')
    with pytest.raises(LimitExceeded, match=r"deep\.fdx, line 4: XML nested deeper than 64"):
        parse_fdx(data, "deep.fdx")
    # The same file reads under a limit that allows it.
    screenplay = parse_fdx(data, "deep.fdx", Limits(max_xml_depth=300))
    assert [element.kind for element in screenplay.elements] == []


def test_files_over_the_size_limit_are_refused_before_parsing() -> None:
    data = _fdx('<Paragraph Type="Action"><Text>' + "x" * 5000 + "</Text></Paragraph>")
    with pytest.raises(LimitExceeded, match=r"big\.fdx: .* over the limit of 1,000") as caught:
        parse_fdx(data, "big.fdx", Limits(max_bytes=1000))
    assert isinstance(caught.value, InputError)


def test_a_paragraph_longer_than_the_line_limit_names_its_line() -> None:
    data = _fdx('<Paragraph Type="Action">\n<Text>' + "word " * 30_000 + "</Text></Paragraph>")
    with pytest.raises(ScriptImportError) as caught:
        parse_fdx(data, "long.fdx")
    assert caught.value.line == 4
    assert "150,000 characters" in str(caught.value)


def test_too_many_elements_hit_the_element_limit() -> None:
    paragraphs = '<Paragraph Type="Action"><Text>x</Text></Paragraph>\n' * 20
    with pytest.raises(LimitExceeded, match="more than 10 elements"):
        parse_fdx(_fdx(paragraphs), "many.fdx", Limits(max_elements=10))


def test_unknown_paragraph_type_is_a_warning_and_read_as_action() -> None:
    data = _fdx(
        '<Paragraph Type="Action"><Text>First.</Text></Paragraph>\n'
        '<Paragraph Type="Hologram"><Text>Glows.</Text></Paragraph>'
    )
    screenplay = parse_fdx(data, "odd.fdx")
    assert [(e.kind, e.text) for e in screenplay.elements] == [
        (ElementType.ACTION, "First."),
        (ElementType.ACTION, "Glows."),
    ]
    (warning,) = screenplay.warnings
    assert warning.line == 5
    assert "paragraph 2" in warning.message
    assert "'Hologram'" in warning.message
