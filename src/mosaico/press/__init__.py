"""mosaico.press."""
