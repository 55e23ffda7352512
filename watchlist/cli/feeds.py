"""``watchlist feeds add | list | remove | enable | disable | import | export | add-defaults``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from watchlist.cli.context import CliContext
from watchlist.core.errors import UsageError
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.discovery import resolve_feed_url
from watchlist.core.feeds.opml import export_opml, import_opml
from watchlist.core.feeds.registry import (
    add_feed,
    find_feed,
    list_feeds,
    normalize_feed_url,
    remove_feed,
    set_feed_enabled,
    subscribe_default_feeds,
)
from watchlist.core.models import Feed, utcnow


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``feeds`` verb and its sub-commands."""
    feeds = subparsers.add_parser("feeds", help="the news feeds Watchlist reads")
    verbs = feeds.add_subparsers(dest="feeds_verb", metavar="ACTION", required=True)

    add = verbs.add_parser("add", help="subscribe to a feed (a site address finds its feed)")
    add.add_argument("url")
    add.add_argument(
        "--no-discover",
        action="store_true",
        help="subscribe to the address as typed, without looking for a feed on the page",
    )
    add.set_defaults(handler=add_command)

    listing = verbs.add_parser("list", help="show subscribed feeds and their health")
    listing.add_argument("--json", action="store_true", help="one JSON document")
    listing.set_defaults(handler=list_command)

    remove = verbs.add_parser("remove", help="unsubscribe (articles already read are kept)")
    remove.add_argument("url")
    remove.set_defaults(handler=remove_command)

    for name, enabled in (("enable", True), ("disable", False)):
        verb = verbs.add_parser(name, help=f"{name} polling of a feed")
        verb.add_argument("url")
        verb.set_defaults(handler=enable_command, enabled=enabled)

    importing = verbs.add_parser("import", help="subscribe to the feeds of an OPML file")
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=import_command)

    exporting = verbs.add_parser("export", help="write the feed list as OPML")
    exporting.add_argument("path", nargs="?", default="-", help="file to write, - for stdout")
    exporting.set_defaults(handler=export_command)

    defaults = verbs.add_parser(
        "add-defaults", help="subscribe again to the curated film news feeds you are missing"
    )
    defaults.set_defaults(handler=add_defaults_command)


def add_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Subscribe to a feed, finding it through the page when a site address is given."""
    url = normalize_feed_url(args.url)
    feed_url = url
    if not args.no_discover and urlsplit(url).scheme != "file":
        with HttpxFeedClient() as client:
            feed_url = resolve_feed_url(url, client)
    with ctx.db.session() as session:
        feed = add_feed(session, feed_url)
        if feed.url != url:
            ctx.print(f"Found the feed {feed.url} on {url}.")
        ctx.print(f"Subscribed to {feed.title or feed.url}; it is checked at the next poll.")
    return 0


def feed_to_json(feed: Feed) -> dict[str, Any]:
    """The stable JSON shape of a feed in ``feeds list --json``."""
    return {
        "url": feed.url,
        "title": feed.title,
        "site_link": feed.site_link,
        "enabled": feed.enabled,
        "disabled_reason": feed.disabled_reason,
        "poll_interval_min": feed.poll_interval_s // 60,
        "last_status": feed.last_status,
        "last_error": feed.last_error,
        "consecutive_failures": feed.consecutive_failures,
        "last_success_at": _iso(feed.last_success_at),
        "next_poll_at": _iso(feed.next_poll_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def describe_health(feed: Feed, now: datetime) -> str:
    """One phrase on a feed's state: "disabled: ...", "error: ...", "ok 5 min ago", "new"."""
    if not feed.enabled:
        return f"disabled: {feed.disabled_reason or 'disabled'}"
    if feed.last_error:
        return f"error: {feed.last_error}"
    if feed.last_success_at:
        return f"ok {_ago(now - feed.last_success_at)}"
    return "not checked yet"


def _ago(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def list_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Print the feeds with their health."""
    with ctx.db.session() as session:
        feeds = list_feeds(session)
        if args.json:
            ctx.print_json({"feeds": [feed_to_json(f) for f in feeds]})
            return 0
        if not feeds:
            ctx.print(
                "You have no feeds. Add one with: watchlist feeds add URL "
                "(or watchlist feeds add-defaults for the curated film news feeds)"
            )
            return 0
        now = utcnow()
        for feed in feeds:
            ctx.print(f"{feed.title or '(untitled)'}  <{feed.url}>  {describe_health(feed, now)}")
    return 0


def remove_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Unsubscribe from a feed."""
    with ctx.db.session() as session:
        feed = remove_feed(session, args.url)
        ctx.print(f"Unsubscribed from {feed.title or feed.url}.")
    return 0


def enable_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Enable or disable a feed."""
    with ctx.db.session() as session:
        feed = set_feed_enabled(session, find_feed(session, args.url).id, args.enabled)
        state = "enabled; it is checked at the next poll" if args.enabled else "disabled"
        ctx.print(f"{feed.title or feed.url} is {state}.")
    return 0


def import_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Subscribe to the feeds listed in an OPML file."""
    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    with ctx.db.session() as session:
        result = import_opml(session, data)
    ctx.print(
        f"Imported {path.name}: {len(result.added)} added, "
        f"{len(result.already_present)} already subscribed, {len(result.invalid)} invalid."
    )
    for entry, reason in result.invalid:
        ctx.print(f"  skipped {entry}: {reason}")
    return 0


def export_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Write the feed list as OPML to a file or standard output."""
    with ctx.db.session() as session:
        document = export_opml(session)
        count = len(list_feeds(session))
    if args.path == "-":
        ctx.out.flush()
        if ctx.out is sys.stdout:
            sys.stdout.buffer.write(document)
            sys.stdout.buffer.flush()
        else:
            ctx.out.write(document.decode("utf-8"))
        return 0
    target = Path(args.path)
    try:
        target.write_bytes(document)
    except OSError as exc:
        raise UsageError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    ctx.print(f"Wrote {count} feeds to {target}.")
    return 0


def add_defaults_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Subscribe to the curated feeds that are missing."""
    del args
    with ctx.db.session() as session:
        added = subscribe_default_feeds(session, again=True)
    ctx.print(f"Added {added} curated feeds." if added else "You have every curated feed.")
    return 0
