"""The polling schedule: intervals, server hints, backoff."""

from __future__ import annotations

from datetime import timedelta

from tests.core.feeds.conftest import NOW
from watchlist.core.feeds.schedule import (
    MAX_DELAY_S,
    MIN_INTERVAL_S,
    backoff_delay,
    cache_max_age,
    effective_interval,
    next_poll_after_success,
    retry_after,
    server_min_interval,
)


def test_interval_has_a_floor_of_five_minutes() -> None:
    assert effective_interval(60) == MIN_INTERVAL_S
    assert effective_interval(None) == 30 * 60
    assert effective_interval(3600) == 3600


def test_server_hints() -> None:
    assert cache_max_age({"cache-control": "public, max-age=600, must-revalidate"}) == 600
    assert cache_max_age({"cache-control": "s-maxage=5, no-cache"}) is None
    assert server_min_interval({}, 3600) == 3600
    assert server_min_interval({"cache-control": "max-age=7200"}, 3600) == 7200
    assert server_min_interval({"cache-control": "max-age=9999999"}, None) == MAX_DELAY_S
    assert server_min_interval({}, None) is None


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after({"retry-after": "120"}, NOW) == 120
    assert retry_after({"retry-after": "Wed, 25 Nov 2026 13:00:00 GMT"}, NOW) == 3600
    assert retry_after({"retry-after": "Wed, 25 Nov 2026 11:00:00 GMT"}, NOW) == 0
    assert retry_after({"retry-after": "soon"}, NOW) is None
    assert retry_after({}, NOW) is None


def test_next_poll_after_success() -> None:
    assert next_poll_after_success(NOW, 1800, None) == NOW + timedelta(minutes=30)
    assert next_poll_after_success(NOW, 1800, 7200) == NOW + timedelta(hours=2)
    assert next_poll_after_success(NOW, 1800, 60) == NOW + timedelta(minutes=30)


def test_backoff_doubles_with_jitter_and_is_capped_at_a_day() -> None:
    assert backoff_delay(1, 1800, rand=lambda: 0.0) == 1800
    assert backoff_delay(2, 1800, rand=lambda: 0.0) == 3600
    assert backoff_delay(2, 1800, rand=lambda: 1.0) == 4500
    assert backoff_delay(30, 1800, rand=lambda: 1.0) == MAX_DELAY_S
    assert backoff_delay(1, 1800, retry_after_s=7200, rand=lambda: 0.0) == 7200
    assert backoff_delay(1, 1800, retry_after_s=10**9, rand=lambda: 0.0) == MAX_DELAY_S
