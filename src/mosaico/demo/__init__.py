"""mosaico.demo."""
