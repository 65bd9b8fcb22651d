"""SocketScope widgets. Imports ``app``; ``app`` never imports this package."""
