"""Request-scoped dependencies shared by the routers: the workspace and a transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from mosaico.services.context import Workspace


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def get_session(workspace: Annotated[Workspace, Depends(get_workspace)]) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with workspace.transaction() as session:
        yield session


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
# scope="function": commit as soon as the route returns, before the response goes out,
# so a redirect after a write never reaches a reader before the commit.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
