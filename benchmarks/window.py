"""Row 4: the window with a 10,000-film watchlist: start, sort, a filter keystroke, memory.

Start: ``python -m watchlist`` runs in a child process (offscreen Qt, a temporary home, a
database following 10,000 films) with ``WATCHLIST_BENCH_REPORT`` set, so it prints the moment
the film table first painted rows and quits; the time counts from just before the process was
started. Its baseline is a bare QApplication with an empty QMainWindow started the same way.
Each child reports its own peak memory (VmHWM: ``wait4`` would count the memory of this
process, which the child was forked from); CPU time comes from ``wait4``.

Sort and filter: ``benchmarks.window_child interact`` opens the same window in a child, sorts
the table by year and types into the filter box, each until the table has repainted. The
baselines are a plain Python sort and filter of the same rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from benchmarks import corpus
from benchmarks.harness import Row, timed
from watchlist.core.db import Database, open_database
from watchlist.core.feeds.registry import DEFAULT_FEEDS_STATE_KEY
from watchlist.core.models import AppState, Film, utcnow
from watchlist.ui.startup_report import ENV_VAR

START_TARGET_S = 1.5
FILTER_TARGET_S = 0.05
RSS_TARGET_MB = 300
STATUSES = ("unannounced", "in_development", "in_production", "acquired", "dated", "premiered")


def _prepare_database(db: Database, films: Sequence[corpus.FilmSeed]) -> None:
    """Follow ``films`` with a spread of statuses, deals and dates; no feeds to poll."""
    corpus.add_films(db, films)
    now = utcnow()
    with db.session() as session:
        # The marker says the default feeds were subscribed, so the window adds none.
        session.add(AppState(key=DEFAULT_FEEDS_STATE_KEY, value={"done": True}))
        for number, status in enumerate(STATUSES):
            values: dict[str, object] = {"status": status}
            if status == "acquired":
                values.update(
                    deal_buyer="Netflix", deal_price_text="$20M", deal_price_usd=20_000_000
                )
            if status == "dated":
                values.update(release_date="2027-03-05", release_precision="day")
            session.execute(
                update(Film)
                .where(Film.id % len(STATUSES) == number)
                .values(**values, last_event_at=now - timedelta(hours=number))
            )


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    env.pop("WATCHLIST_DB", None)
    return env


def _run_child(args: list[str], env: dict[str, str]) -> tuple[float, str, float]:
    """Start a process; return its start time, its output and the CPU seconds it used
    (which, unlike wall time, other load on the machine barely changes)."""
    started = time.time()
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({process.returncode}): {err[-2000:]}")
    return started, out, usage.ru_utime + usage.ru_stime


def _time_to_paint(args: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, float]:
    """Best start-to-first-paint time over ``repeat`` runs, the largest peak RSS and the
    least CPU time of a whole run (start, paint and quit)."""
    best, peak, cpu = float("inf"), 0.0, float("inf")
    for _ in range(repeat):
        started, out, used = _run_child(args, env)
        lines = [line for line in out.splitlines() if line.startswith("first-paint ")]
        if not lines:
            raise RuntimeError(f"{' '.join(args)} never reported its first paint: {out[-500:]}")
        _label, painted, peak_mb = lines[0].split()
        best = min(best, float(painted) - started)
        peak = max(peak, float(peak_mb))
        cpu = min(cpu, used)
    return best, peak, cpu


def run(*, quick: bool, tiny: bool = False) -> list[Row]:
    """Measure the window rows (``tiny``: the smoke test's size)."""
    n_films = 200 if tiny else 2_000 if quick else 10_000
    repeat = 1 if quick or tiny else 3
    films = corpus.followed_films(n_films)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db_path = home / "window.sqlite3"
        db_url = f"sqlite:///{db_path}"
        db = open_database(db_url)
        _prepare_database(db, films)
        db.dispose()
        env = _child_env(home)
        app_s, app_rss, app_cpu = _time_to_paint(
            [sys.executable, "-m", "watchlist", "--db", db_url], {**env, ENV_VAR: "1"}, repeat
        )
        bare_s, bare_rss, bare_cpu = _time_to_paint(
            [sys.executable, "-m", "benchmarks.window_child", "bare"], env, repeat
        )
        _started, out, _cpu = _run_child(
            [
                sys.executable,
                "-m",
                "benchmarks.window_child",
                "interact",
                db_url,
                str(home / "interact.ini"),
            ],
            env,
        )
        timings = json.loads(out.strip().splitlines()[-1])
    if timings["rows"] != n_films:
        raise RuntimeError(f"the window showed {timings['rows']} films, not {n_films}")

    rows = [(film.title, (number * 7919) % 60 + 1970) for number, film in enumerate(films)]
    sort_base_s, _ = timed(lambda: sorted(rows, key=lambda r: r[1], reverse=True), repeat=5)
    haystacks = [f"{title} {year}".casefold() for title, year in rows]
    filter_base_s, _ = timed(lambda: [h for h in haystacks if "ro" in h], repeat=5)
    interact_rss = float(timings["peak_mb"])
    peak_rss = max(app_rss, interact_rss)
    return [
        Row(
            f"window: start to {n_films:,} films painted",
            app_s,
            "bare QApplication + empty QMainWindow",
            bare_s,
            detail=(
                f"best of {repeat} processes; CPU {app_cpu:.2f} s "
                f"(bare {bare_cpu:.2f} s) from start to exit"
            ),
            target=f"< {START_TARGET_S} s",
            met=app_s < START_TARGET_S,
        ),
        Row(
            f"window: sort {n_films:,} rows by year",
            timings["sort_s"],
            "Python sorted() of the same rows",
            sort_base_s,
            detail="until the table has repainted",
        ),
        Row(
            "window: filter keystroke",
            timings["filter_s"],
            "Python list filter of the same rows",
            filter_base_s,
            detail=(
                f"slowest of 2 keys, until repainted (CPU {timings['filter_cpu_s'] * 1000:.0f} ms);"
                f" {timings['filtered_rows']:,} rows left"
            ),
            target=f"< {FILTER_TARGET_S * 1000:.0f} ms",
            met=timings["filter_s"] < FILTER_TARGET_S,
        ),
        Row(
            f"window: peak RSS with {n_films:,} films",
            peak_rss,
            "bare Qt window",
            bare_rss,
            detail=f"start {app_rss:.0f} MB, after sort and filter {interact_rss:.0f} MB",
            target=f"< {RSS_TARGET_MB} MB",
            met=peak_rss < RSS_TARGET_MB,
            unit="MB",
        ),
    ]
