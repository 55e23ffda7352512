"""PyInstaller's entry script: the same ``main()`` as the installed ``watchlist`` command."""

import sys

from watchlist.cli.app import main

sys.exit(main())
