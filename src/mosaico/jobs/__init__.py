"""mosaico.jobs."""
