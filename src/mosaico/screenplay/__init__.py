"""Screenplays: Fountain and FDX in and out, PDF in and out, pagination to eighths (pure)."""
