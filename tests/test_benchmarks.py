"""Every benchmark suite runs end to end at a tiny size, so the benchmark code cannot rot.

Nothing here is timed: the suites check their own results (every item stored, a warm poll
all 304s, the matcher and the naive loop agreeing, the window showing every film) and raise
when they are wrong; these tests check that each produces complete rows for the table.
"""

from __future__ import annotations

import pytest

from benchmarks.__main__ import SUITES
from benchmarks.harness import Row, format_table


@pytest.mark.parametrize("name", sorted(SUITES))
def test_suite_runs_at_a_tiny_size_and_fills_its_rows(name: str) -> None:
    rows: list[Row] = SUITES[name](quick=True, tiny=True)
    assert rows
    for row in rows:
        assert row.subject_s > 0, row
        assert row.baseline_s > 0, row
        assert row.baseline_name, row
        if row.target:
            assert isinstance(row.met, bool), row
    table = format_table(rows)
    for row in rows:
        assert row.name in table


def test_the_table_shows_each_ratio_and_whether_the_target_was_met() -> None:
    rows = [
        Row("fast thing", 0.002, "slow baseline", 0.004, target="<= 1x", met=True),
        Row("memory", 150.0, "bare", 100.0, target="< 300 MB", met=False, unit="MB"),
    ]
    lines = format_table(rows).splitlines()
    assert "2.0 ms" in lines[2] and "slow baseline: 4.0 ms" in lines[2]
    assert "0.500x" in lines[2] and "yes" in lines[2]
    assert "150.0 MB" in lines[3] and "1.500x" in lines[3] and "NO" in lines[3]
