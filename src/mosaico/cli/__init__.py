"""mosaico.cli."""
