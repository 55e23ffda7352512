"""OPML import and export of the feed list (the format every feed reader exchanges)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime

from sqlalchemy.orm import Session

from watchlist.core.errors import DuplicateError, UsageError
from watchlist.core.feeds.parse import FeedParseError, check_document
from watchlist.core.feeds.registry import add_feed, list_feeds, normalize_feed_url
from watchlist.core.models import utcnow
from watchlist.core.text import fold_whitespace

MAX_OPML_BYTES = 5 * 1024 * 1024


@dataclass
class OpmlImportResult:
    """What an import did: URLs added, URLs already subscribed, entries refused with why."""

    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)


def _parse_opml(data: bytes) -> ET.Element:
    if len(data) > MAX_OPML_BYTES:
        raise UsageError("This OPML file is larger than 5 MB; it is not a feed list.")
    try:
        check_document(data, {"content-type": "text/x-opml"})
    except FeedParseError as exc:
        raise UsageError(f"This file is not a usable OPML feed list: {exc}.") from None
    try:
        # The entity check above has run, and expat never fetches external entities.
        root = ET.fromstring(data)  # noqa: S314
    except ET.ParseError as exc:
        raise UsageError(f"This file is not valid OPML: {exc}.") from None
    if root.tag.lower() != "opml":
        raise UsageError(f"This file is not OPML: its root element is <{root.tag}>, not <opml>.")
    body = root.find("body")
    if body is None:
        raise UsageError("This OPML file has no <body>, so it lists no feeds.")
    return body


def import_opml(session: Session, data: bytes) -> OpmlImportResult:
    """Subscribe every feed an OPML document lists (folders are flattened).

    Raises UsageError when the document is not OPML at all; single bad entries are reported
    in ``invalid`` with their reason and do not stop the rest.
    """
    body = _parse_opml(data)
    result = OpmlImportResult()
    seen: set[str] = set()
    for outline in body.iter("outline"):
        raw_url = outline.get("xmlUrl") or outline.get("xmlurl") or outline.get("url")
        label = fold_whitespace(outline.get("title") or outline.get("text") or "")
        if raw_url is None:
            if outline.get("type", "").lower() in {"rss", "atom"}:
                result.invalid.append((label or "(untitled)", "it has no xmlUrl"))
            continue
        try:
            url = normalize_feed_url(raw_url)
        except UsageError as exc:
            result.invalid.append((raw_url.strip() or label or "(empty)", str(exc)))
            continue
        if url in seen:
            continue
        seen.add(url)
        try:
            add_feed(session, url, title=label or None)
        except DuplicateError:
            result.already_present.append(url)
        else:
            result.added.append(url)
    return result


def export_opml(session: Session) -> bytes:
    """The subscribed feeds as an OPML 2.0 document (UTF-8 bytes)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "Watchlist feeds"
    ET.SubElement(head, "dateCreated").text = format_datetime(utcnow(), usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in list_feeds(session):
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.site_link:
            attributes["htmlUrl"] = feed.site_link
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
