"""Files kept by content hash: same bytes once, paths never from a filename."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mosaico.errors import NotFound, ValidationError
from mosaico.store import files


def test_a_file_is_kept_under_its_sha256(tmp_path: Path) -> None:
    data = b"INT. CASA - DIA\n\nAlgo pasa.\n"
    digest = files.save(tmp_path, data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert (tmp_path / digest[:2] / digest).read_bytes() == data
    assert files.load(tmp_path, digest) == data


def test_the_same_bytes_are_kept_once(tmp_path: Path) -> None:
    first = files.save(tmp_path, b"same")
    second = files.save(tmp_path, b"same")
    assert first == second
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [first]


def test_a_digest_from_outside_never_becomes_a_path(tmp_path: Path) -> None:
    for hostile in ("../../etc/passwd", "ab/../../x", "A" * 64, "", "0" * 63):
        with pytest.raises(ValidationError, match="digest"):
            files.load(tmp_path, hostile)


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        files.load(tmp_path, "0" * 64)
