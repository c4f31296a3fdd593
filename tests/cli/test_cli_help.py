"""Every command says what it does, and `--help` works on each."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from mosaico.cli.main import build_app


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        assert (command.help or "").strip(), f"`mosaico {' '.join(path)}` has no help text"
        if hasattr(command, "commands"):  # a group of subcommands
            found.extend(_commands(command, path))
    return found


def test_every_command_has_help_text_and_answers_help() -> None:
    root = typer.main.get_command(build_app())
    paths = _commands(root)
    for expected in [("production", "create"), ("import",), ("scenes",), ("export",), ("demo",)]:
        assert expected in paths
    runner = CliRunner()
    for path in paths:
        result = runner.invoke(build_app(), [*path, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, path
