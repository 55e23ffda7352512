"""Entry point: ``watchlist`` and ``python -m watchlist`` (a verb runs the CLI, none the window)."""

from __future__ import annotations

import sys

from watchlist.cli.app import main

if __name__ == "__main__":
    sys.exit(main())
