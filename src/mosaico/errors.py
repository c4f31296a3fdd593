"""The one error hierarchy of mosaico.

    MosaicoError                  anything a user can act on
    ├── InputError                bad input from outside (files, forms, API bodies)
    │   ├── ScriptImportError     a script that cannot be read: names the file and line
    │   └── ValidationError       a field with a wrong value: names the field
    ├── NotFound                  a production, episode or scene that does not exist
    │                             (or belongs to another production)
    ├── Conflict                  a name already taken, or a stale version on update
    ├── LimitExceeded             a size or time limit from the settings was passed
    └── ScheduleError             the scheduler could not answer
        └── Infeasible            no schedule satisfies the rules; names the rules

Third-party failures are wrapped where they enter (``raise ... from exc``), so a
pure core never lets a framework's error escape. The web app and the CLI each
translate a ``MosaicoError`` once, at their edge.
"""

from __future__ import annotations


class MosaicoError(Exception):
    """Base of every error a user can act on. ``str(err)`` is the message to show."""

    #: HTTP status the web edge answers with.
    status_code: int = 400


class InputError(MosaicoError):
    """Input from outside the program is wrong."""


class ScriptImportError(InputError):
    """A script file could not be read. Names the file, the line when known, and why."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class ValidationError(InputError):
    """A field holds a value that is not allowed. Names the field (or row) and what was expected."""

    status_code = 422

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class NotFound(MosaicoError):
    """Something asked for does not exist in this production."""

    status_code = 404

    def __init__(self, kind: str, key: object, production: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self.production = production
        scope = f" in production {production!r}" if production else ""
        super().__init__(f"{kind} {key!r} not found{scope}")


class Conflict(MosaicoError):
    """A name is already taken, or an update carried a stale version."""

    status_code = 409


class LimitExceeded(InputError):
    """A configured size or time limit was passed. Names the limit and its setting."""

    status_code = 413


class ScheduleError(MosaicoError):
    """The scheduler could not produce an answer."""


class Infeasible(ScheduleError):
    """No schedule satisfies the rules. ``rules`` names the smallest conflicting set found."""

    status_code = 422

    def __init__(self, rules: list[str]) -> None:
        self.rules = rules
        super().__init__("no schedule satisfies these rules together: " + "; ".join(rules))
