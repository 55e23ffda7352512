"""``watchlist detect`` over files and ``watchlist events`` over the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watchlist.cli.app import main
from watchlist.core.db import Database
from watchlist.core.detect.recorder import process_pending_articles
from watchlist.core.films import FilmSpec, PersonSpec, add_film
from watchlist.core.models import Article

FILMS_CSV = (
    "title,year,people,aliases\n"
    "Good Sex,2026,Lena Dunham;Natalie Portman,\n"
    "Dolittle,2020,Robert Downey Jr.,The Voyage of Doctor Dolittle;Doctor Dolittle\n"
)
ARTICLES = [
    {
        "id": "1",
        "title": "Netflix Lands Lena Dunham's Rom-Com 'Good Sex' For $55M",
        "summary": "Netflix has not yet announced a release date.",
        "link": "https://example.test/1",
        "published": "2025-02-15T10:00:00Z",
    },
    {"id": "2", "title": "Nothing here", "summary": "", "link": None, "published": None},
    {
        "id": "3",
        "title": "Neon Acquires 'The Silent Orchard' At Sundance",
        "summary": "",
        "link": "https://example.test/3",
        "published": "2025-01-27T10:00:00Z",
    },
    {
        "id": "4",
        "title": "Universal Moves 'The Voyage Of Doctor Dolittle' To April 12, 2019",
        "summary": "",
        "link": "https://example.test/4",
        "published": "2018-03-01T10:00:00Z",
    },
]


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path]:
    films = tmp_path / "films.csv"
    films.write_text(FILMS_CSV, encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return films, articles


def test_detect_prints_one_json_line_per_event(
    archive: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    films, articles = archive
    db_file = tmp_path / "never.sqlite3"
    assert (
        main(["--db", f"sqlite:///{db_file}", "detect", "--films", str(films), str(articles)]) == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["article_id"], e["film"], e["kind"]) for e in lines] == [
        ("1", "Good Sex", "deal.acquisition"),
        ("4", "Dolittle", "release.date_changed"),
    ]
    assert set(lines[0]) >= {"article_id", "film", "kind", "fields", "confidence", "evidence"}
    assert lines[0]["fields"]["price_usd"] == 55_000_000
    assert not db_file.exists()  # no database touched


def test_detect_discover_marks_unfollowed_films(
    archive: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    films, articles = archive
    assert main(["detect", "--discover", "--films", str(films), str(articles)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    discovered = [e for e in lines if e["followed"] is False]
    assert [(e["film"], e["kind"]) for e in discovered] == [
        ("The Silent Orchard", "deal.acquisition")
    ]


def test_detect_reports_bad_input_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], archive: tuple[Path, Path]
) -> None:
    films, _ = archive
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "1", "title": "x"}\n{not json\n', encoding="utf-8")
    assert main(["detect", "--films", str(films), str(broken)]) == 2
    assert "Line 2 of broken.jsonl is not valid JSON" in capsys.readouterr().err
    no_title = tmp_path / "films.csv"
    no_title.write_text("name,year\nX,2020\n", encoding="utf-8")
    assert main(["detect", "--films", str(no_title), str(broken)]) == 2
    assert "has no 'title' column" in capsys.readouterr().err
    assert main(["detect", "--films", str(tmp_path / "missing.csv"), str(broken)]) == 2


def test_detect_reads_feed_shaped_items_and_skips_only_broken_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], archive: tuple[Path, Path]
) -> None:
    films, _ = archive
    items = tmp_path / "feed.jsonl"
    feed_item = {
        "id": "html",
        "title": "Netflix Lands Lena Dunham&#8217;s Rom-Com &#8216;Good Sex&#8217;",
        "summary": "<p>Netflix bought <a href='x'>world rights</a> to <em>Good Sex</em> "
        "for $55M.</p><script>alert(1)</script>",
        "link": "https://example.test/html",
        "published": "Sat, 15 Feb 2025 10:00:00 GMT",
    }
    dated = {
        "id": "dated",
        "title": "Universal Moves 'Doctor Dolittle' To April 12",
        "summary": None,
    }
    dated["published"] = "Thu, 01 Mar 2018 10:00:00 +0000"
    items.write_text(
        "\n".join([json.dumps(feed_item), "{broken", json.dumps(dated)]) + "\n", encoding="utf-8"
    )
    assert main(["detect", "--films", str(films), str(items)]) == 2
    captured = capsys.readouterr()
    events = [json.loads(line) for line in captured.out.splitlines()]
    # The HTML is read as text (no tags, entities decoded) and the RFC 822 date places
    # "April 12" in 2018; the broken line between them costs nothing but itself.
    assert [(e["article_id"], e["kind"]) for e in events] == [
        ("html", "deal.acquisition"),
        ("dated", "release.date_changed"),
    ]
    assert "<" not in events[0]["evidence"] and "alert" not in events[0]["evidence"]
    assert events[1]["fields"]["new_date"] == "2018-04-12"
    assert "Line 2 of feed.jsonl is not valid JSON" in captured.err
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "u", "title": "Netflix Sets 'Good Sex' For March 5"}))
    assert main(["detect", "--films", str(films), str(undated)]) == 0
    (event,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # No date on the item: it is read as today's news, so March 5 is the next one from now.
    assert event["fields"]["date"][4:] == "-03-05"
    assert event["fields"]["date"][:4] in {str(datetime.now(UTC).year + n) for n in (0, 1)}
    spreadsheet = tmp_path / "Films.csv"
    spreadsheet.write_text("Title, Year ,People\nGood Sex,2026,Lena Dunham\n", encoding="utf-8")
    assert main(["detect", "--films", str(spreadsheet), str(items)]) == 2
    assert [json.loads(line)["film"] for line in capsys.readouterr().out.splitlines()] == [
        "Good Sex"
    ]
    assert "1 line of" in captured.err and "the other lines were processed" in captured.err


def test_events_lists_the_timeline(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026, [PersonSpec("Lena Dunham")]))
        for guid in ("a", "b"):
            session.add(
                Article(
                    guid=guid,
                    link=f"https://example.test/{guid}",
                    title="Netflix Lands Lena Dunham's Rom-Com 'Good Sex' For $55M",
                    published_at=datetime(2025, 2, 15, tzinfo=UTC),
                )
            )
    process_pending_articles(db)
    assert main(["--db", db_url, "events"]) == 0
    out = capsys.readouterr().out
    assert "Good Sex: acquired by Netflix ($55M)" in out and "[2 sources]" in out
    assert main(["--db", db_url, "events", "--film", "Good Sex", "--json"]) == 0
    [event] = json.loads(capsys.readouterr().out)["events"]
    assert event["kind"] == "deal.acquisition" and len(event["sources"]) == 2
    assert main(["--db", db_url, "events", "--film", "Nope"]) == 1
    assert "no film called 'Nope'" in capsys.readouterr().err
