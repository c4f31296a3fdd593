"""mosaico.breakdown."""
