"""Feed bytes to plain-text entries: feedparser behind safety checks and normalisation.

feedparser only ever sees bytes we fetched (never a URL). Before it runs, documents that are
empty, HTML pages, or that declare XML entities (the billion-laughs and external-entity
attacks) are refused with a sentence a user understands.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from watchlist.core.text import clean_text, contains_unsafe_chars, fold_whitespace

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 500
MAX_SUMMARY_CHARS = 4000
MAX_GUID_CHARS = 2000
MAX_LINK_CHARS = 2000
# Dates before the web existed, or more than a day ahead, are typos or broken generators.
EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(days=1)

_ROOT_START = re.compile(r"<[A-Za-z_]")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_FEED_START = re.compile(
    r"^\s*(<\?xml|(<!--.*?-->\s*)*<(rss|feed|rdf:rdf)[\s>])", re.IGNORECASE | re.DOTALL
)


class FeedParseError(Exception):
    """The document is not a usable feed; ``str(error)`` is fit to show a user."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry, normalised: plain text, a safe link, a stable guid, an aware UTC date."""

    guid: str
    title: str
    summary: str
    link: str | None
    published_at: datetime


@dataclass(frozen=True)
class FeedDocument:
    """A parsed feed: its own metadata and the raw feedparser entries.

    Entries are normalised lazily (``entry_guid`` first, ``normalise_entry`` for new ones) so
    that entries already stored cost almost nothing.
    """

    title: str
    site_link: str | None
    ttl_s: int | None
    raw_entries: Sequence[Mapping[str, Any]]
    base_url: str
    notes: list[str] = field(default_factory=list)


ParseFunction = Callable[[bytes, Mapping[str, str], str], FeedDocument]


def parse_document(body: bytes, headers: Mapping[str, str], url: str) -> FeedDocument:
    """Parse feed bytes (the response headers help find the charset); raise FeedParseError."""
    check_document(body, headers)
    try:
        parsed = feedparser.parse(
            body,
            response_headers=_feedparser_headers(headers),
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    except Exception:
        # Some malformed documents break feedparser itself (fuzzing found a NUL in the declared
        # encoding, a <width> without a number, ...): for the user that feed is unreadable.
        log.info("feedparser failed on a document", exc_info=True)
        raise FeedParseError("malformed feed: the feed parser cannot read it") from None
    entries: list[Mapping[str, Any]] = list(parsed.get("entries", []))
    notes: list[str] = []
    # A missing or generic Content-Type (file:// has none) is no problem of the feed's.
    if parsed.get("bozo") and type(parsed.get("bozo_exception")).__name__ != "NonXMLContentType":
        problem = describe_bozo(parsed.get("bozo_exception"))
        if not entries:
            if not parsed.get("version") and not parsed.get("feed", {}).get("title"):
                raise FeedParseError(f"not a feed: {problem}")
            raise FeedParseError(problem)
        notes.append(f"{problem}; {len(entries)} items were recovered")
    elif not parsed.get("version"):
        raise FeedParseError("not a feed: the document is neither RSS nor Atom")
    meta = parsed.get("feed", {})
    return FeedDocument(
        title=clean_text(meta.get("title", ""), MAX_TITLE_CHARS),
        site_link=safe_link(meta.get("link"), url),
        ttl_s=_ttl_seconds(meta.get("ttl")),
        raw_entries=entries,
        base_url=url,
        notes=notes,
    )


def check_document(body: bytes, headers: Mapping[str, str]) -> None:
    """Refuse empty bodies, HTML pages and entity declarations before any XML parser runs."""
    probe = _probe_text(body)
    if not probe.strip():
        raise FeedParseError("the server sent an empty document")
    content_type = headers.get("content-type", "").lower()
    looks_like_feed = bool(_FEED_START.match(probe))
    if _HTML_START.match(probe) or ("html" in content_type and not looks_like_feed):
        raise FeedParseError("not a feed: the server sent an HTML page")
    if not probe.lstrip().startswith("<"):
        raise FeedParseError("not a feed: the document is not XML")
    root = _ROOT_START.search(probe)
    prolog = probe[: root.start()] if root else probe
    if _ENTITY_DECLARATION.search(prolog):
        raise FeedParseError(
            "unsafe feed: it declares XML entities, which Watchlist refuses to expand"
        )


def _probe_text(body: bytes) -> str:
    # Enough of the document to see its prolog, as text whatever the encoding: UTF-16/32
    # would otherwise hide "<!ENTITY" from a byte search.
    head = body[:65536]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if len(head) >= 4 and (head[0] == 0 or head[1] == 0):
        # UTF-16 or UTF-32 without a BOM: decoding as UTF-16 and dropping NULs covers both.
        codec = "utf-16-be" if head[0] == 0 else "utf-16-le"
        return head.decode(codec, errors="replace").replace("\x00", "")
    return head.decode("latin-1")


def _feedparser_headers(headers: Mapping[str, str]) -> dict[str, str]:
    # Only what bears on decoding. No base URL either: feedparser would resolve relative
    # guids against it, and a feed that moves would then see every entry as new.
    keep = {"content-type", "content-language"}
    return {k.lower(): v for k, v in headers.items() if k.lower() in keep}


def describe_bozo(exc: object) -> str:
    """A sentence for feedparser's "bozo" exception."""
    if exc is None:
        return "the feed is malformed"
    name = type(exc).__name__
    if name == "CharacterEncodingOverride":
        encoding = str(exc).rsplit(" ", 1)[-1]
        return f"the feed's text encoding is missing or wrong (read as {encoding})"
    if name == "CharacterEncodingUnknown":
        return "the feed's text encoding cannot be determined"
    message = getattr(exc, "getMessage", lambda: str(exc))()
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" (line {line})" if line else ""
    return f"malformed XML: {message}{where}"


def _ttl_seconds(value: object) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if 0 < minutes <= 7 * 24 * 60 else None


def safe_link(value: object, base_url: str) -> str | None:
    """An absolute http(s) link, or None (javascript:, data:, mailto: and junk are dropped)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        link = urljoin(base_url, value.strip()) if base_url.startswith("http") else value.strip()
        parts = urlsplit(link)
    except ValueError:  # "http://[broken": an invalid IPv6 host
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if len(link) > MAX_LINK_CHARS or contains_unsafe_chars(link) or any(c.isspace() for c in link):
        return None
    return link


def entry_guid(raw: Mapping[str, Any]) -> str:
    """The entry's identity: its guid/id, else its link, else a hash of title and date."""
    guid = raw.get("id")
    if isinstance(guid, str) and guid.strip():
        guid = fold_whitespace(guid)
        if len(guid) <= MAX_GUID_CHARS:
            return guid
        return "sha256:" + hashlib.sha256(guid.encode()).hexdigest()
    # The link as written, not resolved: the guid must not change if the feed moves.
    link = raw.get("link")
    if isinstance(link, str) and link.strip() and len(link.strip()) <= MAX_GUID_CHARS:
        return link.strip()
    basis = "\x1f".join(
        str(_field(raw, key) or "") for key in ("title", "published", "updated", "summary")
    )
    return "sha256:" + hashlib.sha256(basis.encode()).hexdigest()


def _field(raw: Mapping[str, Any], key: str) -> Any:
    # ``in`` first: feedparser answers a missing "updated" with "published" and a warning.
    return raw.get(key) if key in raw else None


def entry_date(raw: Mapping[str, Any], fetched_at: datetime) -> datetime:
    """The published (else updated) date as aware UTC; the fetch time when missing or absurd."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = _field(raw, key)
        if isinstance(value, time.struct_time):
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if EARLIEST_PLAUSIBLE <= moment <= fetched_at + FUTURE_TOLERANCE:
                return moment
    return fetched_at


def normalise_entry(raw: Mapping[str, Any], base_url: str, fetched_at: datetime) -> FeedEntry:
    """One raw feedparser entry as a FeedEntry."""
    summary_html = raw.get("summary") or ""
    if not summary_html:
        content = raw.get("content") or []
        if content and isinstance(content[0], Mapping):
            summary_html = content[0].get("value", "")
    title = clean_text(raw.get("title", ""), MAX_TITLE_CHARS)
    summary = clean_text(summary_html, MAX_SUMMARY_CHARS)
    return FeedEntry(
        guid=entry_guid(raw),
        title=title or clean_text(summary, 120),
        summary=summary,
        link=safe_link(raw.get("link"), base_url),
        published_at=entry_date(raw, fetched_at),
    )
