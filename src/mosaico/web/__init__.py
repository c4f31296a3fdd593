"""mosaico.web."""
