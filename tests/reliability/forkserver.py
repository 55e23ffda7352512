"""Runs ``watchlist`` commands in forked children, so a test can kill them cheaply and often.

``python -m tests.reliability.forkserver`` imports the CLI once, then for each JSON argv line
on stdin forks a child that runs ``watchlist.cli.app.main(argv)`` (exactly what
``python -m watchlist ARGV`` runs, without paying for interpreter start-up every time), prints
the child's pid, waits for it, and prints its exit code (negative: the signal that ended it).
"""

from __future__ import annotations

import json
import os
import sys

from watchlist.cli.app import main


def serve() -> None:
    """Answer argv lines until stdin closes."""
    for line in sys.stdin:
        argv = json.loads(line)
        pid = os.fork()
        if pid == 0:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            os._exit(main(argv))
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    serve()
