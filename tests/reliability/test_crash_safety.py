"""Crash safety: ``watchlist poll`` and ``watchlist import`` killed with SIGKILL at random points.

After every kill the database passes ``PRAGMA integrity_check``, every followed film and every
committed event is still there, an import is all or nothing, and the next run completes the
poll (articles stored but not processed get processed; feeds not reached get polled).

Each command runs in a child forked from a process that has already imported Watchlist
(tests/reliability/forkserver.py: the same ``main`` as ``python -m watchlist``), so twenty kills
cost seconds, not minutes of interpreter start-up. The kill points are random within each run:
the delay is drawn between zero and 90% of an uninterrupted run, from a seed printed for
reproduction (``WATCHLIST_CRASH_SEED=<seed>`` replays it; the stress command kills more often).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from select import select as wait_readable

from sqlalchemy import func, select, update

from tests.conftest import REPO_ROOT
from tests.core.feeds.conftest import TEST_LIMITS
from tests.feedserver import FeedServer, Route
from tests.reliability.conftest import cli_env, integrity, news_feed, stress_size
from watchlist.core.db import Database, open_database
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.poller import FeedPoller
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Article, Event, Feed, Film
from watchlist.core.pipeline import run_poll
from watchlist.core.team.claims import CLAIM_LEASE

FEEDS = 12
ITEMS_PER_FEED = 8
FILMS_PER_IMPORT = 500
SEEDED_EVENTS = 12


@dataclass(frozen=True)
class Snapshot:
    """What must survive any crash."""

    followed: frozenset[str]
    events: frozenset[tuple[int, int, str]]
    films: int


def snapshot(db: Database) -> Snapshot:
    with db.session() as session:
        followed = frozenset(session.scalars(select(Film.identity_key).where(Film.followed)))
        events = frozenset(
            (row.id, row.film_id, row.fingerprint)
            for row in session.execute(select(Event.id, Event.film_id, Event.fingerprint))
        )
        films = session.scalar(select(func.count()).select_from(Film)) or 0
    return Snapshot(followed, events, films)


def seed(db: Database, server: FeedServer) -> None:
    """Followed films with committed events, and the feeds to poll."""
    now = datetime.now(UTC)
    with db.session() as session:
        for number in range(SEEDED_EVENTS):
            film = add_film(session, FilmSpec(f"Good Sex {number}", 2026))
            session.add(
                Event(
                    film_id=film.id,
                    kind="deal.acquisition",
                    fingerprint=f"netflix-{number}",
                    fields={"buyer": "Netflix"},
                    evidence="Netflix acquires Good Sex",
                    occurred_at=now,
                )
            )
        for number in range(FEEDS):
            add_feed(session, server.url(f"/feed{number}.xml"))


def publish(server: FeedServer, round_number: int) -> None:
    """New items on every feed, so each poll has articles to store."""
    for number in range(FEEDS):
        body = news_feed(number + 1000 * round_number, ITEMS_PER_FEED)
        server.add(f"/feed{number}.xml", Route(body=body))


def make_all_due(db: Database, now: datetime) -> None:
    """Time passes: every feed is due again, as at the start of a scheduled poll."""
    with db.session() as session:
        session.execute(update(Feed).values(next_poll_at=now - timedelta(minutes=1)))


def write_import_csv(path: Path, round_number: int) -> set[str]:
    """A watchlist CSV of new films; returns their titles."""
    titles = {f"Imported {round_number}-{index}" for index in range(FILMS_PER_IMPORT)}
    rows = "".join(f'"{title}",2026,"Jane Doe (director)"\r\n' for title in sorted(titles))
    path.write_text("title,year,people\r\n" + rows, encoding="utf-8")
    return titles


class ForkedCli:
    """``python -m tests.reliability.forkserver``: each command runs in a fresh forked child."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=cli_env(),
            cwd=REPO_ROOT,
            text=True,
            bufsize=1,
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def _line(self, timeout: float | None) -> str | None:
        assert self.process.stdout is not None
        ready, _, _ = wait_readable([self.process.stdout], [], [], timeout)
        return self.process.stdout.readline().strip() if ready else None

    def run(self, args: list[str], *, kill_after: float | None = None) -> int:
        """Run ``watchlist ARGS``; SIGKILL it after ``kill_after`` s. Returns the exit code."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(args) + "\n")
        pid = int(self._line(60) or 0)
        assert pid, "the fork server did not start the command"
        code = self._line(kill_after if kill_after is not None else 120)
        if code is None:
            os.kill(pid, signal.SIGKILL)
            code = self._line(30)
        assert code is not None
        return int(code)

    def timed(self, args: list[str]) -> float:
        """Length of an uninterrupted run (it must succeed)."""
        started = time.monotonic()
        assert self.run(args) == 0, args
        return time.monotonic() - started


def complete_poll(db: Database) -> None:
    """The next start: poll what is due, then detect over every pending article.

    It runs once the claim lease has run out: a killed scheduled poll (``poll --once``) had
    claimed its due feeds for that long, so that two pollers of a team database never fetch a
    feed twice.
    """
    later = datetime.now(UTC) + CLAIM_LEASE + timedelta(minutes=1)
    with HttpxFeedClient(TEST_LIMITS) as client:
        run_poll(db, poller=FeedPoller(db, client=client, clock=lambda: later), due_only=True)


def test_sigkill_during_poll_and_import_never_loses_committed_data(tmp_path: Path) -> None:
    seed_value = int(os.environ.get("WATCHLIST_CRASH_SEED", random.randrange(1 << 32)))
    kills = stress_size("KILLS", 20)
    print(f"crash-safety seed {seed_value} ({kills} kills); WATCHLIST_CRASH_SEED replays it")
    rng = random.Random(seed_value)
    db_path = tmp_path / "watchlist.sqlite3"
    db_url = f"sqlite:///{db_path}"
    csv_path = tmp_path / "BIG.csv"
    db = open_database(db_url)
    cli = ForkedCli()
    poll_args = ["--db", db_url, "poll", "--once", "--all"]
    import_args = ["--db", db_url, "import", str(csv_path)]
    with FeedServer() as server:
        seed(db, server)
        # Calibration: how long uninterrupted runs take on this machine.
        publish(server, 0)
        poll_length = cli.timed(poll_args)
        write_import_csv(csv_path, 0)
        import_length = cli.timed(import_args)
        print(f"uninterrupted: poll {poll_length:.2f} s, import {import_length:.2f} s")
        killed_mid_run = 0
        round_number = 0
        # A kill that lands after the run ended tests nothing, so rounds go on until ``kills``
        # runs were really interrupted (bounded, for a machine whose speed swings a lot).
        while killed_mid_run < kills and round_number < 3 * kills:
            round_number += 1
            before = snapshot(db)
            started = datetime.now(UTC)
            kind = ("poll", "import", "scheduled poll", "import")[round_number % 4]
            if kind.endswith("poll"):
                publish(server, round_number)
                make_all_due(db, started)
                args = poll_args if kind == "poll" else poll_args[:-1]  # without --all
                length = poll_length
            else:
                new_titles = write_import_csv(csv_path, round_number)
                args = import_args
                length = import_length
            delay = rng.uniform(0, 0.9 * length)
            where = f"seed {seed_value}, round {round_number} ({kind} killed at {delay:.3f} s)"
            killed_mid_run += cli.run(args, kill_after=delay) == -signal.SIGKILL

            assert integrity(db_path) == "ok", where
            after = snapshot(db)
            assert before.followed <= after.followed, where
            assert before.events <= after.events, where
            if kind == "import":
                imported = after.films - before.films
                assert imported in {0, len(new_titles)}, f"{where}: half an import ({imported})"

            complete_poll(db)
            with db.session() as session:
                pending = session.scalar(select(func.count()).where(Article.processed_at.is_(None)))
                assert pending == 0, f"{where}: articles left unprocessed"
                stale = session.scalars(
                    select(Feed.url).where(
                        (Feed.last_success_at.is_(None)) | (Feed.last_success_at < started)
                    )
                ).all()
                if kind.endswith("poll"):
                    assert stale == [], f"{where}: feeds never polled: {stale}"
    cli.close()
    db.dispose()
    assert killed_mid_run == kills, f"seed {seed_value}: only {killed_mid_run} mid-run kills"
