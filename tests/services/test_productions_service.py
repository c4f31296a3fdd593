"""Productions through the services: names, languages, updates with the version read."""

from __future__ import annotations

import pytest

from mosaico.errors import Conflict, NotFound, ValidationError
from mosaico.services import productions
from mosaico.services.context import Workspace


def test_create_then_find_by_name_and_by_id(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        made = productions.create(session=session, name="somos", title="Somos.", language="es")
    with workspace.transaction() as session:
        assert productions.get(session=session, name="somos") == made
        assert productions.get_or_raise(session=session, production_id=made.id) == made
        assert productions.get(session=session, name="nadie") is None
        with pytest.raises(NotFound):
            productions.get_or_raise(session=session, production_id=made.id + 1000)
    assert (made.slug, made.timezone, made.version) == ("somos", "America/Mexico_City", 1)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("name", {"name": "Somos Serie"}),
        ("name", {"name": "../etc"}),
        ("language", {"name": "ok", "language": "fr"}),
        ("timezone", {"name": "ok", "timezone": "Mars/Olympus"}),
        ("timezone", {"name": "ok", "timezone": "../../etc/passwd"}),
        ("title", {"name": "ok", "title": "x" * 301}),
    ],
)
def test_bad_fields_are_named(workspace: Workspace, field: str, kwargs: dict[str, str]) -> None:
    with workspace.transaction() as session, pytest.raises(ValidationError) as caught:
        productions.create(session=session, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_name_is_taken_once(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        productions.create(session=session, name="somos")
    with workspace.transaction() as session, pytest.raises(Conflict):
        productions.create(session=session, name="somos")


def test_an_update_with_the_version_read_goes_through(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        made = productions.create(session=session, name="somos")
    with workspace.transaction() as session:
        changed = productions.update(
            session=session, production_id=made.id, version=made.version, title="Somos."
        )
    assert (changed.title, changed.version) == ("Somos.", 2)


def test_an_update_with_a_stale_version_is_a_conflict(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        made = productions.create(session=session, name="somos")
    with workspace.transaction() as session:
        productions.update(session=session, production_id=made.id, version=1, title="Theirs")
    with workspace.transaction() as session, pytest.raises(Conflict, match="version 2"):
        productions.update(session=session, production_id=made.id, version=1, title="Mine")
    with workspace.transaction() as session:
        assert productions.get_or_raise(session=session, name="somos").title == "Theirs"
