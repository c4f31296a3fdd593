"""Uploaded files kept by content hash, never at a path taken from a filename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save(files_dir: Path, data: bytes) -> str:
    """Store ``data`` under ``files_dir/ab/abcdef…`` (atomically) and return its SHA-256."""
    digest = sha256(data)
    target = files_dir / digest[:2] / digest
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temp, target)
    return digest


def load(files_dir: Path, digest: str) -> bytes:
    if len(digest) != 64 or not all(char in "0123456789abcdef" for char in digest):
        raise ValueError(f"not a SHA-256 digest: {digest!r}")
    return (files_dir / digest[:2] / digest).read_bytes()
