"""Run the benchmarks and print one table: ``python -m benchmarks [--quick] [--only NAME]``."""

from __future__ import annotations

import argparse
import sys

from benchmarks import matching, poll, storage, window
from benchmarks.harness import Row, format_table, machine_line

SUITES = {
    "poll": poll.run,
    "matching": matching.run,
    "window": window.run,
    "storage": storage.run,
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark suites and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--only", choices=sorted(SUITES), action="append")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for name, run in SUITES.items():
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(run(quick=args.quick))
    print(machine_line())
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
