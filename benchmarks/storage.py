"""Row 5: insert rate and size for articles and events; reading 10,000 films' current status."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.harness import Row, timed
from watchlist.core.db import open_database
from watchlist.core.models import Article, Event, Feed, Film, film_identity_key
from watchlist.core.readstate import current_user_key
from watchlist.ui.queries import load_watchlist

START = datetime(2026, 1, 1, tzinfo=UTC)


def _article_rows(feed_id: int, count: int) -> list[dict[str, object]]:
    return [
        {
            "feed_id": feed_id,
            "guid": f"https://example.test/news/{i}",
            "link": f"https://example.test/news/{i}",
            "title": f"Studio lands package {i} after a bidding war at the market",
            "summary": "A drama about a family and a dog. " * 8,
            "published_at": START + timedelta(minutes=i),
            "fetched_at": START + timedelta(minutes=i),
            "source": "Benchmark",
        }
        for i in range(count)
    ]


def run(*, quick: bool, tiny: bool = False) -> list[Row]:
    """Measure the storage rows (``tiny``: the smoke test's size)."""
    n_articles = 10_000 if quick else 100_000
    n_events = 2_000 if quick else 20_000
    n_films = 10_000
    if tiny:
        n_articles, n_events, n_films = 500, 100, 200
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = open_database(f"sqlite:///{path}")
        with db.session() as session:
            feed = Feed(url="https://example.test/feed")
            session.add(feed)
            session.flush()
            feed_id = feed.id
        articles = _article_rows(feed_id, n_articles)

        def insert_articles() -> int:
            with db.session() as session:
                for start in range(0, len(articles), 5_000):
                    session.execute(insert(Article), articles[start : start + 5_000])
            return len(articles)

        subject_s, _ = timed(insert_articles)

        raw_path = Path(tmp) / "raw.sqlite3"
        raw = sqlite3.connect(raw_path)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, feed_id INT, guid TEXT, link TEXT,"
            " title TEXT, summary TEXT, published_at TEXT, fetched_at TEXT, source TEXT,"
            " UNIQUE(feed_id, guid))"
        )
        tuples = [
            (
                a["feed_id"],
                a["guid"],
                a["link"],
                a["title"],
                a["summary"],
                str(a["published_at"]),
                str(a["fetched_at"]),
                a["source"],
            )
            for a in articles
        ]

        def raw_insert() -> int:
            with raw:
                raw.executemany(
                    "INSERT INTO articles (feed_id, guid, link, title, summary, published_at,"
                    " fetched_at, source) VALUES (?,?,?,?,?,?,?,?)",
                    tuples,
                )
            return len(tuples)

        baseline_s, _ = timed(raw_insert)
        raw.close()
        rows.append(
            Row(
                f"storage: insert {n_articles:,} articles",
                subject_s,
                "raw sqlite3 executemany",
                baseline_s,
                detail=f"{n_articles / subject_s:,.0f} articles/s",
            )
        )

        with db.session() as session:
            session.execute(
                insert(Film),
                [
                    {
                        "title": f"Film {i}",
                        "year": 2000 + i % 30,
                        "identity_key": film_identity_key(f"Film {i}", 2000 + i % 30),
                        "status": ("acquired", "dated", "unannounced")[i % 3],
                        "deal_buyer": "Netflix" if i % 3 == 0 else None,
                        "release_date": "2027-03-05" if i % 3 == 1 else None,
                    }
                    for i in range(n_films)
                ],
            )
            film_ids = list(session.scalars(select(Film.id)))
        events = [
            {
                "film_id": film_ids[i % len(film_ids)],
                "kind": "deal.acquisition",
                "fingerprint": f"buyer-{i}",
                "fields": {"buyer": "Netflix", "price_usd": 55_000_000},
                "evidence": "Netflix bought world rights for $55M.",
                "confidence": 0.95,
                "occurred_at": START + timedelta(minutes=i),
            }
            for i in range(n_events)
        ]

        def insert_events() -> int:
            with db.session() as session:
                session.execute(insert(Event), events)
            return len(events)

        events_s, _ = timed(insert_events)
        size_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.sqlite3*")) / 1e6
        rows.append(
            Row(
                f"storage: insert {n_events:,} events",
                events_s,
                f"insert {n_articles:,} articles",
                subject_s,
                detail=f"{n_events / events_s:,.0f} events/s; database {size_mb:.1f} MB",
            )
        )

        user = current_user_key()

        def read_status() -> int:
            # What the window does to fill its table: the same function, not a copy of it.
            return len(load_watchlist(db, user))

        status_s, count = timed(read_status, repeat=5)
        conn = sqlite3.connect(path)

        def raw_status() -> int:
            return len(
                conn.execute(
                    "SELECT id, title, year, status, release_date, release_precision,"
                    " deal_buyer, deal_price_text, last_event_at FROM films WHERE followed"
                ).fetchall()
            )

        raw_s, _ = timed(raw_status, repeat=5)
        conn.close()
        rows.append(
            Row(
                f"storage: status of {count:,} films (the window's load_watchlist)",
                status_s,
                "raw sqlite3 select of the films columns",
                raw_s,
                target="< 100 ms",
                met=status_s < 0.1,
            )
        )
        db.dispose()
    return rows
