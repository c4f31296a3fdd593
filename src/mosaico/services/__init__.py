"""mosaico.services."""
