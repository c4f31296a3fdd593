"""The upload size limit, enforced while the body arrives.

FastAPI reads (and spools to disk) a whole multipart body before a route or a
dependency runs, so a limit checked there comes too late for a body without a
``Content-Length``. This middleware counts bytes as they are received and stops
at the limit; the error travels as an ``HTTPException`` (which FastAPI lets
through its body parsing) and ``web.errors`` answers it as the ``LimitExceeded``
it carries.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mosaico.errors import LimitExceeded

#: Room for the multipart envelope and the small form fields around a file.
ENVELOPE = 64 * 1024


class BodyTooLarge(HTTPException):
    """A request body over the limit; ``error`` is what the user is told."""

    def __init__(self, error: LimitExceeded) -> None:
        super().__init__(status_code=error.status_code, detail=str(error))
        self.error = error


def _too_large(size: int, limit: int, declared: bool) -> BodyTooLarge:
    said = "says it is" if declared else "is over"
    return BodyTooLarge(
        LimitExceeded(
            f"the upload {said} {size:,} bytes; the limit is {limit:,} (setting MOSAICO_MAX_BYTES)"
        )
    )


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` plus a small envelope."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        allowed = self.max_bytes + ENVELOPE
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        received = 0

        async def counted() -> Message:
            nonlocal received
            if declared.isdigit() and int(declared) > allowed:
                raise _too_large(int(declared), self.max_bytes, declared=True)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > allowed:
                    raise _too_large(received, self.max_bytes, declared=False)
            return message

        await self.app(scope, counted, send)
