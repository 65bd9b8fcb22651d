"""``python -m app.cli``: the same as the ``socketscope-cli`` script."""

from __future__ import annotations

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
