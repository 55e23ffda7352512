"""OPML import and export of the feed list."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from watchlist.core.db import Database
from watchlist.core.errors import UsageError
from watchlist.core.feeds.opml import export_opml, import_opml
from watchlist.core.feeds.registry import add_feed, list_feeds

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Trade press">
      <outline type="rss" text="Deadline" xmlUrl="https://deadline.com/feed/"/>
      <outline type="rss" text="Variety" title="Variety" xmlUrl="variety.com/feed/"/>
    </outline>
    <outline type="rss" text="Again" xmlUrl="https://deadline.com/feed/"/>
    <outline type="rss" text="Broken" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="No address"/>
    <outline type="rss" text="Existing" xmlUrl="https://www.indiewire.com/feed/"/>
  </body>
</opml>
"""


@pytest.mark.postgres
def test_import_adds_reports_duplicates_and_invalid_entries(db: Database) -> None:
    with db.session() as session:
        add_feed(session, "https://www.indiewire.com/feed/")
        result = import_opml(session, OPML)
        assert result.added == ["https://deadline.com/feed/", "https://variety.com/feed/"]
        assert result.already_present == ["https://www.indiewire.com/feed/"]
        assert [entry for entry, _ in result.invalid] == ["javascript:alert(1)", "No address"]
        assert "not a web address" in result.invalid[0][1]
        assert result.invalid[1][1] == "it has no xmlUrl"
        titles = {f.url: f.title for f in list_feeds(session)}
        assert titles["https://variety.com/feed/"] == "Variety"


def test_export_then_import_round_trips(db: Database, tmp_path: object) -> None:
    with db.session() as session:
        add_feed(session, "https://deadline.com/feed/", title="Deadline & Co")
        add_feed(session, "https://variety.com/feed/")
        document = export_opml(session)
    root = ET.fromstring(document)
    outlines = root.findall("./body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [
        "https://variety.com/feed/",
        "https://deadline.com/feed/",
    ]
    assert outlines[1].get("text") == "Deadline & Co"
    with db.session() as session:
        result = import_opml(session, document)
        assert result.added == [] and len(result.already_present) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a usable OPML feed list"),
        (b"<opml><body><outline", "not valid OPML"),
        (b"<rss version='2.0'><channel/></rss>", "root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "has no <body>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<opml><body><outline xmlUrl="https://e.com/&x;"/></body></opml>',
            "declares XML entities",
        ),
    ],
)
def test_files_that_are_not_opml_are_refused(db: Database, data: bytes, message: str) -> None:
    with db.session() as session, pytest.raises(UsageError, match=message):
        import_opml(session, data)
