"""mosaico.story."""
