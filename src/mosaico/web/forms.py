"""Reading the fields of HTML forms, where an empty box means "not given"."""

from __future__ import annotations

from mosaico.errors import ValidationError


def episode_number(value: str | None, field: str = "episode") -> int | None:
    """An episode box: empty for none, else a whole number from 1."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 6 or int(value) < 1:
        raise ValidationError(field, f"expected an episode number from 1, got {value[:40]!r}")
    return int(value)
