"""A production holding one episode of the demo series, for the job tests."""

from __future__ import annotations

from mosaico.demo.series import load_series
from mosaico.services import productions, scripts
from mosaico.services.context import Workspace


def import_demo_episode(workspace: Workspace, name: str = "demo", number: int = 1) -> None:
    """Episode ``number`` of the demo series (about 40 scenes) in production ``name``."""
    episode = load_series().episodes[number - 1]
    with workspace.transaction() as session:
        if productions.get(session=session, name=name) is None:
            productions.create(session=session, name=name)
        scripts.import_script(
            session=session,
            production=name,
            data=episode.script.encode("utf-8"),
            source=episode.file,
            limits=workspace.settings.limits,
            files_dir=workspace.settings.files_dir,
            episode=number,
        )
