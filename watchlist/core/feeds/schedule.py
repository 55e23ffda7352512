"""When each feed is polled next: its interval, what the server asks, and backoff on failure."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

DEFAULT_INTERVAL_S = 30 * 60
MIN_INTERVAL_S = 5 * 60
MAX_DELAY_S = 24 * 60 * 60
# A server may ask for a longer wait, but one day is as long as a news feed should go unread.
MAX_SERVER_INTERVAL_S = MAX_DELAY_S

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


def effective_interval(poll_interval_s: int | None) -> int:
    """The feed's own interval, never below the five-minute minimum."""
    return max(MIN_INTERVAL_S, poll_interval_s or DEFAULT_INTERVAL_S)


def cache_max_age(headers: Mapping[str, str]) -> int | None:
    """Seconds from ``Cache-Control: max-age``, or None."""
    match = _MAX_AGE.search(headers.get("cache-control", ""))
    return int(match.group(1)) if match else None


def retry_after(headers: Mapping[str, str], now: datetime) -> int | None:
    """Seconds from ``Retry-After`` (a number of seconds or an HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - now).total_seconds()))


def server_min_interval(headers: Mapping[str, str], ttl_s: int | None) -> int | None:
    """The longest wait the server asked for through ``<ttl>`` or ``max-age``, capped at a day."""
    asked = [value for value in (ttl_s, cache_max_age(headers)) if value]
    return min(max(asked), MAX_SERVER_INTERVAL_S) if asked else None


def next_poll_after_success(
    now: datetime, poll_interval_s: int | None, server_min_s: int | None
) -> datetime:
    """The next poll after a good answer: the interval, or longer if the server asked."""
    delay = max(effective_interval(poll_interval_s), server_min_s or 0)
    return now + timedelta(seconds=delay)


def backoff_delay(
    failures: int,
    poll_interval_s: int | None,
    *,
    retry_after_s: int | None = None,
    rand: Callable[[], float] = random.random,
) -> int:
    """Seconds to wait after ``failures`` consecutive failures (1 for the first).

    Doubles the interval per failure with up to 25 % random jitter (so feeds that failed
    together do not retry together), honours Retry-After, and never exceeds a day.
    """
    base = effective_interval(poll_interval_s) * 2 ** max(0, min(failures - 1, 16))
    delay = min(float(MAX_DELAY_S), base * (1.0 + 0.25 * rand()))
    if retry_after_s:
        delay = max(delay, float(min(retry_after_s, MAX_DELAY_S)))
    return int(min(delay, MAX_DELAY_S))
