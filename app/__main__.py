"""``python -m app``: start the SocketScope window (UI-CONTRACT.md "Entry points").

This module is the composition root, the one place where the core hands over to the widgets.
The core's modules never import ``ui``; importing ``app`` or any ``app.*`` module stays free of
widgets. The hand-over is by module name so that importing this package never loads them.
"""

from __future__ import annotations

import importlib
import sys


def main() -> int:
    launcher = importlib.import_module("ui.launch")
    return int(launcher.main())


if __name__ == "__main__":
    sys.exit(main())
