"""mosaico.schedule."""
