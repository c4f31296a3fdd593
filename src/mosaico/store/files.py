"""Uploaded files kept by content hash, never at a path taken from a filename.

A file with SHA-256 ``abcdef…`` lives at ``<files dir>/ab/abcdef…``: the same
bytes are stored once, and no name sent from outside ever becomes part of a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from mosaico.errors import NotFound, ValidationError

_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_of(files_dir: Path, digest: str) -> Path:
    """Where the file with this digest is (or would be) kept."""
    if not _DIGEST.match(digest):
        raise ValidationError("digest", f"not a SHA-256 digest: {digest[:80]!r}")
    return files_dir / digest[:2] / digest


def save(files_dir: Path, data: bytes) -> str:
    """Store ``data`` (atomically: written aside, then renamed) and return its SHA-256."""
    digest = sha256(data)
    target = path_of(files_dir, digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest


def load(files_dir: Path, digest: str) -> bytes:
    """The bytes stored under ``digest``."""
    path = path_of(files_dir, digest)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFound("stored file", digest) from exc
