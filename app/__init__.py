"""SocketScope core: sockets, workers, codecs, framing, checksums, log store, history, settings.

This package may use ``PySide6.QtCore`` but never widgets, so everything in it runs and is
tested without a window.
"""

__version__ = "0.1.0"
