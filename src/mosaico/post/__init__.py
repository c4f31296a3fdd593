"""mosaico.post."""
