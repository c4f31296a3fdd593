"""mosaico.store."""
