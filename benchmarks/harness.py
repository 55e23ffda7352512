"""What every benchmark row shares: timing, peak memory and a table with baseline ratios.

Each row measures the subject and a baseline in the same run, so the ratio holds on a noisy
machine; absolute numbers are printed for the record, never asserted.
"""

from __future__ import annotations

import gc
import platform
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Row:
    """One line of the results table; ``subject_s`` and ``baseline_s`` are in ``unit``
    (seconds unless the row measures something else, such as "MB" of memory)."""

    name: str
    subject_s: float
    baseline_name: str
    baseline_s: float
    detail: str = ""
    target: str = ""
    met: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)
    unit: str = "s"

    @property
    def ratio(self) -> float:
        """Subject time over baseline time (below 1 means faster than the baseline)."""
        return self.subject_s / self.baseline_s if self.baseline_s > 0 else float("inf")


def timed(fn: Callable[[], T], *, repeat: int = 1) -> tuple[float, T]:
    """Best wall time of ``repeat`` calls and the last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    assert result is not None or repeat > 0
    return best, result  # type: ignore[return-value]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_line() -> str:
    """The machine the numbers came from."""
    import os

    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores"


def _amount(value: float, unit: str) -> str:
    # Times are stored in seconds and shown in milliseconds; other units as they are.
    return f"{value * 1000:.1f} ms" if unit == "s" else f"{value:.1f} {unit}"


def format_table(rows: list[Row]) -> str:
    """A plain-text table of the rows, one per line."""
    header = ("benchmark", "subject", "baseline", "ratio", "target", "met", "detail")
    lines = [header]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "NO")
        lines.append(
            (
                row.name,
                _amount(row.subject_s, row.unit),
                f"{row.baseline_name}: {_amount(row.baseline_s, row.unit)}",
                f"{row.ratio:.3f}x",
                row.target,
                met,
                row.detail,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for i, line in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(line)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
