"""``watchlist --demo``: a temporary database with a few films and bundled local feeds.

The feeds are files shipped in ``watchlist/data/demo_feeds`` (a real /Film feed and a
synthetic one, see SOURCES.md there), copied to the demo folder and read as file:// URLs, so
the demo works offline and never touches the user's own database or settings.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from watchlist.core.db import Database, open_database
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, add_film, parse_people

DEMO_FEEDS = {
    "watchlist-demo-synthetic.xml": "Watchlist demo news (synthetic)",
    "slashfilm-2015.xml": "/Film (August 2015)",
}
DEMO_FILMS = (
    FilmSpec(
        "Good Sex",
        2026,
        parse_people("Lena Dunham (director); Natalie Portman (cast)"),
        notes="The rom-com from the EFM bidding war.",
    ),
    FilmSpec("Paper Lanterns", 2027, parse_people("Ruth Okafor (director); Daniel Kaluuya (cast)")),
    FilmSpec("The Salt Road", 2027, parse_people("Jonas Berg (director); Vicky Krieps (cast)")),
    FilmSpec("Midnight Ferry", 2027, parse_people("Lola Hart (director)")),
    FilmSpec("Orchard of Glass", 2027, parse_people("Mia Lindqvist (director)")),
    FilmSpec("Goosebumps", 2015, parse_people("Rob Letterman (director); Jack Black (cast)")),
    FilmSpec(
        "Nocturnal Animals",
        2016,
        parse_people("Tom Ford (director); Amy Adams (cast); Jake Gyllenhaal (cast)"),
    ),
    FilmSpec(
        "The Sisters Brothers",
        2018,
        parse_people("Jacques Audiard (director); John C. Reilly (cast)"),
    ),
)


@dataclass(frozen=True)
class DemoEnvironment:
    """Where the demo lives; remove ``folder`` when the demo ends."""

    folder: Path
    db_url: str

    @property
    def settings_file(self) -> Path:
        """The demo's own window settings (the user's are left alone)."""
        return self.folder / "window.ini"

    def cleanup(self) -> None:
        """Delete the demo database, feeds and settings."""
        shutil.rmtree(self.folder, ignore_errors=True)


def copy_demo_feeds(folder: Path) -> list[Path]:
    """Copy the bundled demo feed files into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    source = resources.files("watchlist") / "data" / "demo_feeds"
    copies = []
    for name in DEMO_FEEDS:
        target = folder / name
        target.write_bytes(source.joinpath(name).read_bytes())
        copies.append(target)
    return copies


def populate_demo(db: Database, feeds_folder: Path) -> None:
    """Follow the demo films and subscribe to the demo feeds (file:// URLs)."""
    feeds = copy_demo_feeds(feeds_folder)
    with db.session() as session:
        for spec in DEMO_FILMS:
            add_film(session, spec)
        for path in feeds:
            add_feed(session, path.resolve().as_uri(), title=DEMO_FEEDS[path.name])


def create_demo_environment() -> DemoEnvironment:
    """A new temporary folder with a populated demo database."""
    folder = Path(tempfile.mkdtemp(prefix="watchlist-demo-"))
    db_url = f"sqlite:///{folder / 'demo.sqlite3'}"
    db = open_database(db_url)
    try:
        populate_demo(db, folder / "feeds")
    finally:
        db.dispose()
    return DemoEnvironment(folder=folder, db_url=db_url)
