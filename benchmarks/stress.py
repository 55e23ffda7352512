"""The long reliability runs, on demand: ``python -m benchmarks.stress [--kills N] [--examples N]``.

Runs tests/reliability with the sizes raised (more SIGKILLs, a longer fuzzing campaign) and the
tests marked ``slow`` included (the 1,000-feed load), which the normal suite leaves out.
Extra arguments go to pytest (``-k crash``, ``-x``). Exits with pytest's exit code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the stress variants of the reliability tests."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stress")
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs in the crash test")
    parser.add_argument(
        "--examples", type=int, default=2000, help="hypothesis examples per feed fuzz test"
    )
    parser.add_argument("--seed", type=int, help="replay the crash test's kill points")
    args, pytest_args = parser.parse_known_args(argv)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["WATCHLIST_STRESS_KILLS"] = str(args.kills)
    env["WATCHLIST_STRESS_FUZZ_EXAMPLES"] = str(args.examples)
    if args.seed is not None:
        env["WATCHLIST_CRASH_SEED"] = str(args.seed)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/reliability",
        # The suite's default "-m 'not slow'" is overridden: here the slow variants run too.
        "-m",
        "slow or not slow",
        "-p",
        "no:cacheprovider",
        "-s",
        *pytest_args,
    ]
    print(" ".join(command), file=sys.stderr, flush=True)
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
