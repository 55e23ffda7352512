"""``watchlist poll --once``: one headless poll cycle, with what each feed did."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from watchlist.cli.context import CliContext
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.poller import FeedResult, PollProgress, PollReport
from watchlist.core.feeds.registry import find_feed
from watchlist.core.pipeline import PollOutcome, run_poll


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``poll`` verb."""
    poll = subparsers.add_parser(
        "poll", help="check the feeds now and report what each one brought"
    )
    poll.add_argument(
        "--once",
        action="store_true",
        help="one cycle, then exit (what poll always does; watchlist serve polls on a schedule)",
    )
    poll.add_argument("--all", action="store_true", help="check every feed, due or not")
    poll.add_argument(
        "--feed", action="append", default=[], metavar="URL", help="check this feed now"
    )
    poll.set_defaults(handler=poll_command)


class TerminalProgress:
    """ "[3/12] https://..." rewritten in place on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()

    def __call__(self, progress: PollProgress) -> None:
        if self.enabled:
            line = f"[{progress.done}/{progress.total}] {progress.feed_url}"[:78]
            self.stream.write(f"\r\x1b[K{line}")
            self.stream.flush()

    def clear(self) -> None:
        """Erase the progress line before the summary is printed."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def describe_result(result: FeedResult) -> str:
    """The summary line of one feed."""
    if result.outcome == "new":
        items = "1 new item" if result.new_articles == 1 else f"{result.new_articles} new items"
        line = f"{result.name}: {items}"
        return f"{line} ({result.note})" if result.note else line
    if result.outcome == "not_modified":
        return f"{result.name}: not modified"
    if result.outcome == "disabled":
        return f"{result.name}: disabled ({result.error})"
    return f"{result.name}: error: {result.error}"


def describe_report(report: PollReport, changes: int) -> str:
    """The closing line: totals over all feeds."""
    failed = sum(1 for r in report.results if r.outcome == "error")
    unchanged = sum(1 for r in report.results if r.outcome == "not_modified")
    parts = [
        f"checked {len(report.results)} feed{'' if len(report.results) == 1 else 's'}",
        f"{report.new_articles} new items",
        f"{unchanged} not modified",
        f"{failed} failed",
        f"{changes} status changes",
    ]
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + (" (cancelled)" if report.cancelled else "") + "."


def poll_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Poll once; exit 1 only when every polled feed failed."""
    with ctx.db.session() as session:
        feed_ids = [find_feed(session, url).id for url in args.feed] or None
    outcome = _poll_cycle(ctx, due_only=not args.all, feed_ids=feed_ids)
    if not outcome.report.results:
        ctx.print("No feeds are due; use --all to check every feed now.")
        return 0
    return 1 if outcome.report.all_failed else 0


def _poll_cycle(ctx: CliContext, *, due_only: bool, feed_ids: list[int] | None) -> PollOutcome:
    progress = TerminalProgress(ctx.err)
    with HttpxFeedClient() as client:
        try:
            outcome = run_poll(
                ctx.db,
                client=client,
                due_only=due_only,
                feed_ids=feed_ids,
                on_progress=progress,
            )
        finally:
            progress.clear()
    for result in outcome.report.results:
        ctx.print(describe_result(result))
    if outcome.report.results:
        ctx.print(describe_report(outcome.report, len(outcome.changes)))
    return outcome
