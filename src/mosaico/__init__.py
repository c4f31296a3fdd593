"""mosaico: a production system for ensemble TV series and films.

Importing this package opens no file, reads no environment and connects to
nothing; settings, engines and apps are built by functions.
"""

__version__ = "0.1.0"
