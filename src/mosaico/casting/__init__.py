"""mosaico.casting."""
