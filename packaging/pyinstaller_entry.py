"""PyInstaller's entry script: the same ``main()`` as the installed ``watchlist`` command."""

import multiprocessing
import sys

from watchlist.cli.app import main

# Large polls parse feeds in worker processes (watchlist.core.feeds.parse_workers); in a
# frozen app a worker re-runs this script, and this call turns it into the worker.
multiprocessing.freeze_support()
sys.exit(main())
