"""mosaico.reports."""
